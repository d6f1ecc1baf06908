// One cell's text → a typed value: dates (dd/mm/aaaa, aaaa-mm-dd, Excel serial numbers), money
// (1.234,56 · 1234,56 · R$ 1.234,56 · 1234.56 · numeric cells) in integer cents, and header
// normalization (no case, accents or punctuation) for matching column names.
import { addDays, isCalendarDate } from '../../../shared/calendar';
import { invalid, valid, type Checked } from '../../../shared/br';
import type { DateFormat } from './types';

/** A cell as a reader returns it: text from CSV; text, number or Date from XLSX. */
export type CellValue = string | number | Date | boolean | null;

const normalized = new Map<string, string>();

/** Lower case, no accents, punctuation as single spaces. Memoized: a column repeats few values. */
export function normalizeHeader(header: string): string {
  let out = normalized.get(header);
  if (out === undefined) {
    out = normalizeUncached(header);
    if (normalized.size > 10_000) normalized.clear();
    normalized.set(header, out);
  }
  return out;
}

function normalizeUncached(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const excelSerialToDate = (serial: number) => addDays('1899-12-30', Math.floor(serial));

export function parseDateCell(value: CellValue, format?: DateFormat): Checked<string> {
  if (value instanceof Date) {
    // exceljs gives dates at midnight UTC; a time part means the sheet stored a date-time.
    return isNaN(value.getTime()) ? invalid('data inválida') : valid(value.toISOString().slice(0, 10));
  }
  if (typeof value === 'number') {
    return value > 0 && value < 2_958_466 ? valid(excelSerialToDate(value)) : invalid('data inválida');
  }
  const text = cellText(value);
  let iso: string | null = null;
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/))) iso = `${m[1]}-${m[2]}-${m[3]}`;
  else if ((m = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/))) {
    const [day, month] = format === 'mm/dd/aaaa' ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    iso = `${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  } else if (/^\d{5}(\.\d+)?$/.test(text)) iso = excelSerialToDate(Number(text));
  if (iso && isCalendarDate(iso)) return valid(iso);
  return invalid(iso ? 'data que não existe no calendário' : 'data inválida (use dd/mm/aaaa)');
}

/** Money as integer cents. A comma is the decimal separator unless only dots appear as one. */
export function parseMoneyCell(value: CellValue): Checked<number> {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? valid(Math.round(value * 100)) : invalid('valor inválido');
  }
  let text = cellText(value)
    .replace(/^R\$\s*/i, '')
    .replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})*,\d{1,2}$/.test(text) || /^\d+,\d{1,2}$/.test(text))
    text = text.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})*\.\d{1,2}$/.test(text)) text = text.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return invalid('valor inválido (use 1.234,56)');
  const [reais, cents = ''] = text.split('.');
  return valid(Number(reais) * 100 + Number(cents.padEnd(2, '0')));
}

const TRUE = new Set(['sim', 's', 'ativo', 'ativa', 'true', '1', 'x', 'yes']);
const FALSE = new Set(['nao', 'n', 'inativo', 'inativa', 'false', '0', 'no', 'bloqueado', 'cancelado']);

export function parseBooleanCell(value: CellValue): Checked<boolean> {
  if (typeof value === 'boolean') return valid(value);
  const text = normalizeHeader(cellText(value));
  if (TRUE.has(text)) return valid(true);
  if (FALSE.has(text)) return valid(false);
  return invalid('use Sim ou Não');
}
