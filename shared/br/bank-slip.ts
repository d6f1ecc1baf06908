// The bank boleto (cobrança bancária): its 44-digit barcode and the 47-digit linha digitável the
// payer types (Carta-Circular BCB 2.926/2000, FEBRABAN). Parsing explains which check digit
// failed; building gives the sample data and the tests real, payable-looking codes.
//
// barcode:  bank(3) currency(1) DV(1) factor(4) amount(10) free field(25)
// linha:    bank currency free[0,5) DV1 | free[5,15) DV2 | free[15,25) DV3 | DV | factor amount
import { mod10, mod11Boleto } from './check-digits';
import { invalid, valid, type Checked } from './checked';
import { dueDateOfFactor, dueFactorOf } from './due-factor';

export interface BankSlip {
  kind: 'bank';
  /** The 47 digits of the linha digitável. */
  digits: string;
  /** 23790.12345 60000.000001 … as printed on the boleto. */
  formatted: string;
  barcode44: string;
  bankCode: string;
  /** 9 = real. */
  currency: string;
  /** 0 when the boleto has no due date. */
  dueFactor: number;
  dueDate: string | null;
  /** null when the boleto leaves the amount to the payer (zeros). */
  amountCents: number | null;
}

const fieldWithDv = (digits: string) => `${digits}${mod10(digits)}`;

export function barcodeToBankLine(barcode: string): string {
  const bankCurrency = barcode.slice(0, 4);
  const free = barcode.slice(19, 44);
  return (
    fieldWithDv(bankCurrency + free.slice(0, 5)) +
    fieldWithDv(free.slice(5, 15)) +
    fieldWithDv(free.slice(15, 25)) +
    barcode.slice(4, 5) +
    barcode.slice(5, 19)
  );
}

export function bankLineToBarcode(line: string): string {
  const free = line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31);
  return line.slice(0, 4) + line.slice(32, 33) + line.slice(33, 47) + free;
}

export function formatBankLine(digits: string): string {
  return (
    `${digits.slice(0, 5)}.${digits.slice(5, 10)} ${digits.slice(10, 15)}.${digits.slice(15, 21)} ` +
    `${digits.slice(21, 26)}.${digits.slice(26, 32)} ${digits.slice(32, 33)} ${digits.slice(33)}`
  );
}

/** Reads a 47-digit linha digitável (digits only). `reference` picks the factor's cycle. */
export function parseBankLine(digits: string, reference?: string): Checked<BankSlip> {
  const fields: [string, number][] = [
    [digits.slice(0, 10), 1],
    [digits.slice(10, 21), 2],
    [digits.slice(21, 32), 3],
  ];
  for (const [field, n] of fields) {
    if (mod10(field.slice(0, -1)) !== Number(field.at(-1)))
      return invalid(`linha digitável inválida: o dígito verificador do campo ${n} não confere`);
  }
  const barcode44 = bankLineToBarcode(digits);
  if (mod11Boleto(barcode44.slice(0, 4) + barcode44.slice(5)) !== Number(barcode44[4]))
    return invalid('linha digitável inválida: o dígito verificador geral (código de barras) não confere');
  const dueFactor = Number(barcode44.slice(5, 9));
  const amount = Number(barcode44.slice(9, 19));
  return valid({
    kind: 'bank',
    digits,
    formatted: formatBankLine(digits),
    barcode44,
    bankCode: barcode44.slice(0, 3),
    currency: barcode44.slice(3, 4),
    dueFactor,
    dueDate: dueDateOfFactor(dueFactor, reference),
    amountCents: amount === 0 ? null : amount,
  });
}

export interface BankSlipInput {
  /** COMPE code, 3 digits (237 Bradesco, 341 Itaú, 001 Banco do Brasil…). */
  bankCode: string;
  /** null: a boleto without due date (factor 0000). */
  dueDate: string | null;
  /** null: the payer types the amount. At most 99,999,999.99. */
  amountCents: number | null;
  /** The bank's 25-digit campo livre (agency, wallet, nosso número… in the bank's own layout). */
  freeField: string;
  currency?: string;
}

/** The 44-digit barcode for these values. Throws on values no boleto can carry (a programming error). */
export function buildBankBarcode(input: BankSlipInput): string {
  const { bankCode, dueDate, amountCents, freeField, currency = '9' } = input;
  if (!/^\d{3}$/.test(bankCode)) throw new RangeError(`bank code must be 3 digits: ${bankCode}`);
  if (!/^\d{25}$/.test(freeField)) throw new RangeError('free field must be 25 digits');
  if (!/^\d$/.test(currency)) throw new RangeError('currency must be 1 digit');
  const factor = dueDate === null ? 0 : dueFactorOf(dueDate);
  if (factor === null) throw new RangeError(`due date outside the factor range: ${dueDate}`);
  const amount = amountCents ?? 0;
  if (!Number.isInteger(amount) || amount < 0 || amount > 9_999_999_999)
    throw new RangeError(`amount out of range: ${amountCents}`);
  const body = `${bankCode}${currency}${String(factor).padStart(4, '0')}${String(amount).padStart(10, '0')}${freeField}`;
  return `${body.slice(0, 4)}${mod11Boleto(body)}${body.slice(4)}`;
}

/** A valid linha digitável (formatted) for these values. */
export function buildBankLine(input: BankSlipInput): string {
  return formatBankLine(barcodeToBankLine(buildBankBarcode(input)));
}
