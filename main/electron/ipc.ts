// Registers the contract's handlers on ipcMain — one loop over the same handler map the HTTP mode
// uses — and forwards main's events to the window. Calls from any frame but our own are refused.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type ApiEvent, type ApiResult, type Handlers } from '../../shared/api';
import { invoke } from '../api/index';
import type { EventBus } from '../services/events';
import { callChannel, EVENT_CHANNEL } from './channels';

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const name of METHOD_NAMES)
    ipcMain.handle(callChannel(name), (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event))
        return Promise.resolve({
          ok: false,
          error: { code: 'unauthorized', message: 'origem não permitida' },
        });
      return invoke(handlers, name, input);
    });
}

export function forwardEvents(
  events: EventBus,
  send: (channel: string, event: ApiEvent) => void,
): () => void {
  return events.subscribe((event) => send(EVENT_CHANNEL, event));
}
