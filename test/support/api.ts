// The API as the screens reach it, for tests of the handlers: the real handler map on a real app in a
// temp dir, the events the app emits, and helpers that unwrap the results.
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ApiError, ApiEvent, ApiResult, Handlers } from '../../shared/api';
import type { ApiContext } from '../../main/api/context';
import { createHandlers, invoke } from '../../main/api/index';
import { createEngine, type Engine, type EngineOptions } from '../../main/engine';
import { applyDocument, checkDocument } from '../../main/services/interchange';
import type { StoreTx } from '../../main/services/store/store';
import type { Settings } from '../../shared/domain';
import { tempDir } from './documents';
import { startSmtpServer, type TestSmtpServer } from './smtp-server';

export interface TestApiOptions extends Partial<EngineOptions> {
  /** The temp dir's prefix, when no dataDir is given (that dir is removed on close). */
  prefix?: string;
  /** A regua/v1 document applied before the test starts; it must check without errors. */
  document?: Record<string, unknown>;
}

export interface TestApi {
  /** The engine the handlers run on. */
  app: Engine;
  ctx: ApiContext;
  handlers: Handlers;
  /** What the app emitted once it was open (after the document was applied). */
  events: ApiEvent[];
  /** The result envelope, as the screens get it. */
  call(name: string, input?: unknown): Promise<ApiResult<unknown>>;
  /** The value; a failed call throws, naming the method. */
  ok<T>(name: string, input?: unknown): Promise<T>;
  failure(result: ApiResult<unknown>): ApiError;
  /** Stops the scheduler, closes the app and removes the temp dir it made (once, however often called). */
  close(): Promise<void>;
}

/** The error of a call that had to fail. */
export function failure(result: ApiResult<unknown>): ApiError {
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error;
}

export async function openTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const { prefix, document, ...appOptions } = options;
  const dataDir = appOptions.dataDir ?? (await tempDir(prefix));
  const app = await createEngine({ ...appOptions, dataDir });
  if (document) await applyTestDocument(app, document);
  const ctx: ApiContext = { engine: app };
  const handlers = createHandlers(ctx);
  const events: ApiEvent[] = [];
  app.events.subscribe((e) => events.push(e));
  const call = (name: string, input: unknown = {}) => invoke(handlers, name, input);
  let closed: Promise<void> | undefined;
  return {
    app,
    ctx,
    handlers,
    events,
    call,
    failure,
    async ok<T>(name: string, input?: unknown) {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    close: () =>
      (closed ??= (async () => {
        await app.close();
        if (!appOptions.dataDir) await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

/** An `open(options)` for the tests of a file: whatever a test opened is closed after it. */
export function testApis(defaults: TestApiOptions = {}) {
  const opened: TestApi[] = [];
  afterEach(async () => {
    for (const api of opened.splice(0)) await api.close();
  });
  return async (options: TestApiOptions = {}) => {
    const api = await openTestApi({ ...defaults, ...options });
    opened.push(api);
    return api;
  };
}

/** A fresh API before each test of the file; the object answers for the current one. */
export function useTestApi(options: TestApiOptions = {}): TestApi {
  const open = testApis(options);
  let current: TestApi | undefined;
  beforeEach(async () => {
    current = await open();
  });
  const api = () => {
    if (!current) throw new Error('useTestApi: no test is running');
    return current;
  };
  return {
    get app() {
      return api().app;
    },
    get ctx() {
      return api().ctx;
    },
    get handlers() {
      return api().handlers;
    },
    get events() {
      return api().events;
    },
    call: (name, input) => api().call(name, input),
    ok: <T>(name: string, input?: unknown) => api().ok<T>(name, input),
    failure,
    close: () => api().close(),
  };
}

/** A real SMTP server for the whole file, emptied and without faults before each test. */
export function useSmtpServer(): TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await smtp().clear();
    await smtp().setFaults({});
  });
  const smtp = () => {
    if (!server) throw new Error('useSmtpServer: the server has not started');
    return server;
  };
  return {
    get port() {
      return smtp().port;
    },
    host: '127.0.0.1',
    get dir() {
      return smtp().dir;
    },
    setFaults: (rules) => smtp().setFaults(rules),
    messages: () => smtp().messages(),
    waitForMessages: (count, timeoutMs) => smtp().waitForMessages(count, timeoutMs),
    clear: () => smtp().clear(),
    stop: () => smtp().stop(),
    restart: () => smtp().restart(),
  };
}

/** Test set-up writes, through the engine like every other write. */
export const upsertRecords = (
  app: Engine,
  records: {
    customers?: Parameters<StoreTx['upsertCustomers']>[0];
    invoices?: Parameters<StoreTx['upsertInvoices']>[0];
  },
) =>
  app.update((tx) => {
    tx.upsertCustomers(records.customers ?? []);
    tx.upsertInvoices(records.invoices ?? []);
  });

export const saveSettings = (app: Engine, settings: Settings) => app.update((tx) => tx.setSettings(settings));

/** Applies a regua/v1 document that must check without errors. */
export const applyTestDocument = (app: Engine, document: unknown) =>
  app.update((tx) => {
    const { doc, errors } = checkDocument(document, tx, app.layouts);
    if (!doc) throw new Error(JSON.stringify(errors));
    return applyDocument(doc, tx);
  });
