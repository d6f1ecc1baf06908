// One handler map implements the whole contract over the services; Electron IPC and HTTP both call
// `invoke`, which validates the input with the contract's schema and wraps the result.
import { contract, type ApiResult, type Handlers, type MethodName } from '../../shared/api';
import { billingHandlers } from './billing';
import { companyHandlers } from './company';
import { deliverabilityHandlers } from './deliverability';
import { desktopHandlers } from './desktop';
import type { ApiContext } from './context';
import { toApiError } from './errors';
import { importsHandlers } from './imports';
import { layoutsHandlers } from './layouts';
import { mailHandlers } from './mail';
import { overviewHandlers } from './overview';
import { recordsHandlers } from './records';
import { routinesHandlers } from './routines';
import { setupHandlers } from './setup';

export function createHandlers(ctx: ApiContext): Handlers {
  return {
    ...setupHandlers(ctx),
    ...companyHandlers(ctx),
    ...mailHandlers(ctx),
    ...deliverabilityHandlers(ctx),
    ...layoutsHandlers(ctx),
    ...billingHandlers(ctx),
    ...routinesHandlers(ctx),
    ...recordsHandlers(ctx),
    ...overviewHandlers(ctx),
    ...importsHandlers(ctx),
    ...desktopHandlers(ctx),
  } satisfies Handlers;
}

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

export async function invoke(handlers: Handlers, name: string, input: unknown): Promise<ApiResult<unknown>> {
  if (!isMethodName(name))
    return { ok: false, error: { code: 'not_found', message: `método desconhecido: ${name}` } };
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: value ?? null };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
