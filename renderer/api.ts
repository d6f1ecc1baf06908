// The typed client: `call('rules.save', {...})` is checked end to end against shared/api.ts. It uses
// the Electron bridge when present, otherwise HTTP with the token from the URL (`regua serve`).
import type {
  ApiError,
  ApiEvent,
  ApiEvents,
  ApiResult,
  EventName,
  Input,
  MethodName,
  Output,
} from '../shared/api';
import { EVENT_NAMES } from '../shared/api';

/** What the Electron preload exposes (see main/electron/preload.ts): one function per contract method. */
export interface ReguaBridge {
  api: Record<MethodName, (input: unknown) => Promise<ApiResult<unknown>>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    regua?: ReguaBridge;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
  get fieldErrors(): Record<string, string> {
    return this.error.fieldErrors ?? {};
  }
}

const TOKEN_KEY = 'regua.token';

function token(): string {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#\/?/, '').split('?')[0]).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of the address bar (and of screenshots) once it is stored.
    history.replaceState(null, '', window.location.pathname + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function captureToken(): void {
  token();
}

/** The program behind the browser tab stopped (closed, or the computer restarted). */
const unreachable = (e: unknown): ApiResult<unknown> => ({
  ok: false,
  error: {
    code: 'internal',
    message:
      'O Régua não está respondendo nesta aba: ele pode ter sido fechado. Abra o programa de novo e recarregue a página.',
    detail: (e as Error).message,
  },
});

async function httpInvoke(name: string, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`./api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch (e) {
    return unreachable(e);
  }
  if (response.status === 401)
    return {
      ok: false,
      error: {
        code: 'unauthorized',
        message:
          'Esta aba não tem mais acesso ao Régua: abra de novo o endereço que o programa mostrou ao iniciar (ele traz a chave de acesso).',
      },
    };
  try {
    return (await response.json()) as ApiResult<unknown>;
  } catch (e) {
    return unreachable(e);
  }
}

export async function call<K extends MethodName>(name: K, input: Input<K>): Promise<Output<K>> {
  const result = window.regua ? await window.regua.api[name](input) : await httpInvoke(name, input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as Output<K>;
}

type Listener = (event: ApiEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let unbridge: (() => void) | null = null;

function connect() {
  if (window.regua) {
    unbridge ??= window.regua.onEvent((e) => listeners.forEach((l) => l(e)));
    return;
  }
  if (source) return;
  source = new EventSource(`./api/events?token=${encodeURIComponent(token())}`);
  for (const name of EVENT_NAMES)
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as ApiEvents[typeof name];
      listeners.forEach((l) => l({ name, payload } as ApiEvent));
    });
}

export function onEvent<K extends EventName>(name: K, handler: (payload: ApiEvents[K]) => void): () => void {
  connect();
  const listener: Listener = (e) => {
    if (e.name === name) handler(e.payload as ApiEvents[K]);
  };
  listeners.add(listener);
  return () => listeners.delete(listener);
}
