import { z } from 'zod';
import { customerSchema, INVOICE_STATUSES, isoDate, type Customer, type Invoice } from '../domain';
import type { DeliveryRecord, RenderedEmail } from '../records';
import { ruleLabel } from '../rule-kinds';
import { method, pageInput, type Page } from './method';

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceView = Invoice & { customerName: string; billingMethodName: string };
export type DeliveryView = DeliveryRecord & {
  customerName: string;
  invoiceNumber: string;
};
export const DELIVERY_STATUSES = [
  'sending',
  'sent',
  'pending',
  'failed',
  'skipped',
  'uncertain',
  'bounced',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** Only these may be sent again on purpose: the others were delivered, are queued or were skipped. */
export const RESENDABLE_STATUSES: readonly DeliveryStatus[] = ['failed', 'uncertain', 'bounced'];

export const CUSTOMER_FILTERS = ['active', 'inactive', 'opted_out'] as const;

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  open: 'aberta',
  paid: 'paga',
  cancelled: 'cancelada',
};
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  sending: 'enviando',
  sent: 'enviado',
  pending: 'pendente',
  failed: 'falhou',
  skipped: 'ignorado',
  uncertain: 'incerto',
  bounced: 'devolvido',
};

/** The notice key of a manual send; the middle part marks it so no rule ever claims it. */
export const manualNoticeKey = (invoiceId: string, instant: string) => `${invoiceId}|manual|${instant}`;
export const isManualKey = (key: string) => key.split('|')[1] === 'manual';

/** "Envio após Vencido com 13 dias", as the history names the rule behind a notice. */
export function deliveryRuleLabel(d: DeliveryRecord): string {
  return d.origin === 'manual' ? 'Envio manual' : ruleLabel(d);
}

/** Something the person sending by hand should know; `blocking` ones stop the send. */
export interface SendWarning {
  message: string;
  blocking: boolean;
}

export type InvoicePreview = RenderedEmail & {
  to: string[];
  attachmentName: string | null;
  warnings: SendWarning[];
};

/** Dates filter on the day the notice was recorded (`at`, in the company's time zone). */
const deliveryFilter = {
  /** The real notices, or what the test-mode account captured: never mixed. */
  mode: z.enum(['live', 'test']).default('live'),
  from: isoDate.nullish(),
  to: isoDate.nullish(),
  status: z.enum(DELIVERY_STATUSES).nullish(),
  customerId: z.string().nullish(),
};

export const recordsContract = {
  /** Sorted by name; search is case- and accent-insensitive over name, CPF/CNPJ digits, e-mail and id. */
  'customers.list': method<Page<Customer>>()(
    z.strictObject({ ...pageInput, filter: z.enum(CUSTOMER_FILTERS).nullish() }),
  ),
  'customers.save': method<Customer>()(customerSchema),
  /** Newest due date first; search also covers the invoice number and id. */
  'invoices.list': method<Page<InvoiceView>>()(
    z.strictObject({
      ...pageInput,
      status: z.enum(INVOICE_STATUSES).nullish(),
      customerId: z.string().nullish(),
    }),
  ),
  'invoices.setStatus': method<InvoiceView>()(
    z.strictObject({ id: z.string(), status: z.enum(INVOICE_STATUSES) }),
  ),
  /** The mail exactly as "Enviar agora" would send it today. */
  'invoices.preview': method<InvoicePreview>()(
    z.strictObject({ invoiceId: z.string(), layoutId: z.string() }),
  ),
  /** Sends now with the chosen layout (manual notice: does not consume the automatic ones). */
  'invoices.send': method<DeliveryView>()(
    z.strictObject({ invoiceId: z.string(), layoutId: z.string(), smtpAccountId: z.string().nullish() }),
  ),
  /** Latest state per notice, newest first. */
  'deliveries.list': method<Page<DeliveryView>>()(z.strictObject({ ...pageInput, ...deliveryFilter })),
  /** Sends a failed or uncertain notice again, on purpose. */
  'deliveries.resend': method<DeliveryView>()(z.strictObject({ key: z.string() })),
  /** Every page of the filtered history, `;`-separated with a UTF-8 BOM (Excel pt-BR). */
  'deliveries.csv': method<{ filename: string; content: string }>()(
    z.strictObject({ ...pageInput, ...deliveryFilter }),
  ),
};
