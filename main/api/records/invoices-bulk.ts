// Faturas' bulk actions: Cancelar / Reabrir and Marcar como paga on many invoices in ONE engine.update
// (all or nothing), and Enviar por e-mail on many through the manual send path. Each answers which
// invoices were done and which were left out and why, for the summary the clerk reads.
import {
  DELIVERY_STATUS_LABELS,
  type InvoiceFilter,
  type recordsContract,
} from '../../../shared/contract/records';
import type { Invoice } from '../../../shared/domain';
import {
  BULK_REFUSALS,
  refusal,
  type BulkItem,
  type BulkLeftOut,
  type BulkRefusal,
  type BulkResult,
} from '../../../shared/invoice-bulk';
import { sendBatch } from '../../services/bulk-send';
import type { ApiContext } from '../context';
import type { DomainHandlers } from '../types';
import { asApiFailure } from './failures';
import { invoicesMatching, type InvoiceSource } from './invoice-query';
import { manualPayment } from './invoices';
import { clerkReason } from './views';

type Handlers = DomainHandlers<
  Pick<typeof recordsContract, 'invoices.bulkSetStatus' | 'invoices.bulkMarkPaid' | 'invoices.bulkSend'>
>;

type Target = { ids: string[] } | { filter: InvoiceFilter };

/** The invoices a target names, as `source` has them now; ids no longer there come back as missing. */
function resolve(source: InvoiceSource, target: Target, today: string) {
  if ('filter' in target) return { invoices: invoicesMatching(source, target.filter, today), missing: [] };
  const invoices: Invoice[] = [];
  const missing: string[] = [];
  const byId = new Map(source.invoices().map((i) => [i.id, i]));
  for (const id of new Set(target.ids)) {
    const inv = byId.get(id);
    if (inv) invoices.push(inv);
    else missing.push(id);
  }
  return { invoices, missing };
}

const itemOf = (inv: Invoice): BulkItem => ({ id: inv.id, number: inv.number });
const isRefusal = (reason: string): reason is BulkRefusal => reason in BULK_REFUSALS;

export function invoiceBulkHandlers(ctx: ApiContext): Handlers {
  const { engine } = ctx;

  /** Applies `change` to every targeted invoice in one update; a string answer is why it was left out. */
  const bulkUpdate = (target: Target, change: (inv: Invoice) => Invoice | BulkRefusal) => {
    const today = engine.today();
    return engine.update((tx): BulkResult => {
      const { invoices, missing } = resolve(tx, target, today);
      const done: BulkItem[] = [];
      const notDone: BulkLeftOut[] = missing.map((id) => refusal({ id, number: id }, 'not_found'));
      const changed: Invoice[] = [];
      for (const inv of invoices) {
        const next = change(inv);
        if (typeof next === 'string') notDone.push(refusal(itemOf(inv), next));
        else {
          changed.push(next);
          done.push(itemOf(inv));
        }
      }
      if (changed.length) tx.upsertInvoices(changed);
      return { done, notDone };
    });
  };

  return {
    async 'invoices.bulkSetStatus'({ target, status }) {
      return bulkUpdate(target, (inv) => {
        if (status === 'cancelled') {
          if (inv.status === 'cancelled') return 'already_cancelled';
          if (inv.status === 'paid') return 'paid';
          return { ...inv, status, payment: null };
        }
        if (inv.status === 'open') return 'already_open';
        return { ...inv, status, payment: null };
      });
    },
    async 'invoices.bulkMarkPaid'({ target, date }) {
      return bulkUpdate(target, (inv) => {
        if (inv.status === 'paid') return 'already_paid';
        if (inv.status === 'cancelled') return 'cancelled';
        if (date < inv.issueDate) return 'issued_after_payment';
        return { ...inv, status: 'paid', payment: manualPayment(date, inv.amountCents) };
      });
    },
    async 'invoices.bulkSend'({ target, layoutId, smtpAccountId, batchId }) {
      await engine.refresh();
      const { invoices, missing } = resolve(engine.store, target, engine.today());
      const outcomes = await asApiFailure(() =>
        sendBatch(engine, {
          invoiceIds: [...missing, ...invoices.map((i) => i.id)],
          layoutId,
          smtpAccountId,
          batchId,
        }),
      );
      engine.events.emit('store.changed', { area: 'deliveries' });
      const numberOf = new Map(invoices.map((i) => [i.id, i.number]));
      const result: BulkResult = { done: [], notDone: [] };
      for (const o of outcomes) {
        const item = { id: o.invoiceId, number: numberOf.get(o.invoiceId) ?? o.invoiceId };
        if ('refused' in o)
          result.notDone.push(
            isRefusal(o.refused) ? refusal(item, o.refused) : { ...item, reason: o.refused },
          );
        else if ('notSent' in o) result.notDone.push({ ...item, reason: `não foi enviada: ${o.notSent}` });
        else if (o.record.status === 'sent') result.done.push(item);
        else
          result.notDone.push({
            ...item,
            reason: `${DELIVERY_STATUS_LABELS[o.record.status]}: ${clerkReason(o.record) ?? 'sem resposta do servidor de e-mail'}`,
          });
      }
      // In the order the clerk chose them.
      const order = new Map([...missing, ...invoices.map((i) => i.id)].map((id, i) => [id, i]));
      const byChoice = (a: BulkItem, b: BulkItem) => order.get(a.id)! - order.get(b.id)!;
      result.done.sort(byChoice);
      result.notDone.sort(byChoice);
      return result;
    },
  };
}
