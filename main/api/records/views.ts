// What the screens get for each record: the record plus the names they would otherwise look up.
import type { DeliveryView, InvoiceView } from '../../../shared/contract/records';
import type { Page } from '../../../shared/contract/method';
import type { Invoice } from '../../../shared/domain';
import { invoiceSituation } from '../../../shared/invoice-situation';
import type { DeliveryRecord } from '../../../shared/records';
import type { ReadStore } from '../../services/store/store';

/** `today` on the company's clock decides which open invoices read as overdue. */
export function invoiceViewer(store: ReadStore, today: string): (invoice: Invoice) => InvoiceView {
  const methodNames = new Map(store.settings().billingMethods.map((m) => [m.id, m.name]));
  return (invoice) => ({
    ...invoice,
    situation: invoiceSituation(invoice, today),
    customerName:
      store.customer(invoice.customerId)?.name ?? `(cliente ${invoice.customerId} não encontrado)`,
    billingMethodName: methodNames.get(invoice.billingMethodId) ?? invoice.billingMethodId,
  });
}

/**
 * The reason as a clerk reads it. Records written before failures were worded for clerks carry the
 * server's raw reply as their reason ("250 OK…", "servidor SMTP indisponível: connect ECONNREFUSED…"):
 * those get a plain sentence, the reply stays in smtpResponse for "Detalhes".
 */
export function clerkReason(record: DeliveryRecord): string | undefined {
  const { reason, smtpResponse } = record;
  if (!reason) return undefined;
  const raw =
    (smtpResponse && reason.startsWith(smtpResponse)) ||
    /^(servidor SMTP indisponível|login recusado pelo servidor SMTP|o servidor SMTP parou de responder):/.test(
      reason,
    );
  if (!raw) return reason;
  switch (record.status) {
    case 'sent':
      return undefined;
    case 'failed':
      return 'O servidor de e-mail recusou a mensagem. Veja os detalhes e, se preciso, corrija e use Reenviar.';
    case 'uncertain':
      return 'O servidor de e-mail parou de responder no meio do envio; ele pode ter recebido a mensagem.';
    default:
      return 'O servidor de e-mail não aceitou o envio por enquanto; o aviso sai na próxima execução.';
  }
}

export const deliveryView = (store: ReadStore, record: DeliveryRecord): DeliveryView => ({
  ...record,
  reason: clerkReason(record),
  customerName: store.customer(record.customerId)?.name ?? '',
  invoiceNumber: store.invoice(record.invoiceId)?.number ?? record.invoiceId,
});

/** One page out of `total` matches; a page past the end shows the last one (a search narrowed it). */
export function pageWindow(total: number, page: number, pageSize: number) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, last);
  const start = (current - 1) * pageSize;
  return { page: current, start, end: Math.min(total, start + pageSize) };
}

export function pageOf<T, R>(
  matches: ArrayLike<T>,
  page: number,
  pageSize: number,
  view: (item: T) => R,
): Page<R> {
  const w = pageWindow(matches.length, page, pageSize);
  const items: R[] = [];
  for (let i = w.start; i < w.end; i++) items.push(view(matches[i]!));
  return { items, total: matches.length, page: w.page, pageSize };
}
