// Faturas: the list (search, filters, sort, pages), status changes, and "Enviar por e-mail". The bulk
// actions are in ./invoices-bulk.ts.
import type { recordsContract } from '../../../shared/contract/records';
import type { Payment } from '../../../shared/domain';
import { previewManualNotice, sendManualNotice } from '../../services/manual-send';
import type { ApiContext } from '../context';
import { conflict, invalid, notFound } from '../errors';
import type { DomainHandlers } from '../types';
import { asApiFailure } from './failures';
import { invoiceFilterOf, invoiceOrderings } from './invoice-query';
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
export const manualPayment = (date: string, amountCents: number): Payment => ({
  date,
  amountCents,
  source: 'manual',
  reference: 'marcada como paga na tela Faturas',
});

/** Why a paid invoice is not cancelled directly: the payment would vanish without anyone deciding it. */
export const PAID_NOT_CANCELLED =
  'A fatura está paga: para cancelá-la, use Reabrir primeiro (o pagamento registrado é desfeito).';

export function invoiceHandlers(ctx: ApiContext): Handlers {
  const { store } = ctx.engine;
  const orderings = invoiceOrderings(store, ctx.engine.events);
  return {
    async 'invoices.list'({ page, pageSize, sort, direction, ...filter }) {
      const today = ctx.engine.today();
      const list = store.invoices();
      // Newest due date first unless asked: what staff look at is this month's invoices, not 2019's.
      const order = sort
        ? orderings.positions(sort, direction, today)
        : orderings.positions('dueDate', 'desc', today);
      const view = invoiceViewer(store, today);
      const matches = invoiceFilterOf(store, filter, today);
      if (!matches) return pageOf(order, page, pageSize, (i) => view(list[i]!));
      const found: number[] = [];
      for (const i of order) if (matches(list[i]!)) found.push(i);
      return pageOf(found, page, pageSize, (i) => view(list[i]!));
    },
    async 'invoices.setStatus'({ id, status }) {
      const today = ctx.engine.today();
      await ctx.engine.update((tx) => {
        const invoice = tx.invoice(id);
        if (!invoice) throw notFound('Fatura');
        if (invoice.status === status) return;
        if (invoice.status === 'paid' && status === 'cancelled') throw conflict(PAID_NOT_CANCELLED);
        // Paid by hand for the full amount today; reopening or cancelling drops the payment.
        const payment = status === 'paid' ? manualPayment(today, invoice.amountCents) : null;
        tx.upsertInvoices([{ ...invoice, status, payment }]);
      });
      return invoiceViewer(store, ctx.engine.today())(store.invoice(id)!);
    },
    async 'invoices.markPaid'({ id, date, amountCents }) {
      await ctx.engine.update((tx) => {
        const invoice = tx.invoice(id);
        if (!invoice) throw notFound('Fatura');
        if (invoice.status === 'cancelled')
          throw conflict('A fatura está cancelada: use Reabrir antes de marcá-la como paga.');
        if (date < invoice.issueDate)
          throw invalid({ date: 'data de pagamento anterior à emissão da fatura' });
        tx.upsertInvoices([{ ...invoice, status: 'paid', payment: manualPayment(date, amountCents) }]);
      });
      return invoiceViewer(store, ctx.engine.today())(store.invoice(id)!);
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
      return invoiceViewer(store, ctx.engine.today())(store.invoice(invoice.id)!);
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
