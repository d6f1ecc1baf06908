import { z } from 'zod';
import {
  customerSchema,
  INVOICE_STATUSES,
  invoiceSchema,
  isoDate,
  type Customer,
  type Invoice,
} from '../domain';
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
  /** Adicionar (create: an id already in use is refused) or Editar. */
  'customers.save': method<Customer>()(customerSchema.extend({ create: z.boolean().default(false) })),
  /**
   * Refused (conflict, naming how many) while the customer has invoices, unless withInvoices: then
   * its invoices go too. The history of what was sent stays.
   */
  'customers.remove': method<{ invoicesRemoved: number }>()(
    z.strictObject({ id: z.string(), withInvoices: z.boolean().default(false) }),
  ),
  /** Newest due date first; search also covers the invoice number and id. */
  'invoices.list': method<Page<InvoiceView>>()(
    z.strictObject({
      ...pageInput,
      status: z.enum(INVOICE_STATUSES).nullish(),
      customerId: z.string().nullish(),
    }),
  ),
  /** Reabrir (clears the payment), Cancelar, or paga today for the full amount (see invoices.markPaid). */
  'invoices.setStatus': method<InvoiceView>()(
    z.strictObject({ id: z.string(), status: z.enum(INVOICE_STATUSES) }),
  ),
  /**
   * Adicionar (create: an id already in use is refused) or Editar; customer and billing method must
   * exist. Field errors come back as `invoice.<field>`.
   */
  'invoices.save': method<InvoiceView>()(
    z.strictObject({ invoice: invoiceSchema, create: z.boolean().default(false) }),
  ),
  'invoices.remove': method<void>()(z.strictObject({ id: z.string() })),
  /** Marcar como paga by hand: the date and amount paid; no more notices go out for it. */
  'invoices.markPaid': method<InvoiceView>()(
    z.strictObject({
      id: z.string(),
      date: isoDate,
      amountCents: z
        .number({ error: 'informe o valor pago' })
        .int('valor pago em centavos inteiros')
        .min(1, 'informe o valor pago'),
    }),
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
