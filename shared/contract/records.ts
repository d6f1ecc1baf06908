import { z } from 'zod';
import {
  customerSchema,
  INVOICE_STATUSES,
  invoiceSchema,
  isoDate,
  type Customer,
  type Invoice,
} from '../domain';
import type { BulkResult } from '../invoice-bulk';
import {
  CUSTOMER_SORTS,
  INVOICE_SITUATIONS,
  INVOICE_SORTS,
  SORT_DIRECTIONS,
  type InvoiceSituation,
} from '../invoice-situation';
import type { DeliveryRecord, RenderedEmail } from '../records';
import { ruleLabel } from '../rule-kinds';
import { method, pageInput, type Page } from './method';

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceView = Invoice & {
  customerName: string;
  billingMethodName: string;
  /** As the clerk reads it: an open invoice past due (company's clock) is 'overdue'. */
  situation: InvoiceSituation;
};
export type CustomerView = Customer & {
  /** Open invoices (overdue ones included). */
  openInvoices: number;
};
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

/** What narrows Faturas; also what "all N matching the filter" of a bulk action means. */
export const invoiceFilter = {
  search: z.string().trim().max(200).default(''),
  /** The situation as shown: 'open' is open and not yet past due, 'overdue' past due. */
  status: z.enum(INVOICE_SITUATIONS).nullish(),
  customerId: z.string().nullish(),
  billingMethodId: z.string().nullish(),
  /** Due date from/to, inclusive. */
  dueFrom: isoDate.nullish(),
  dueTo: isoDate.nullish(),
};
export type InvoiceFilter = z.input<z.ZodObject<typeof invoiceFilter>>;

/** The invoices a bulk action acts on: those chosen, or every one matching a filter when it runs. */
const bulkTarget = z.union(
  [
    z.strictObject({ ids: z.array(z.string()).min(1).max(100_000) }),
    z.strictObject({ filter: z.strictObject(invoiceFilter) }),
  ],
  { error: 'escolha as faturas' },
);

const sortInput = <S extends readonly [string, ...string[]]>(columns: S) => ({
  sort: z.enum(columns).nullish(),
  direction: z.enum(SORT_DIRECTIONS).default('asc'),
});

export const recordsContract = {
  /**
   * Sorted by name unless `sort` says otherwise (over the whole list, before paging); search is case-
   * and accent-insensitive over name, CPF/CNPJ digits, e-mail and id.
   */
  'customers.list': method<Page<CustomerView>>()(
    z.strictObject({
      ...pageInput,
      filter: z.enum(CUSTOMER_FILTERS).nullish(),
      ...sortInput(CUSTOMER_SORTS),
    }),
  ),
  /** Adicionar (create: an id already in use is refused) or Editar. */
  'customers.save': method<Customer>()(
    customerSchema.extend({
      create: z.boolean().default(false),
      /** A row of customers.list saves back as it is: its count of open invoices is ignored. */
      openInvoices: z.number().optional(),
    }),
  ),
  /**
   * Refused (conflict, naming how many) while the customer has invoices, unless withInvoices: then
   * its invoices go too. The history of what was sent stays.
   */
  'customers.remove': method<{ invoicesRemoved: number }>()(
    z.strictObject({ id: z.string(), withInvoices: z.boolean().default(false) }),
  ),
  /**
   * Newest due date first unless `sort` says otherwise (over the whole list, before paging); search
   * covers the invoice number and id and the customer's name, CPF/CNPJ, e-mail and id.
   */
  'invoices.list': method<Page<InvoiceView>>()(
    z.strictObject({ ...pageInput, ...invoiceFilter, ...sortInput(INVOICE_SORTS) }),
  ),
  /**
   * Cancelar or Reabrir many invoices in one write (all or nothing); those it does not apply to are
   * left out with the reason (a paid invoice is reopened before it is cancelled).
   */
  'invoices.bulkSetStatus': method<BulkResult>()(
    z.strictObject({ target: bulkTarget, status: z.enum(['open', 'cancelled']) }),
  ),
  /** Marcar como paga many invoices on one date, each for its full amount, in one write. */
  'invoices.bulkMarkPaid': method<BulkResult>()(z.strictObject({ target: bulkTarget, date: isoDate })),
  /**
   * Enviar por e-mail many invoices with one layout, through the manual send path (one hold of the
   * send lane). `batchId` names this request: asked again, what it already sent is not sent twice.
   */
  'invoices.bulkSend': method<BulkResult>()(
    z.strictObject({
      target: bulkTarget,
      layoutId: z.string().min(1, 'escolha o layout'),
      smtpAccountId: z.string().nullish(),
      batchId: z.string().regex(/^[\w-]{8,64}$/),
    }),
  ),
  /**
   * Reabrir (clears the payment), Cancelar, or paga today for the full amount (see invoices.markPaid).
   * A paid invoice is reopened before it is cancelled (conflict).
   */
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
  /**
   * Sends now with the chosen layout (manual notice: does not consume the automatic ones). A paid or
   * cancelled invoice is not sent (conflict).
   */
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
