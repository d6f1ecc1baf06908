// The records the office imports and the engine sends for: customers with their addresses, invoices
// with their payment codes and payments, and their zod schemas.
import { z } from 'zod';
import {
  checkCep,
  checkPhone,
  checkTaxId,
  dueDateOfFactor,
  parseDigitableLine as parseLine,
  parsePixCode as parsePix,
} from '../br';
import { formatDateBR, formatMoneyBR, isCalendarDate } from '../calendar';
import { parseEmailList } from '../email-list';
import { checkedText, entityId, isoDate, optionalText, requiredText, UF } from './fields';

const emailListField = z
  .string()
  .trim()
  .max(1000)
  .superRefine((value, ctx) => {
    const { invalid } = parseEmailList(value);
    for (const address of invalid) ctx.addIssue({ code: 'custom', message: `e-mail inválido: ${address}` });
  })
  .nullish();

/** Remembers the last answer: the field check and the invoice-level comparison parse the same code. */
function rememberLast<T>(parse: (input: string) => T): (input: string) => T {
  let lastInput: string | undefined;
  let lastResult: T;
  return (input) => {
    if (input !== lastInput) [lastInput, lastResult] = [input, parse(input)];
    return lastResult;
  };
}
const parseDigitableLine = rememberLast((input: string) => parseLine(input));
const parsePixCode = rememberLast(parsePix);

/** A text field checked by one of shared/br's validators; empty means "not informed". */

export const addressSchema = z.strictObject({
  street: optionalText(200),
  number: optionalText(20),
  complement: optionalText(120),
  district: optionalText(120),
  city: optionalText(120),
  state: z.enum(UF, { error: 'UF inválida (ex.: SP)' }).nullish(),
  /** CEP, stored as 8 digits. */
  zip: checkedText(9, checkCep).transform((zip) => (zip ? zip.replace(/\D/g, '') : zip)),
});
export type Address = z.infer<typeof addressSchema>;

function bouncedEmailSchema() {
  return z.strictObject({
    address: z.string().trim().min(1).max(320),
    /** For a clerk: "o e-mail maria@… não existe (caixa postal inexistente)". */
    reason: z.string().max(500),
    /** When the bounce was read (ISO instant). */
    at: z.string().max(40),
  });
}
export type BouncedEmail = z.infer<ReturnType<typeof bouncedEmailSchema>>;

export const customerSchema = z.strictObject({
  /** The ERP's customer code. */
  id: entityId,
  name: requiredText('o nome do cliente', 200),
  document: checkedText(40, checkTaxId),
  email: emailListField,
  phone: checkedText(40, checkPhone),
  address: addressSchema.nullish(),
  active: z.boolean().default(true),
  emailOptOut: z.boolean().default(false),
  /**
   * Addresses a notice bounced from for good (caixa inexistente): no notice goes to them until the
   * address is edited. Kept by the bounce reader; saving the customer keeps the marks of the
   * addresses still in `email` and can only remove marks, never add them.
   */
  bouncedEmails: z.array(bouncedEmailSchema()).nullish(),
});
export type Customer = z.infer<typeof customerSchema>;

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export const PAYMENT_SOURCES = ['retorno', 'file', 'manual'] as const;

/** How an invoice was paid: from a bank retorno file, an ERP file, or typed by staff. */
export const paymentSchema = z.strictObject({
  date: isoDate,
  amountCents: z
    .number({ error: 'valor pago deve ser um número inteiro de centavos' })
    .int('valor pago deve ser um número inteiro de centavos')
    .min(0, 'valor pago não pode ser negativo'),
  source: z.enum(PAYMENT_SOURCES, { error: 'origem do pagamento deve ser retorno, file ou manual' }),
  /** Where it came from, e.g. the retorno file name and line. */
  reference: optionalText(300),
});
export type Payment = z.infer<typeof paymentSchema>;
export const invoiceSchema = z
  .strictObject({
    id: entityId,
    customerId: entityId,
    billingMethodId: entityId,
    number: requiredText('o número da fatura', 60),
    issueDate: isoDate,
    dueDate: isoDate,
    amountCents: z
      .number({ error: 'valor (amountCents) deve ser um número inteiro de centavos' })
      .int('valor (amountCents) deve ser um número inteiro de centavos')
      .min(0, 'valor não pode ser negativo')
      .max(100_000_000_00, 'valor alto demais'),
    status: z.enum(INVOICE_STATUSES, { error: 'situação deve ser open, paid ou cancelled' }).default('open'),
    digitableLine: checkedText(80, parseDigitableLine),
    pixCode: checkedText(1000, parsePixCode),
    pdfPath: z.string().trim().max(1000).nullish(),
    /** The bank's number for the boleto, as the retorno files name it. */
    nossoNumero: optionalText(40),
    payment: paymentSchema.nullish(),
  })
  .superRefine((inv, ctx) => {
    // Compare only two real dates; a malformed one already has its own message.
    if (isCalendarDate(inv.issueDate) && isCalendarDate(inv.dueDate) && inv.dueDate < inv.issueDate)
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'vencimento anterior à emissão' });
    for (const issue of paymentCodeMismatches(inv)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** What the boleto and the PIX code say against the invoice's own amount and due date. */
function paymentCodeMismatches(inv: {
  amountCents: number;
  dueDate: string;
  digitableLine?: string | null;
  pixCode?: string | null;
}): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  const amountKnown = Number.isInteger(inv.amountCents);
  const line = inv.digitableLine ? parseDigitableLine(inv.digitableLine.trim()) : null;
  if (line?.ok) {
    const { amountCents, dueFactor } = line.value;
    // A factor names two dates 9,000 days apart: compare with the one nearest the invoice's.
    const dueDate = dueFactor === null ? null : dueDateOfFactor(dueFactor, inv.dueDate);
    if (amountKnown && amountCents !== null && amountCents !== inv.amountCents)
      out.push({
        path: ['digitableLine'],
        message: `linha digitável com valor ${formatMoneyBR(amountCents)}, diferente do valor da fatura ${formatMoneyBR(inv.amountCents)}`,
      });
    if (isCalendarDate(inv.dueDate) && dueDate !== null && dueDate !== inv.dueDate)
      out.push({
        path: ['digitableLine'],
        message: `linha digitável com vencimento ${formatDateBR(dueDate)}, diferente do vencimento da fatura ${formatDateBR(inv.dueDate)}`,
      });
  }
  const pix = inv.pixCode ? parsePixCode(inv.pixCode.trim()) : null;
  if (pix?.ok && amountKnown && pix.value.amountCents !== null && pix.value.amountCents !== inv.amountCents)
    out.push({
      path: ['pixCode'],
      message: `PIX copia e cola com valor ${formatMoneyBR(pix.value.amountCents)}, diferente do valor da fatura ${formatMoneyBR(inv.amountCents)}`,
    });
  return out;
}
export type Invoice = z.infer<typeof invoiceSchema>;
