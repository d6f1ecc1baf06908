// Collection slips (arrecadação/convênio: utilities, taxes): 44-digit barcode starting with 8,
// 48-digit linha in four blocks of 11 digits + check digit. The third digit says whether the
// check digits are módulo 10 (6, 7) or 11 (8, 9), and whether the value is money (6, 8) or a
// reference quantity (7, 9). FEBRABAN "Layout Padrão de Arrecadação/Recebimento".
import { mod10, mod11Collection } from './check-digits';
import { invalid, valid, type Checked } from './checked';

export interface CollectionSlip {
  kind: 'collection';
  digits: string;
  formatted: string;
  barcode44: string;
  bankCode: null;
  currency: null;
  dueFactor: null;
  dueDate: null;
  amountCents: number | null;
  /** 1 prefeituras, 2 saneamento, 3 energia e gás, 4 telecomunicações, 5 órgãos governamentais… */
  segment: number;
}

const checkDigitOf = (identifier: string) =>
  identifier === '6' || identifier === '7' ? mod10 : mod11Collection;

export const collectionLineToBarcode = (line: string): string =>
  [0, 12, 24, 36].map((start) => line.slice(start, start + 11)).join('');

export function barcodeToCollectionLine(barcode: string): string {
  const dv = checkDigitOf(barcode[2]!);
  return [0, 11, 22, 33]
    .map((start) => barcode.slice(start, start + 11))
    .map((b) => `${b}${dv(b)}`)
    .join('');
}

export const formatCollectionLine = (digits: string): string =>
  [0, 12, 24, 36].map((s) => `${digits.slice(s, s + 11)}-${digits.slice(s + 11, s + 12)}`).join(' ');

export function parseCollectionLine(digits: string): Checked<CollectionSlip> {
  if (digits[0] !== '8') return invalid('linha digitável de convênio inválida: deve começar com 8');
  const identifier = digits[2]!;
  if (!'6789'.includes(identifier))
    return invalid(
      'linha digitável de convênio inválida: o 3º dígito (identificador de valor) deve ser 6, 7, 8 ou 9',
    );
  const dv = checkDigitOf(identifier);
  for (let block = 0; block < 4; block++) {
    const part = digits.slice(block * 12, block * 12 + 11);
    if (dv(part) !== Number(digits[block * 12 + 11]))
      return invalid(
        `linha digitável de convênio inválida: o dígito verificador do bloco ${block + 1} não confere`,
      );
  }
  const barcode44 = collectionLineToBarcode(digits);
  if (dv(barcode44.slice(0, 3) + barcode44.slice(4)) !== Number(barcode44[3]))
    return invalid('linha digitável de convênio inválida: o dígito verificador geral não confere');
  const value = Number(barcode44.slice(4, 15));
  return valid({
    kind: 'collection',
    digits,
    formatted: formatCollectionLine(digits),
    barcode44,
    bankCode: null,
    currency: null,
    dueFactor: null,
    dueDate: null,
    amountCents: (identifier === '6' || identifier === '8') && value > 0 ? value : null,
    segment: Number(barcode44[1]),
  });
}

export interface CollectionSlipInput {
  segment: number;
  /** 6/8: the value is money (módulo 10/11); 7/9: a reference quantity. */
  identifier: '6' | '7' | '8' | '9';
  amountCents: number;
  /** The biller's identification and free field: 29 digits. */
  rest: string;
}

/** A valid 48-digit collection linha (formatted). Throws on impossible input. */
export function buildCollectionLine({ segment, identifier, amountCents, rest }: CollectionSlipInput): string {
  if (!Number.isInteger(segment) || segment < 1 || segment > 9) throw new RangeError('segment must be 1..9');
  if (!/^\d{29}$/.test(rest)) throw new RangeError('rest must be 29 digits');
  if (!Number.isInteger(amountCents) || amountCents < 0 || amountCents > 99_999_999_999)
    throw new RangeError('amount out of range');
  const body = `8${segment}${identifier}${String(amountCents).padStart(11, '0')}${rest}`;
  const barcode = `${body.slice(0, 3)}${checkDigitOf(identifier)(body)}${body.slice(3)}`;
  return formatCollectionLine(barcodeToCollectionLine(barcode));
}
