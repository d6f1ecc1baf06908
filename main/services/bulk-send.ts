// "Enviar por e-mail" on many invoices at once: the manual send path (manual-send.ts) for a batch.
// Every notice goes out in one hold of the send lane, account by account, through deliverNotices
// (`sending` recorded before the SMTP transaction, the outcome after). The batch has an id of its
// own, part of each notice's key: asked again (a double click, a retry after a dropped connection),
// what it already sent, is sending or may have sent is reported and not sent twice.
import { manualNoticeKey } from '../../shared/contract/records';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import type { Invoice, SmtpAccount } from '../../shared/domain';
import type { BulkRefusal } from '../../shared/invoice-bulk';
import { recipientsOf } from '../../shared/recipients';
import type { Engine } from '../engine';
import type { DeliveryRecord } from './ledger';
import { LockTimeoutError } from './locks';
import {
  layoutOf,
  ManualSendError,
  deliverPurposeNotices,
  pickAccount,
  sendWarnings,
  subjectOf,
  type PurposeNotice,
} from './manual-send';

/** One invoice of the batch: refused before sending, or the ledger's last word on its notice. */
export type BulkSendOutcome =
  | { invoiceId: string; refused: BulkRefusal | string }
  | { invoiceId: string; record: DeliveryRecord }
  | { invoiceId: string; notSent: string };

/** Only a failed notice of this batch is tried again (same key, same Message-ID); the others stand. */
const SETTLED_AGAIN = new Set(['failed']);

export async function sendBatch(
  app: Engine,
  input: { invoiceIds: readonly string[]; layoutId: string; smtpAccountId?: string | null; batchId: string },
): Promise<BulkSendOutcome[]> {
  await app.refresh();
  const layout = layoutOf(app, input.layoutId);
  const outcomes: BulkSendOutcome[] = [];
  const byAccount = new Map<string, { account: SmtpAccount; notices: PurposeNotice[] }>();
  for (const invoiceId of input.invoiceIds) {
    const invoice: Invoice | undefined = app.store.invoice(invoiceId);
    if (!invoice) {
      outcomes.push({ invoiceId, refused: 'not_found' });
      continue;
    }
    if (invoice.status !== 'open') {
      outcomes.push({
        invoiceId,
        refused: invoice.status === 'paid' ? 'paid_not_sent' : 'cancelled_not_sent',
      });
      continue;
    }
    const key = manualNoticeKey(invoice.id, `lote-${input.batchId}`);
    const earlier = app.ledger.latest(key) ?? app.ledger.latest(`${key}|test`);
    if (earlier && !SETTLED_AGAIN.has(earlier.status)) {
      outcomes.push({ invoiceId, refused: 'already_sent' });
      continue;
    }
    let subject;
    try {
      subject = subjectOf(app, invoice.id);
    } catch (e) {
      outcomes.push({ invoiceId, refused: (e as Error).message });
      continue;
    }
    const blocking = sendWarnings(invoice, subject.customer, layout).filter((w) => w.blocking);
    if (blocking.length) {
      outcomes.push({ invoiceId, refused: blocking.map((w) => w.message).join(' ') });
      continue;
    }
    const account = pickAccount(subject.settings, invoice, input.smtpAccountId);
    const mode = account.id === TEST_MODE_ACCOUNT_ID ? ('test' as const) : ('live' as const);
    const group = byAccount.get(account.id) ?? { account, notices: [] };
    byAccount.set(account.id, group);
    group.notices.push({
      key: mode === 'test' ? `${key}|test` : key,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      layoutId: input.layoutId,
      attachInvoice: true,
      dueDate: invoice.dueDate,
      recipients: recipientsOf(subject.customer).valid,
      ...(mode === 'test' ? { mode } : {}),
      origin: { origin: 'manual', layoutId: input.layoutId },
    });
  }
  if (byAccount.size === 0) return outcomes;

  try {
    await app.lane.shared(async (signal) => {
      const runDate = app.today();
      for (const { account, notices } of byAccount.values()) {
        const runId = `${runDate}.manual.lote-${input.batchId}`;
        const { fatal } = await deliverPurposeNotices(app, notices, { runId, runDate, account, signal });
        for (const notice of notices) {
          const latest = app.ledger.latest(notice.key);
          outcomes.push(
            latest && latest.runId === runId
              ? { invoiceId: notice.invoiceId, record: latest }
              : { invoiceId: notice.invoiceId, notSent: fatal?.message ?? 'não foi enviada' },
          );
        }
        if (fatal) throw fatal;
      }
    }, 30_000);
  } catch (e) {
    if (e instanceof LockTimeoutError)
      throw new ManualSendError(
        'conflict',
        'Uma execução de rotina está enviando agora: o envio pode ser feito assim que ela terminar.',
      );
    // What was sent before the fault is already in `outcomes`; the rest is said not sent.
    const reported = new Set(outcomes.map((o) => o.invoiceId));
    for (const { notices } of byAccount.values())
      for (const n of notices)
        if (!reported.has(n.invoiceId))
          outcomes.push({ invoiceId: n.invoiceId, notSent: (e as Error).message });
  }
  return outcomes;
}
