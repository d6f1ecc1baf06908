// Faturas: the list (search, filters, pages), status changes, and "Enviar por e-mail".
import type { recordsContract } from '../../../shared/contract/records';
import type { Invoice } from '../../../shared/domain';
import { previewManualNotice, sendManualNotice } from '../../services/manual-send';
import type { ApiContext } from '../context';
import { notFound } from '../errors';
import type { DomainHandlers } from '../types';
import { asApiFailure } from './failures';
import { cachedOrdering } from './order';
import { invoiceMatches, matchingCustomerIds, parseQuery } from './search';
import { deliveryView, invoiceViewer, pageOf } from './views';

type Handlers = DomainHandlers<
  Pick<typeof recordsContract, 'invoices.list' | 'invoices.setStatus' | 'invoices.preview' | 'invoices.send'>
>;

// Newest due date first: what staff look at is this month's invoices, not 2019's.
const byDueDateDesc = (a: Invoice, b: Invoice) =>
  a.dueDate < b.dueDate ? 1 : a.dueDate > b.dueDate ? -1 : 0;

export function invoiceHandlers(ctx: ApiContext): Handlers {
  const { store } = ctx.engine;
  const ordering = cachedOrdering(() => store.invoices(), byDueDateDesc, ctx.engine.events);
  return {
    async 'invoices.list'({ page, pageSize, search, status, customerId }) {
      const list = store.invoices();
      const order = ordering.positions();
      const view = invoiceViewer(store);
      const q = parseQuery(search);
      if (!q && !status && !customerId) return pageOf(order, page, pageSize, (i) => view(list[i]!));
      const customers = q ? matchingCustomerIds(store.customers(), q) : null;
      const matches: number[] = [];
      for (const i of order) {
        const inv = list[i]!;
        if (status && inv.status !== status) continue;
        if (customerId && inv.customerId !== customerId) continue;
        if (q && !customers!.has(inv.customerId) && !invoiceMatches(inv, q)) continue;
        matches.push(i);
      }
      return pageOf(matches, page, pageSize, (i) => view(list[i]!));
    },
    async 'invoices.setStatus'({ id, status }) {
      await ctx.engine.update((tx) => {
        const invoice = tx.invoice(id);
        if (!invoice) throw notFound('Fatura');
        if (invoice.status !== status) tx.upsertInvoices([{ ...invoice, status }]);
      });
      return invoiceViewer(store)(store.invoice(id)!);
    },
    async 'invoices.preview'(input) {
      return asApiFailure(() => previewManualNotice(ctx.engine, input));
    },
    async 'invoices.send'(input) {
      const record = await asApiFailure(() => sendManualNotice(ctx.engine, input));
      ctx.engine.events.emit('store.changed', { area: 'deliveries' });
      return deliveryView(store, record);
    },
  };
}
