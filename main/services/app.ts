// The composition root: opens the data directory and wires every service with its dependencies.
// The CLI, the daemon, the HTTP server and the Electron shell all start from here.
import { join } from 'node:path';
import { type SmtpAccount, companyTimezone, DEFAULT_TIMEZONE } from '../../shared/domain';
import { dateInZone } from '../../shared/schedule';
import { systemClock, type Clock } from './clock';
import type { RetryPolicy } from './delivery';
import { createComposer } from './composer';
import { createDocuments } from './documents';
import { createHolidays } from './holidays';
import { createLayoutRegistry } from './layout-registry';
import { loadDefaultLayouts } from './layouts';
import { createLedger } from './ledger';
import { createMailer, type Mailer } from './mailer';
import { createMessageCache } from './message-cache';
import { createPreparer, type PreparerOptions } from './preparer';
import { assetsDir } from './paths';
import { createRunLock } from './run-lock';
import { createRunLog } from './run-log';
import { createRunner } from './runner';
import { DATA_FILES, openStore, type SecretCodec } from './store/store';
import { createEventBus } from './events';
import { createTestMailbox, type TestMailbox } from './test-mailbox';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  retry?: RetryPolicy;
  /** How SMTP passwords are kept at rest (the desktop app passes Electron's safeStorage). */
  secretCodec?: SecretCodec;
  /** Replaces the SMTP transport (tests of the API layer); real runs use nodemailer. */
  mailerFactory?: (account: SmtpAccount, password: string | null) => Mailer;
  /** When the background preparation of the next run starts (tests shorten it). */
  prepare?: PreparerOptions;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delayMs: 2000 };

export async function openApp(options: AppOptions) {
  const clock = options.clock ?? systemClock;
  const today = dateInZone(clock.now(), DEFAULT_TIMEZONE);
  const store = await openStore(options.dataDir, today, options.secretCodec);
  const ledger = createLedger(join(options.dataDir, DATA_FILES.deliveries));
  const runLog = createRunLog(join(options.dataDir, DATA_FILES.runs));
  await Promise.all([ledger.load(), runLog.load()]);
  const layouts = createLayoutRegistry(store, loadDefaultLayouts(assetsDir()));
  const holidays = createHolidays();
  const documents = createDocuments();
  const cache = createMessageCache(join(options.dataDir, 'cache', 'messages'));
  const composer = createComposer({ store, layouts, documents, cache });

  const events = createEventBus();
  const testMailbox = createTestMailbox(join(options.dataDir, 'test-inbox'), (id) =>
    events.emit('inbox.received', { id }),
  );

  // One pooled transport per account, rebuilt when the account's settings or password change.
  const mailers = new Map<string, { signature: string; mailer: Mailer }>();
  const baseFactory = options.mailerFactory ?? createMailer;
  const mailerFactory = (account: SmtpAccount, password: string | null): Mailer =>
    account.id === TEST_MODE_ACCOUNT_ID
      ? testModeMailer(account, testMailbox, baseFactory)
      : baseFactory(account, password);
  const mailerFor = (accountId: string): Mailer => {
    const account = store.settings().smtpAccounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`conta de e-mail não encontrada: ${accountId}`);
    const password = store.smtpPassword(accountId);
    const signature = JSON.stringify([account, password]);
    const cached = mailers.get(accountId);
    if (cached?.signature === signature) return cached.mailer;
    cached?.mailer.close();
    const mailer = mailerFactory(account, password);
    mailers.set(accountId, { signature, mailer });
    return mailer;
  };

  const retry = options.retry ?? DEFAULT_RETRY;
  const runner = createRunner({
    store,
    ledger,
    runLog,
    composer,
    holidays,
    clock,
    retry,
    mailerFor,
    lock: createRunLock(options.dataDir),
    events,
  });
  const preparer = createPreparer({ store, runner, composer, cache, clock, events }, options.prepare);

  return {
    dataDir: options.dataDir,
    clock,
    store,
    ledger,
    runLog,
    layouts,
    holidays,
    documents,
    composer,
    runner,
    preparer,
    retry,
    mailerFor,
    events,
    testMailbox,
    /** Picks up what another process (`regua run`, `regua import`, the daemon) wrote since we last looked. */
    async refresh() {
      await store.reloadIfChanged();
      await Promise.all([ledger.sync(), runLog.sync()]);
    },
    /** Today in the company's time zone. */
    today: () => dateInZone(clock.now(), companyTimezone(store.settings())),
    async close() {
      await preparer.stop();
      await runner.idle();
      await store.close();
      for (const { mailer } of mailers.values()) mailer.close();
      await testMailbox.stop();
      await Promise.all([ledger.close(), runLog.close()]);
    },
  };
}

export type App = Awaited<ReturnType<typeof openApp>>;

/** The test-mode account sends to the local capture server, wherever it is listening now. */
function testModeMailer(
  account: SmtpAccount,
  mailbox: TestMailbox,
  factory: (account: SmtpAccount, password: string | null) => Mailer,
): Mailer {
  let inner: Promise<Mailer> | null = null;
  const mailer = () =>
    (inner ??= mailbox
      .start()
      .then((port) => factory({ ...account, host: '127.0.0.1', port, security: 'none', user: null }, null)));
  return {
    send: async (mail) => (await mailer()).send(mail),
    verify: async () => (await mailer()).verify(),
    close: () => void inner?.then((m) => m.close()),
  };
}
