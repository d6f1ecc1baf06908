// Carries out a plan's due notices: compose each mail, journal `sending` (fsynced) before the SMTP
// transaction, then the outcome. Temporary failures are retried with backoff and then left pending;
// when the server is unreachable or refuses the login, the rest of the run is left pending untouched.
import { createHash } from 'node:crypto';
import type { SmtpAccount } from '../../shared/domain';
import type { Notice } from '../../shared/notices';
import type { Clock } from './clock';
import type { Composer } from './composer';
import type { DeliveryRecord, Ledger } from './ledger';
import type { Mailer, OutgoingMail, SendOutcome } from './mailer';
import { POOL_CONNECTIONS } from './mailer';
import type { DeliveryOutcome } from '../../shared/records';
export type { DeliveryOutcome };

export interface RetryPolicy {
  /** Attempts per message, the first included. */
  attempts: number;
  /** Delay before the second attempt; each later one waits four times longer. */
  delayMs: number;
}

export interface DeliveryContext {
  runId: string;
  routineId: string;
  runDate: string;
  account: SmtpAccount;
  mailer: Mailer;
}

export interface DeliveryDeps {
  ledger: Ledger;
  composer: Composer;
  clock: Clock;
  retry: RetryPolicy;
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
const COMPOSE_AHEAD = IN_FLIGHT;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function deliverNotices(
  notices: readonly Notice[],
  ctx: DeliveryContext,
  deps: DeliveryDeps,
  onOutcome: (o: DeliveryOutcome) => void = () => {},
): Promise<{ outcomes: DeliveryOutcome[]; abortedBecause: string | null }> {
  const outcomes: DeliveryOutcome[] = [];
  let abortedBecause: string | null = null;
  const record = (notice: Notice, patch: Partial<DeliveryRecord> & Pick<DeliveryRecord, 'status'>) =>
    deps.ledger.record([
      {
        key: notice.key,
        at: deps.clock.now().toISOString(),
        invoiceId: notice.invoiceId,
        customerId: notice.customerId,
        ruleId: notice.ruleId,
        kind: notice.kind,
        days: notice.days,
        dueDate: notice.dueDate,
        referenceDate: notice.referenceDate,
        runId: ctx.runId,
        routineId: ctx.routineId,
        to: notice.recipients,
        ...patch,
      },
    ]);
  // Outcomes join the next group commit without holding up the worker: a crash before they reach
  // the disk leaves `sending`, which is read back as `uncertain` — never as "send again".
  const outcomeWrites: Promise<void>[] = [];
  const finish = async (
    notice: Notice,
    o: Omit<DeliveryOutcome, 'notice'>,
    patch: Partial<DeliveryRecord>,
  ) => {
    const written = record(notice, { status: o.status, reason: o.detail, ...patch });
    outcomeWrites.push(written);
    const outcome = { notice, ...o };
    outcomes.push(outcome);
    void written.then(
      () => onOutcome(outcome),
      () => {},
    );
  };

  // Messages are composed a little ahead, so a connection never waits for a PDF to be drawn.
  const composing = new Map<number, Promise<ComposedMail>>();
  const prepare = (i: number) => {
    const notice = notices[i];
    if (!notice || composing.has(i)) return;
    const mail = compose(notice, ctx, deps.composer);
    mail.catch(() => {}); // handled when the worker takes it
    composing.set(i, mail);
  };

  const deliverOne = async (index: number, notice: Notice) => {
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
      await finish(notice, { status: 'pending', detail: (e as Error).message }, { reasonCode: 'document' });
      return;
    }
    await record(notice, { status: 'sending', messageId: mail.messageId, subject: mail.subject });
    let outcome: SendOutcome = { ok: false, kind: 'temporary', response: '' };
    let attempt = 0;
    while (attempt < deps.retry.attempts && !abortedBecause) {
      if (attempt > 0) await sleep(deps.retry.delayMs * 4 ** (attempt - 1));
      attempt++;
      outcome = await ctx.mailer.send(mail);
      if (outcome.ok || outcome.kind === 'permanent') break;
    }
    const base = { messageId: mail.messageId, subject: mail.subject, attempts: attempt };
    const o = { preparedAhead };
    if (outcome.ok) {
      const note = outcome.rejected.length ? ` (recusados: ${outcome.rejected.join(', ')})` : '';
      await finish(
        notice,
        { status: 'sent', detail: outcome.response + note, messageId: mail.messageId, ...o },
        {
          ...base,
          smtpResponse: outcome.response,
          to: outcome.accepted.length ? outcome.accepted : notice.recipients,
        },
      );
    } else if (outcome.kind === 'permanent') {
      await finish(
        notice,
        { status: 'failed', detail: outcome.response, ...o },
        {
          ...base,
          smtpResponse: outcome.response,
          reasonCode: 'smtp_permanent',
        },
      );
    } else {
      if (outcome.kind !== 'temporary')
        abortedBecause ??=
          outcome.kind === 'auth'
            ? `login recusado pelo servidor SMTP: ${outcome.response}`
            : `servidor SMTP indisponível: ${outcome.response}`;
      await finish(
        notice,
        { status: 'pending', detail: outcome.response || (abortedBecause ?? ''), ...o },
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
    while (next < notices.length) {
      const index = next++;
      const notice = notices[index]!;
      if (abortedBecause)
        await finish(
          notice,
          { status: 'pending', detail: abortedBecause },
          { reasonCode: 'smtp_unavailable' },
        );
      else await deliverOne(index, notice);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, notices.length) }, worker));
  await Promise.all(outcomeWrites);
  return { outcomes, abortedBecause };
}

interface ComposedMail {
  mail: OutgoingMail;
  preparedAhead: boolean;
}

async function compose(notice: Notice, ctx: DeliveryContext, composer: Composer): Promise<ComposedMail> {
  const message = await composer.compose(notice, ctx.runDate);
  return {
    preparedAhead: message.prepared,
    mail: {
      to: notice.recipients,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: noticeMessageId(notice.key, ctx.account.fromAddress),
      attachments: message.attachments,
      headers: { 'X-Regua-Notice': notice.key },
    },
  };
}
