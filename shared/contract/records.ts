import { z } from 'zod';
import { customerSchema, INVOICE_STATUSES, isoDate, type Customer, type Invoice } from '../domain';
import type { DeliveryRecord, RenderedEmail } from '../records';
import { method, pageInput, type Page } from './method';

export type InvoiceView = Invoice & { customerName: string; billingMethodName: string };
export type DeliveryView = DeliveryRecord & { customerName: string; invoiceNumber: string };
export const DELIVERY_STATUSES = ['sending', 'sent', 'pending', 'failed', 'skipped', 'uncertain'] as const;

const deliveryFilter = {
  from: isoDate.nullish(),
  to: isoDate.nullish(),
  status: z.enum(DELIVERY_STATUSES).nullish(),
  customerId: z.string().nullish(),
};

export const recordsContract = {
  'customers.list': method<Page<Customer>>()(z.strictObject({ ...pageInput })),
  'customers.save': method<Customer>()(customerSchema),
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
  'invoices.preview': method<RenderedEmail & { to: string[]; attachmentName: string | null }>()(
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
  'deliveries.csv': method<{ filename: string; content: string }>()(
    z.strictObject({ ...pageInput, ...deliveryFilter }),
  ),
};
