// Reading fixed-width CNAB records by the positions the manuals print (1-based, inclusive).
import { isCalendarDate } from '../../../../shared/calendar';
import type { BankOccurrence, RejectedLine } from '../types';

export const field = (record: string, from: number, to: number): string => record.slice(from - 1, to);

/** DDMMAAAA (CNAB 240) or DDMMAA (CNAB 400; years 00–79 are 20xx). Zeros or blanks: null. */
export function cnabDate(text: string): string | null | undefined {
  if (/^(0+|\s*)$/.test(text)) return null;
  let iso: string;
  if (/^\d{8}$/.test(text)) iso = `${text.slice(4, 8)}-${text.slice(2, 4)}-${text.slice(0, 2)}`;
  else if (/^\d{6}$/.test(text)) {
    const yy = Number(text.slice(4, 6));
    iso = `${yy < 80 ? 2000 + yy : 1900 + yy}-${text.slice(2, 4)}-${text.slice(0, 2)}`;
  } else return undefined;
  return isCalendarDate(iso) ? iso : undefined;
}

/** A value with two implied decimals, as integer cents; undefined when not all digits. */
export const cnabCents = (text: string): number | undefined =>
  /^\d+$/.test(text) ? Number(text) : undefined;

/** A payment (liquidation) read from a retorno. */
export interface RetornoPayment {
  line: number;
  nossoNumero: string;
  code: string;
  description: string;
  date: string;
  amountCents: number;
}

export interface RetornoResult {
  bank: { code: string; name: string; layout: '240' | '400' };
  payments: RetornoPayment[];
  occurrences: BankOccurrence[];
  rejected: RejectedLine[];
}

export const BANK_NAMES: Record<string, string> = {
  '001': 'Banco do Brasil',
  '033': 'Santander',
  '104': 'Caixa Econômica Federal',
  '237': 'Bradesco',
  '341': 'Itaú',
  '748': 'Sicredi',
  '756': 'Sicoob',
};
