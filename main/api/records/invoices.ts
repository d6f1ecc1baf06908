// Faturas: the list (search, filters, pages), status changes, and "Enviar por e-mail".
import type { recordsContract } from '../../../shared/contract/records';
import type { Invoice, Payment } from '../../../shared/domain';
import { previewManualNotice, sendManualNotice } from '../../services/manual-send';
import type { ApiContext } from '../context';
import { invalid, notFound } from '../errors';
import type { DomainHandlers } from '../types';
import { asApiFailure } from './failures';
import { cachedOrdering } from './order';
import { invoiceMatches, matchingCustomerIds, parseQuery } from './search';
import { deliveryView, invoiceViewer, pageOf } from './views';

type Handlers = DomainHandlers<
  Pick<
    typeof recordsContract,
    | 'invoices.list'
    | 'invoices.setStatus'
    | 'invoices.preview'
    | 'invoices.send'
    | 'invoices.save'
    | 'invoices.remove'
    | 'invoices.markPaid'
  >
>;

/** A payment typed by staff in Faturas. */
const manualPayment = (date: string, amountCents: number): Payment => ({
  date,
  amountCents,
  source: 'manual',
  reference: 'marcada como paga na tela Faturas',
});

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
      const today = ctx.engine.today();
      await ctx.engine.update((tx) => {
        const invoice = tx.invoice(id);
        if (!invoice) throw notFound('Fatura');
        if (invoice.status === status) return;
        // Paid by hand for the full amount today; reopening or cancelling drops the payment.
        const payment = status === 'paid' ? manualPayment(today, invoice.amountCents) : null;
        tx.upsertInvoices([{ ...invoice, status, payment }]);
      });
      return invoiceViewer(store)(store.invoice(id)!);
    },
    async 'invoices.markPaid'({ id, date, amountCents }) {
      await ctx.engine.update((tx) => {
        const invoice = tx.invoice(id);
        if (!invoice) throw notFound('Fatura');
        if (date < invoice.issueDate)
          throw invalid({ date: 'data de pagamento anterior à emissão da fatura' });
        tx.upsertInvoices([{ ...invoice, status: 'paid', payment: manualPayment(date, amountCents) }]);
      });
      return invoiceViewer(store)(store.invoice(id)!);
    },
    async 'invoices.save'({ invoice, create }) {
      const today = ctx.engine.today();
      await ctx.engine.update((tx) => {
        const current = tx.invoice(invoice.id);
        const errors: Record<string, string> = {};
        if (create && current)
          errors['invoice.id'] =
            `já existe uma fatura com o identificador ${invoice.id} (número ${current.number})`;
        if (!tx.customer(invoice.customerId)) errors['invoice.customerId'] = 'escolha um cliente cadastrado';
        if (!tx.settings().billingMethods.some((m) => m.id === invoice.billingMethodId))
          errors['invoice.billingMethodId'] = 'escolha uma forma de cobrança cadastrada';
        if (Object.keys(errors).length) throw invalid(errors);
        // A paid invoice keeps (or gets) its payment; any other status has none.
        const payment =
          invoice.status === 'paid'
            ? (invoice.payment ?? current?.payment ?? manualPayment(today, invoice.amountCents))
            : null;
        tx.upsertInvoices([{ ...invoice, payment }]);
      });
      return invoiceViewer(store)(store.invoice(invoice.id)!);
    },
    async 'invoices.remove'({ id }) {
      await ctx.engine.update((tx) => {
        if (!tx.invoice(id)) throw notFound('Fatura');
        tx.removeInvoices([id]);
      });
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
