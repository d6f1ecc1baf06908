// Whether a notice gives the customer something to pay with. An e-mail that asks for payment must carry
// a linha digitável, a PIX code or the invoice's own PDF; only a layout marked as a pure reminder, which
// shows none of them, may go without.
import type { EmailLayout, Invoice } from './domain';

/** The variables that show a way to pay: a reminder layout may use none of them. */
export const PAYMENT_VARIABLES: readonly string[] = [
  'fatura.linhaDigitavel',
  'fatura.pixCopiaECola',
  'fatura.pixQrCode',
];

/** True when the e-mail for this invoice carries a way to pay (the own PDF only if it goes attached). */
export function hasPaymentMeans(
  invoice: Pick<Invoice, 'digitableLine' | 'pixCode' | 'pdfPath'>,
  attachInvoice: boolean,
): boolean {
  return !!(
    invoice.digitableLine?.trim() ||
    invoice.pixCode?.trim() ||
    (attachInvoice && invoice.pdfPath?.trim())
  );
}

/** A notice with this layout may be sent without a way to pay only when the layout is a pure reminder. */
export const isReminderLayout = (layout: Pick<EmailLayout, 'reminder'> | undefined): boolean =>
  layout?.reminder === true;
