// The API as the screens reach it, for tests of the handlers: the real handler map on a real app in a
// temp dir, the events the app emits, and helpers that unwrap the results.
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { ApiError, ApiEvent, ApiResult, Handlers } from '../../shared/api';
import type { ApiContext } from '../../main/api/context';
import { createHandlers, invoke } from '../../main/api/index';
import { openApp, type App, type AppOptions } from '../../main/services/app';
import { applyDocument, checkDocument } from '../../main/services/interchange';
import { createScheduler, type Scheduler } from '../../main/services/scheduler';
import { tempDir } from './documents';
import { startSmtpServer, type TestSmtpServer } from './smtp-server';

export interface TestApiOptions extends Partial<AppOptions> {
  /** The temp dir's prefix, when no dataDir is given (that dir is removed on close). */
  prefix?: string;
  /** A regua/v1 document applied before the test starts; it must check without errors. */
  document?: Record<string, unknown>;
  /** Replaces the real scheduler, e.g. to count reschedules. */
  scheduler?: (real: Scheduler) => Scheduler;
}

export interface TestApi {
  app: App;
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
  const { prefix, document, scheduler = (real) => real, ...appOptions } = options;
  const dataDir = appOptions.dataDir ?? (await tempDir(prefix));
  const app = await openApp({ ...appOptions, dataDir });
  if (document) {
    const checked = checkDocument(document, app.store, app.layouts);
    expect(checked.errors).toEqual([]);
    await applyDocument(checked.doc!, app.store);
  }
  const ctx: ApiContext = {
    app,
    scheduler: scheduler(createScheduler(app)),
    events: app.events,
    testMailbox: app.testMailbox,
  };
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
        await ctx.scheduler.stop();
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
