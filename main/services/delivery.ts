// Carries out a plan's due notices: compose each mail, journal `sending` (fsynced) before the SMTP
// transaction, then the outcome. Temporary failures are retried with backoff and then left pending;
// when the server is unreachable or refuses the login, the rest of the run is left pending untouched.
import { createHash } from 'node:crypto';
import type { SmtpAccount } from '../../shared/domain';
import type { Notice } from '../../shared/notices';
import type { Clock } from './clock';
import type { Documents } from './documents';
import type { DeliveryRecord, Ledger } from './ledger';
import type { LayoutRegistry } from './layout-registry';
import { renderLayout } from './layouts';
import type { Mailer, OutgoingMail, SendOutcome } from './mailer';
import { POOL_CONNECTIONS } from './mailer';
import type { Store } from './store/store';
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
  store: Store;
  ledger: Ledger;
  layouts: LayoutRegistry;
  documents: Documents;
  clock: Clock;
  retry: RetryPolicy;
}

/** Message-ID derived from the notice key: the same notice always carries the same id. */
export function noticeMessageId(key: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'regua.local';
  return `<regua.${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

const COMPOSE_AHEAD = POOL_CONNECTIONS;

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
  const prepared = new Map<number, Promise<OutgoingMail>>();
  const prepare = (i: number) => {
    const notice = notices[i];
    if (!notice || prepared.has(i)) return;
    const mail = compose(notice, ctx, deps);
    mail.catch(() => {}); // handled when the worker takes it
    prepared.set(i, mail);
  };

  const deliverOne = async (index: number, notice: Notice) => {
    let mail: OutgoingMail;
    try {
      prepare(index);
      const ready = prepared.get(index)!;
      prepared.delete(index);
      for (let k = 1; k <= COMPOSE_AHEAD; k++) prepare(index + k);
      mail = await ready;
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
    if (outcome.ok) {
      const note = outcome.rejected.length ? ` (recusados: ${outcome.rejected.join(', ')})` : '';
      await finish(
        notice,
        { status: 'sent', detail: outcome.response + note, messageId: mail.messageId },
        {
          ...base,
          smtpResponse: outcome.response,
          to: outcome.accepted.length ? outcome.accepted : notice.recipients,
        },
      );
    } else if (outcome.kind === 'permanent') {
      await finish(
        notice,
        { status: 'failed', detail: outcome.response },
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
        { status: 'pending', detail: outcome.response || (abortedBecause ?? '') },
        {
          ...base,
          smtpResponse: outcome.response,
          reasonCode: outcome.kind === 'temporary' ? 'smtp_temporary' : 'smtp_unavailable',
        },
      );
    }
  };

  // As many workers as pooled connections: every `sending` record is for a message really on the wire.
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
  await Promise.all(Array.from({ length: Math.min(POOL_CONNECTIONS, notices.length) }, worker));
  await Promise.all(outcomeWrites);
  return { outcomes, abortedBecause };
}

async function compose(notice: Notice, ctx: DeliveryContext, deps: DeliveryDeps): Promise<OutgoingMail> {
  const invoice = deps.store.invoice(notice.invoiceId);
  const customer = deps.store.customer(notice.customerId);
  const layout = deps.layouts.get(notice.layoutId);
  if (!invoice || !customer) throw new Error('fatura ou cliente não encontrado');
  if (!layout) throw new Error(`layout de e-mail não encontrado: ${notice.layoutId}`);
  const settings = deps.store.settings();
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  const context = {
    company: settings.company,
    customer,
    invoice,
    billingMethodName: method?.name ?? '',
    runDate: ctx.runDate,
    attachInvoice: notice.attachInvoice,
  };
  const rendered = renderLayout(layout, context);
  const attachments = notice.attachInvoice ? [await deps.documents.invoicePdf(context)] : [];
  return {
    to: notice.recipients,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId: noticeMessageId(notice.key, ctx.account.fromAddress),
    attachments,
    headers: { 'X-Regua-Notice': notice.key },
  };
}
