// Reads the bounce mailbox of every account that has one: every few minutes while the program runs,
// a little after each routine run (when the quick bounces have arrived), and on demand. One reading
// at a time; what each account's last reading found is kept for the screens.
import type { BounceReadStatus } from '../../../shared/contract/deliverability';
import type { SmtpAccount } from '../../../shared/domain';
import type { EventBus } from '../events';
import type { ReadStore } from '../store/store';
import { secretName } from '../store/store';
import { openMailbox, MailboxError, type MailboxAccess, type MailboxCursor } from './mailbox';
import { parseBounce, type BounceReport } from './parse-bounce';
import { recordBounces, type RecordBouncesDeps } from './record-bounces';

export interface BouncePollerOptions {
  /** Between readings while the program runs. */
  intervalMs?: number;
  /** After a routine run finishes. */
  afterRunDelayMs?: number;
  /** The first reading after start. */
  startDelayMs?: number;
  /** IMAP connection and greeting timeout. */
  timeoutMs?: number;
}

export interface BouncePollerDeps extends RecordBouncesDeps {
  store: ReadStore;
  events: EventBus;
}

export const DEFAULT_BOUNCE_INTERVAL_MS = 10 * 60_000;
const DEFAULT_AFTER_RUN_MS = 2 * 60_000;
const DEFAULT_START_MS = 20_000;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function createBouncePoller(deps: BouncePollerDeps, options: BouncePollerOptions = {}) {
  const statuses = new Map<string, BounceReadStatus>();
  const cursors = new Map<string, MailboxCursor>();
  const timers = new Set<NodeJS.Timeout>();
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let unsubscribe: (() => void) | null = null;

  const accounts = () => deps.store.settings().smtpAccounts.filter((a) => a.bounceMailbox);
  const access = (account: SmtpAccount, password: string): MailboxAccess => ({
    mailbox: account.bounceMailbox!,
    password,
    allowSelfSigned: account.allowSelfSigned,
    timeoutMs: options.timeoutMs,
  });

  async function readAccount(account: SmtpAccount): Promise<BounceReadStatus> {
    const at = () => deps.clock.now().toISOString();
    const password = deps.store.secret(secretName('imap', account.id));
    if (!password)
      return {
        at: at(),
        ok: false,
        recorded: 0,
        message: 'a senha da caixa para retornos não está neste computador: informe-a de novo na conta',
      };
    let session;
    try {
      session = await openMailbox(access(account, password));
    } catch (e) {
      return { at: at(), ok: false, recorded: 0, message: (e as Error).message };
    }
    try {
      const { messages, cursor } = await session.candidates(
        cursors.get(account.id) ?? null,
        deps.clock.now(),
      );
      const parsed: { uid: number; report: BounceReport }[] = [];
      for (const m of messages) {
        const report = parseBounce(m.raw);
        if (report) parsed.push({ uid: m.uid, report });
      }
      const outcomes = await recordBounces(
        deps,
        parsed.map((p) => p.report),
      );
      const done = parsed
        .filter((_, i) => ['recorded', 'handled'].includes(outcomes[i]!.kind))
        .map((p) => p.uid);
      await session.markProcessed(done);
      cursors.set(account.id, cursor);
      const recorded = outcomes.filter((o) => o.kind === 'recorded').length;
      if (recorded > 0) deps.events.emit('store.changed', { area: 'deliveries' });
      return {
        at: at(),
        ok: true,
        recorded,
        message:
          recorded > 0
            ? `${plural(recorded, 'aviso devolvido registrado', 'avisos devolvidos registrados')} no Histórico de envios.`
            : 'Nenhum retorno novo.',
      };
    } catch (e) {
      const message =
        e instanceof MailboxError
          ? e.message
          : 'Os e-mails devolvidos foram lidos, mas não puderam ser registrados. O programa tenta de novo na próxima leitura.';
      return { at: at(), ok: false, recorded: 0, message };
    } finally {
      await session.close().catch(() => {});
    }
  }

  /** Reads one account's mailbox (or every one), after any reading in progress. */
  function readNow(accountId?: string): Promise<BounceReadStatus[]> {
    const run = queue.then(async () => {
      const list = accounts().filter((a) => !accountId || a.id === accountId);
      const results: BounceReadStatus[] = [];
      for (const account of list) {
        if (stopped) break;
        const status = await readAccount(account);
        statuses.set(account.id, status);
        results.push(status);
      }
      return results;
    });
    queue = run.catch(() => {});
    return run;
  }

  const later = (ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) void readNow().catch(() => {});
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  return {
    readNow,
    status: (accountId: string) => statuses.get(accountId) ?? null,
    /** Tries a mailbox as the form has it: connects, logs in, opens the folder. */
    async test(
      account: Pick<SmtpAccount, 'allowSelfSigned'>,
      mailbox: MailboxAccess['mailbox'],
      password: string,
    ) {
      try {
        const session = await openMailbox({
          mailbox,
          password,
          allowSelfSigned: account.allowSelfSigned,
          timeoutMs: options.timeoutMs,
        });
        const exists = session.exists;
        await session.close();
        return {
          ok: true,
          message: `Login aceito e pasta "${mailbox.folder}" aberta (${plural(exists, 'mensagem', 'mensagens')}).`,
        };
      } catch (e) {
        if (e instanceof MailboxError) return { ok: false, message: e.message, detail: e.detail };
        return {
          ok: false,
          message: 'Não foi possível testar a caixa para retornos. Tente de novo.',
          detail: (e as Error).message,
        };
      }
    },
    start() {
      stopped = false;
      later(options.startDelayMs ?? DEFAULT_START_MS);
      const every = setInterval(
        () => void readNow().catch(() => {}),
        options.intervalMs ?? DEFAULT_BOUNCE_INTERVAL_MS,
      );
      every.unref();
      timers.add(every);
      unsubscribe = deps.events.subscribe((event) => {
        // Any real run: the quick bounces of what it sent, or of what the runs before it sent.
        if (event.name !== 'run.finished' || event.payload.report.dryRun) return;
        if (event.payload.report.status !== 'skipped' && accounts().length)
          later(options.afterRunDelayMs ?? DEFAULT_AFTER_RUN_MS);
      });
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await queue;
    },
  };
}

export type BouncePoller = ReturnType<typeof createBouncePoller>;
