// The engine host: the one owner of a data folder in a process. The desktop app, `regua serve`,
// `regua daemon` and every CLI command open it; nothing else writes the data.
//
// - Store writes go through `update`: one at a time in this process (a mutation queue), and under
//   the folder's write lock across processes, on data re-read inside the lock: nobody ever writes
//   back a copy read before someone else's change.
// - Sends and ledger writes go through the send lane (send-lane.ts): runs, manual sends, resends.
// - The schedule is the engine's: the scheduler follows the store's changes by itself, including
//   changes made by other processes, which the engine looks for every few seconds.
import { join } from 'node:path';
import { type SmtpAccount, companyTimezone, DEFAULT_TIMEZONE } from '../shared/domain';
import { TEST_MODE_ACCOUNT_ID } from '../shared/contract/mail';
import { dateInZone } from '../shared/schedule';
import { systemClock, type Clock } from './services/clock';
import { createBouncePoller, type BouncePollerOptions } from './services/bounces/poller';
import { createComposePool, type ComposePoolOptions } from './services/compose-pool';
import { createComposer } from './services/composer';
import { createDnsResolver } from './services/deliverability/resolver';
import type { RetryPolicy } from './services/delivery';
import { createDocuments } from './services/documents';
import { createEventBus } from './services/events';
import { createHolidays } from './services/holidays';
import { createLayoutRegistry } from './services/layout-registry';
import { loadDefaultLayouts } from './services/layouts';
import { createLedger } from './services/ledger';
import { createFolderImporter } from './services/import/folder';
import { createFolderWatch } from './services/folder-watch';
import { createFolderLock } from './services/locks';
import { createMailer, type Mailer } from './services/mailer';
import { createMessageCache } from './services/message-cache';
import { assetsDir } from './services/paths';
import { createPreparer, type PreparerOptions } from './services/preparer';
import { createRunLog } from './services/run-log';
import { createRunner } from './services/runner';
import { createScheduler, type SchedulerEvents } from './services/scheduler';
import { createSendLane } from './services/send-lane';
import { newestGoodBackup } from './services/store/backups';
import {
  DATA_FILES,
  openStore,
  secretName,
  type ReadStore,
  type SecretCodec,
  type StoreArea,
  type StoreTx,
} from './services/store/store';
import { createTestMailbox, type TestMailbox } from './services/test-mailbox';

export interface EngineOptions {
  dataDir: string;
  clock?: Clock;
  retry?: RetryPolicy;
  /** How SMTP passwords are kept at rest (the desktop app passes Electron's safeStorage). */
  secretCodec?: SecretCodec;
  /** When the background preparation of the next run starts (tests shorten it). */
  prepare?: PreparerOptions;
  /** Reading commands (history, export, plan): no lock, no backup, nothing written. */
  readOnly?: boolean;
  /** How long a silent SMTP server is waited for (tests shorten it). */
  smtpTimeoutMs?: number;
  /** How often changes made by other processes are looked for once started. */
  followMs?: number;
  /** Longest wait for the write lock held by another process. */
  writeLockWaitMs?: number;
  /** How often the scheduler looks for a sleep or a clock set (tests shorten it). */
  clockWatchMs?: number;
  /** DNS servers the domain checks ask ("host:port"); none = the system's (tests run a local dnsmasq). */
  dnsServers?: string[];
  /** When the bounce mailboxes are read (tests shorten it). */
  bounces?: BouncePollerOptions;
  /** Watched import folders: how often they are looked at, and how long a file must be still. */
  importPollMs?: number;
  importSettleMs?: number;
  /** The composition workers (default size: cores − 1, at least 1, or REGUA_COMPOSE_WORKERS; 0: in-process). */
  composePool?: ComposePoolOptions;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delayMs: 2000 };
const FOLLOW_MS = 3_000;

/** What one store write reports back. */
export interface UpdateResult<T> {
  value: T;
  changed: StoreArea[];
}

export async function createEngine(options: EngineOptions) {
  const { dataDir } = options;
  const clock = options.clock ?? systemClock;
  const readOnly = !!options.readOnly;
  // Workers start with the first notice composed, not with the engine, unless asked to warm up: then
  // they load while the data is read.
  const pool = createComposePool(options.composePool);
  const store = await openStore(dataDir, dateInZone(clock.now(), DEFAULT_TIMEZONE), {
    codec: options.secretCodec,
    readOnly,
  });
  const journalOptions = (name: string) => ({ newestGoodBackup: () => newestGoodBackup(dataDir, name) });
  const ledger = createLedger(join(dataDir, DATA_FILES.deliveries), journalOptions(DATA_FILES.deliveries));
  const runLog = createRunLog(join(dataDir, DATA_FILES.runs), journalOptions(DATA_FILES.runs));
  await Promise.all([ledger.load(), runLog.load()]);
  const warnings = store.warnings;
  const events = createEventBus();
  const layouts = createLayoutRegistry(store, loadDefaultLayouts(assetsDir()));
  const holidays = createHolidays();
  const documents = createDocuments();
  const cache = createMessageCache(join(dataDir, 'cache', 'messages'));
  const composer = createComposer({ store, layouts, documents, cache, pool });
  const testMailbox = createTestMailbox(
    join(dataDir, 'test-inbox'),
    (id) => events.emit('inbox.received', { id }),
    () => clock.now(),
  );

  // ---- writes to the store ----
  const writeLock = createFolderLock(dataDir, 'write', {
    holderLabel: 'Outra gravação (uma importação ou outra tela salvando)',
    waitMs: options.writeLockWaitMs ?? 60_000,
    pollMs: 50,
  });
  const announce = (areas: readonly StoreArea[]) => {
    for (const area of areas) events.emit('store.changed', { area });
  };

  // Writes queue up; the ones waiting when the lock is free are written together, in one commit
  // (twenty quick saves rewrite invoices.json once, not twenty times). Refreshes take the same turn.
  type Queued =
    | { kind: 'update'; fn: (tx: StoreTx) => unknown; resolve(v: unknown): void; reject(e: unknown): void }
    | { kind: 'refresh'; resolve(v: unknown): void; reject(e: unknown): void };
  let queue: Queued[] = [];
  let draining: Promise<void> | null = null;
  const drain = async () => {
    while (queue.length) {
      const batch = queue;
      queue = [];
      const updates = batch.filter((q) => q.kind === 'update');
      try {
        // Nothing to write and nothing changed on disk: no need to take the lock just to look.
        if (updates.length === 0 && !(await store.changedOnDisk())) {
          for (const q of batch) q.resolve(undefined);
          continue;
        }
        const held = readOnly ? null : await writeLock.acquire();
        try {
          announce(await store.reloadIfChanged());
          if (updates.length) {
            const { results, changed } = await store.writeBatch(updates.map((u) => u.fn));
            announce(changed);
            results.forEach((r, i) => (r.ok ? updates[i]!.resolve(r.value) : updates[i]!.reject(r.error)));
          }
        } finally {
          await held?.release();
        }
        for (const q of batch) if (q.kind === 'refresh') q.resolve(undefined);
      } catch (e) {
        for (const q of batch) q.reject(e);
      }
    }
    draining = null;
  };
  const enqueue = <T>(item: { kind: 'refresh' } | { kind: 'update'; fn: (tx: StoreTx) => unknown }) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ ...item, resolve: resolve as (v: unknown) => void, reject });
      draining ??= drain();
    });

  /**
   * Applies `fn`'s changes to the store, all or nothing, as the only writer of the moment: queued
   * behind this process's other writes, holding the write lock across processes, on data re-read
   * inside the lock. `fn` must compute its changes from `tx`, never from a copy read earlier.
   */
  const update = <T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<Awaited<T>> => {
    if (readOnly) return Promise.reject(new Error('engine aberto só para leitura'));
    return enqueue<Awaited<T>>({ kind: 'update', fn });
  };

  /**
   * Picks up what other processes wrote: the store (re-read inside the write lock, so a write of
   * several files is seen whole) and the two journals. Emits the areas that changed.
   */
  const refresh = async () => {
    await enqueue<void>({ kind: 'refresh' });
    const before = ledger.history().length;
    await Promise.all([ledger.sync(), runLog.sync()]);
    if (ledger.history().length !== before) events.emit('store.changed', { area: 'deliveries' });
  };

  // ---- sending ----
  const mailers = new Map<string, { signature: string; mailer: Mailer }>();
  const timeouts = { socketMs: options.smtpTimeoutMs ?? 60_000 };
  const mailerFor = (accountId: string): Mailer => {
    const account = store.settings().smtpAccounts.find((a) => a.id === accountId);
    if (!account) throw new Error('a conta de e-mail não existe mais: escolha outra na rotina');
    const password = store.smtpPassword(accountId);
    const dkimKey = store.secret(secretName('dkim', accountId));
    const dkim = account.dkim && dkimKey ? { selector: account.dkim.selector, privateKey: dkimKey } : null;
    const signature = JSON.stringify([account, password, dkim]);
    const cached = mailers.get(accountId);
    if (cached?.signature === signature) return cached.mailer;
    cached?.mailer.close();
    const mailer =
      account.id === TEST_MODE_ACCOUNT_ID
        ? testModeMailer(account, testMailbox)
        : createMailer(account, password, timeouts, dkim);
    mailers.set(accountId, { signature, mailer });
    return mailer;
  };

  const lane = createSendLane(dataDir, {
    async onAcquired() {
      // We hold the send lock: whatever is still "in progress" belongs to a sender that is gone.
      await Promise.all([ledger.sync(), runLog.sync()]);
      const { cutBytes } = await ledger.settleInterrupted(clock.now());
      await runLog.settleInterrupted(clock.now());
      if (cutBytes > 0)
        warnings.push(
          `A última linha de ${join(dataDir, DATA_FILES.deliveries)} estava incompleta (uma gravação interrompida) e foi removida (${cutBytes} bytes).`,
        );
    },
  });

  const today = () => dateInZone(clock.now(), companyTimezone(store.settings()));
  const folders = createFolderImporter(
    { store, layouts, clock, today, update, preview: (fn) => store.preview(fn) },
    { settleMs: options.importSettleMs },
  );

  const retry = options.retry ?? DEFAULT_RETRY;
  const runner = createRunner({
    store,
    layouts,
    ledger,
    runLog,
    composer,
    holidays,
    clock,
    retry,
    mailerFor,
    lane,
    refresh,
    events,
    dataDir,
    folders,
    today,
  });
  const preparer = createPreparer({ store, runner, composer, cache, clock, events }, options.prepare);
  const resolver = createDnsResolver({ servers: options.dnsServers });
  const bounces = createBouncePoller({ store, ledger, lane, clock, events, update }, options.bounces);

  let follow: NodeJS.Timeout | null = null;
  let scheduler: ReturnType<typeof createScheduler> | null = null;
  const folderWatch = createFolderWatch(
    {
      store,
      runner,
      folders,
      clock,
      today,
      onError: (id, e) => schedulerEvents.onRunError?.(id, e),
      onRunFinished: (report) => schedulerEvents.onRunFinished?.(report),
    },
    options.importPollMs,
  );

  const engine = {
    dataDir,
    clock,
    readOnly,
    events,
    /** Read-only view; writes go through `update`. */
    store: store as ReadStore,
    ledger,
    runLog,
    layouts,
    holidays,
    documents,
    composer,
    runner,
    preparer,
    retry,
    lane,
    mailerFor,
    testMailbox,
    /** The DNS resolver of "Verificar domínio". */
    resolver,
    /** The bounce mailboxes' reader; it reads on its own once started. */
    bounces,
    /** Problems met that did not stop the program (a backup that could not be written…). */
    warnings,
    update,
    refresh,
    /** What `fn` would change, computed on a transaction that is thrown away. */
    preview: <T>(fn: (tx: StoreTx) => T | Promise<T>) => store.preview(fn),
    /** Today in the company's time zone. */
    today,
    /** The watched folders of "Importar arquivos" routines. */
    folders,
    folderWatch,
    /** The scheduler; created on first use, started by `start`. */
    get scheduler() {
      return (scheduler ??= createScheduler(
        { store, runner, runLog, clock, events, preparer, clockWatchMs: options.clockWatchMs },
        schedulerEvents,
      ));
    },
    /** Runs the schedule and follows other processes' changes until `close`. */
    async start(hooks: SchedulerEvents = {}) {
      Object.assign(schedulerEvents, hooks);
      follow = setInterval(() => {
        refresh().catch((e: Error) => schedulerEvents.onRunError?.('*', e));
      }, options.followMs ?? FOLLOW_MS);
      follow.unref();
      await engine.scheduler.start();
      if (!readOnly) bounces.start();
      folderWatch.start();
    },
    async close() {
      if (follow) clearInterval(follow);
      await bounces.stop();
      await folderWatch.stop();
      await scheduler?.stop();
      await preparer.stop();
      await runner.idle();
      await draining;
      if (!readOnly) await store.backup();
      for (const { mailer } of mailers.values()) mailer.close();
      await testMailbox.stop();
      await Promise.all([ledger.close(), runLog.close(), pool.close()]);
    },
  };
  const schedulerEvents: SchedulerEvents = {};
  return engine;
}

export type Engine = Awaited<ReturnType<typeof createEngine>>;

/** The test-mode account sends to the local capture server, wherever it is listening now. */
function testModeMailer(account: SmtpAccount, mailbox: TestMailbox): Mailer {
  let inner: Promise<Mailer> | null = null;
  const mailer = () =>
    (inner ??= mailbox
      .start()
      .then((port) =>
        createMailer({ ...account, host: '127.0.0.1', port, security: 'none', user: null }, null),
      ));
  return {
    send: async (mail) => (await mailer()).send(mail),
    verify: async () => (await mailer()).verify(),
    close: () => void inner?.then((m) => m.close()),
  };
}
