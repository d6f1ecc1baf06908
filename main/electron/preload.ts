// The only bridge between the sandboxed screens and main: one function per contract method, and an
// event subscription. No raw ipcRenderer, no generic channel forwarder.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES, type ApiEvent } from '../../shared/api';
import { callChannel, EVENT_CHANNEL } from './channels';

const api = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(callChannel(name), input)]),
);

contextBridge.exposeInMainWorld('regua', {
  api,
  onEvent(listener: (event: ApiEvent) => void) {
    const handler = (_e: IpcRendererEvent, event: ApiEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
});
