// Carries out notices: compose each mail, journal `sending` (fsynced) before the SMTP transaction,
// then the outcome. At most once on the wire: a notice whose outcome cannot be known (no answer after
// the message went out, a crash, a disk that filled up before the outcome was written) is never
// sent again by itself. Temporary refusals are retried with backoff and then left pending; when the
// server is unreachable, refuses the login or stops answering, the rest is left pending untouched.
// When the ledger cannot be written (disk full) or the send lock is lost, nothing more is sent, the
// messages already handed to the server are waited for, and the caller gets the error: it must
// not release the send lock before this function returns.
import { createHash } from 'node:crypto';
import type { SmtpAccount } from '../../shared/domain';
import type { DeliveryMode } from '../../shared/calendar';
import type { Notice } from '../../shared/notices';
import type { Clock } from './clock';
import type { Composer } from './composer';
import type { Ledger } from './ledger';
import { noticeHeaders } from './mail-headers';
import type { Mailer, OutgoingMail, SendOutcome } from './mailer';
import { POOL_CONNECTIONS } from './mailer';
import type {
  DeliveryOutcome,
  DeliveryRecord,
  ManualDeliveryRecord,
  RuleDeliveryRecord,
} from '../../shared/records';
import { partlyRejected } from './smtp-messages';
import { isStorageFault, storageError } from './storage-errors';
export type { DeliveryOutcome };

export interface RetryPolicy {
  /** Attempts per message, the first included. */
  attempts: number;
  /** Delay before the second attempt; each later one waits four times longer. */
  delayMs: number;
}

/** What a delivery needs of a notice: whom, with which layout, and its ledger key. */
export interface OutgoingNotice {
  key: string;
  invoiceId: string;
  customerId: string;
  layoutId: string;
  attachInvoice: boolean;
  dueDate: string;
  recipients: string[];
  mode?: DeliveryMode;
}

/** How the ledger names where a notice came from. */
export type NoticeOrigin =
  | Pick<RuleDeliveryRecord, 'origin' | 'ruleId' | 'kind' | 'days' | 'referenceDate'>
  | Pick<ManualDeliveryRecord, 'origin' | 'layoutId'>;

export const ruleOrigin = (n: Notice): NoticeOrigin => ({
  origin: 'rule',
  ruleId: n.ruleId,
  kind: n.kind,
  days: n.days,
  referenceDate: n.referenceDate,
});

export interface DeliveryContext<N extends OutgoingNotice> {
  runId: string;
  routineId?: string;
  runDate: string;
  account: SmtpAccount;
  mailer: Mailer;
  describe(notice: N): NoticeOrigin;
  /** Aborted when the send lock is lost: nothing more may be sent or written. */
  signal?: AbortSignal;
}

export interface DeliveryDeps {
  ledger: Ledger;
  composer: Composer;
  clock: Clock;
  retry: RetryPolicy;
  dataDir: string;
}

export interface DeliveryResult<N> {
  outcomes: DeliveryOutcome<N>[];
  /** Why the rest of the notices were left pending (server down, login refused, no answer). */
  abortedBecause: string | null;
  /** The ledger could not be written or the send lock was lost: the caller must stop and say so. */
  fatal: Error | null;
}

/** Message-ID derived from the notice key: the same notice always carries the same id. */
export function noticeMessageId(key: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'regua.local';
  return `<regua.${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * Notices between `sending` and their outcome: two per pooled connection, so that while one message
 * is on the wire the next is composed and its `sending` record already on disk, and no connection
 * waits for either. The price is paid only after a crash: up to this many notices read back as
 * `uncertain` (never resent by themselves) instead of one per connection.
 */
export const IN_FLIGHT = 2 * POOL_CONNECTIONS;
/**
 * Notices composed ahead of the one being sent: a window, not the whole run, so memory stays bounded
 * (~70 KB each). Those not prepared go to the composition workers (compose-pool.ts) and are drawn
 * while the connections send the ones before them; twice the connections' share keeps the workers
 * fed when a few messages take longer.
 */
const COMPOSE_AHEAD = 2 * IN_FLIGHT;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function deliverNotices<N extends OutgoingNotice>(
  notices: readonly N[],
  ctx: DeliveryContext<N>,
  deps: DeliveryDeps,
  onOutcome: (o: DeliveryOutcome<N>) => void = () => {},
): Promise<DeliveryResult<N>> {
  const outcomes: DeliveryOutcome<N>[] = [];
  let abortedBecause: string | null = null;
  let fatal: Error | null = null;
  const stopped = () => fatal !== null || !!ctx.signal?.aborted;
  const fail = (e: unknown) => {
    fatal ??= (isStorageFault(e) ? storageError(e, deps.dataDir, 'registrar os envios') : e) as Error;
  };
  ctx.signal?.addEventListener('abort', () => fail(ctx.signal!.reason), { once: true });

  const record = (notice: N, patch: Partial<DeliveryRecord> & Pick<DeliveryRecord, 'status'>) =>
    deps.ledger.record([
      {
        key: notice.key,
        at: deps.clock.now().toISOString(),
        invoiceId: notice.invoiceId,
        customerId: notice.customerId,
        dueDate: notice.dueDate,
        ...ctx.describe(notice),
        ...(notice.mode === 'test' ? { mode: 'test' as const } : {}),
        accountId: ctx.account.id,
        runId: ctx.runId,
        routineId: ctx.routineId,
        to: notice.recipients,
        ...patch,
      } as DeliveryRecord,
    ]);

  // Outcomes join the next group commit without holding up the worker: one that never reaches the
  // disk leaves `sending`, which is read back as `uncertain` — never as "send again".
  const outcomeWrites: Promise<void>[] = [];
  const finish = (notice: N, o: Omit<DeliveryOutcome<N>, 'notice'>, patch: Partial<DeliveryRecord>) => {
    const outcome = { notice, ...o };
    outcomes.push(outcome);
    if (stopped()) return; // the ledger is not ours to write any more
    const written = record(notice, {
      status: o.status,
      reason: o.status === 'sent' ? undefined : o.detail,
      ...patch,
    });
    outcomeWrites.push(written.then(() => onOutcome(outcome), fail));
  };

  // Messages are composed ahead, on the composition workers, so a connection never waits for a PDF.
  const composing = new Map<number, Promise<ComposedMail>>();
  const prepare = (i: number) => {
    const notice = notices[i];
    if (!notice || composing.has(i)) return;
    const mail = compose(notice, ctx, deps.composer);
    mail.catch(() => {}); // handled when the worker takes it
    composing.set(i, mail);
  };

  const deliverOne = async (index: number, notice: N) => {
    let mail: OutgoingMail;
    let preparedAhead: boolean;
    try {
      prepare(index);
      const ready = composing.get(index)!;
      composing.delete(index);
      for (let k = 1; k <= COMPOSE_AHEAD; k++) prepare(index + k);
      ({ mail, preparedAhead } = await ready);
    } catch (e) {
      // A missing layout or invoice file is fixable by staff; keep the notice for the next run.
      finish(notice, { status: 'pending', detail: (e as Error).message }, { reasonCode: 'document' });
      return;
    }
    if (stopped()) return;
    try {
      await record(notice, { status: 'sending', messageId: mail.messageId, subject: mail.subject });
    } catch (e) {
      fail(e); // not recorded, so not sent: the next run plans it again
      return;
    }
    let outcome: SendOutcome = { ok: false, kind: 'temporary', response: '', message: '' };
    let attempt = 0;
    while (attempt < deps.retry.attempts && !abortedBecause && !stopped()) {
      if (attempt > 0) await sleep(deps.retry.delayMs * 4 ** (attempt - 1));
      if (stopped()) break;
      attempt++;
      outcome = await ctx.mailer.send(mail);
      if (outcome.ok || outcome.kind === 'permanent' || outcome.kind === 'uncertain') break;
    }
    const base = { messageId: mail.messageId, subject: mail.subject, attempts: attempt };
    const o = { preparedAhead };
    if (outcome.ok) {
      const note = outcome.rejected.length ? partlyRejected(outcome.rejected) : null;
      finish(
        notice,
        { status: 'sent', detail: note ?? 'aceito pelo servidor', messageId: mail.messageId, ...o },
        {
          ...base,
          ...(note ? { reason: note } : {}),
          smtpResponse: outcome.response,
          to: outcome.accepted.length ? outcome.accepted : notice.recipients,
        },
      );
    } else if (outcome.kind === 'permanent') {
      finish(
        notice,
        { status: 'failed', detail: outcome.message, ...o },
        { ...base, smtpResponse: outcome.response, reasonCode: 'smtp_permanent' },
      );
    } else if (outcome.kind === 'uncertain') {
      abortedBecause ??= outcome.message;
      finish(
        notice,
        {
          status: 'uncertain',
          detail:
            'A mensagem foi entregue ao servidor, que não respondeu; ele pode tê-la aceitado. Não será reenviada sozinha: verifique com o cliente e use Reenviar se necessário.',
          ...o,
        },
        { ...base, smtpResponse: outcome.response, reasonCode: 'smtp_no_answer' },
      );
    } else {
      if (outcome.kind !== 'temporary') abortedBecause ??= outcome.message;
      finish(
        notice,
        { status: 'pending', detail: outcome.message || (abortedBecause ?? ''), ...o },
        {
          ...base,
          smtpResponse: outcome.response,
          reasonCode: outcome.kind === 'temporary' ? 'smtp_temporary' : 'smtp_unavailable',
        },
      );
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < notices.length && !stopped()) {
      const index = next++;
      const notice = notices[index]!;
      if (abortedBecause)
        finish(notice, { status: 'pending', detail: abortedBecause }, { reasonCode: 'smtp_unavailable' });
      else await deliverOne(index, notice);
    }
  };
  // Every worker is waited for, failed or not: nothing is sent or recorded after this returns.
  await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, notices.length) }, worker));
  await Promise.allSettled(outcomeWrites);
  return { outcomes, abortedBecause, fatal };
}

interface ComposedMail {
  mail: OutgoingMail;
  preparedAhead: boolean;
}

async function compose<N extends OutgoingNotice>(
  notice: N,
  ctx: DeliveryContext<N>,
  composer: Composer,
): Promise<ComposedMail> {
  const message = await composer.compose(notice, ctx.runDate);
  const { replyTo, headers } = noticeHeaders(ctx.account, { email: message.companyEmail });
  return {
    preparedAhead: message.prepared,
    mail: {
      to: notice.recipients,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: noticeMessageId(notice.key, ctx.account.fromAddress),
      attachments: message.attachments,
      inline: message.inline,
      replyTo,
      headers: { ...headers, 'X-Regua-Notice': notice.key },
    },
  };
}
