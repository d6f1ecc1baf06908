// What a clerk reads as an invoice's situation: an open invoice past its due date (on the company's
// clock) is "vencida". Derived for display, filters and sorting only: the stored status stays `open`,
// so nothing that plans notices changes meaning.
import type { Invoice } from './domain';

export const INVOICE_SITUATIONS = ['open', 'overdue', 'paid', 'cancelled'] as const;
export type InvoiceSituation = (typeof INVOICE_SITUATIONS)[number];

export const INVOICE_SITUATION_LABELS: Record<InvoiceSituation, string> = {
  open: 'aberta',
  overdue: 'vencida',
  paid: 'paga',
  cancelled: 'cancelada',
};

/** `today` is YYYY-MM-DD in the company's time zone; due today is not yet overdue. */
export function invoiceSituation(
  invoice: Pick<Invoice, 'status' | 'dueDate'>,
  today: string,
): InvoiceSituation {
  if (invoice.status !== 'open') return invoice.status;
  return invoice.dueDate < today ? 'overdue' : 'open';
}

/** The columns the Faturas list sorts by. */
export const INVOICE_SORTS = [
  'number',
  'customer',
  'billingMethod',
  'issueDate',
  'dueDate',
  'amount',
  'situation',
] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

/** The columns the Clientes list sorts by. */
export const CUSTOMER_SORTS = ['name', 'document', 'email', 'city', 'openInvoices'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];
