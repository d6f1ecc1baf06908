// Spreadsheets as ERPs export them, for the import property tests: the real header spellings (in
// any order and case), ";" or ",", UTF-8 with or without BOM or Windows-1252, dd/mm/aaaa or
// aaaa-mm-dd, money as 1.234,56 / 1234,56 / R$ 1.234,56, CPF/CNPJ with or without punctuation,
// XLSX written with exceljs (the library the import reads with) with dates and amounts as numbers;
// random valid invoice rows with their customers beside, and random bad cells whose place is known.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  amountCents,
  BAD_EMAILS,
  changeOneDigit,
  corruptTaxId,
  email,
  isoDate,
  personName,
  recordId,
  taxId,
} from './br-arbitraries';
import { testLine } from './payment-codes';

/** Header spellings offices use, per field (a subset of main/services/import/fields.ts's synonyms). */
export const SPELLINGS = {
  customerId: ['Código do cliente', 'Cód. Cliente', 'ID do cliente', 'Matrícula', 'Contrato'],
  customerName: ['Nome', 'Razão social', 'Nome do cliente', 'Sacado', 'Pagador'],
  document: ['CPF/CNPJ', 'CNPJ/CPF', 'CPF ou CNPJ', 'Documento'],
  email: ['E-mail', 'Email', 'E-mail do cliente', 'e-mails'],
  invoiceNumber: ['Nº documento', 'Número da fatura', 'Seu número', 'Título', 'Fatura'],
  issueDate: ['Emissão', 'Data de emissão', 'Dt. Emissão'],
  dueDate: ['Vencimento', 'Data de vencimento', 'Dt. Vencimento', 'Venc.'],
  amount: ['Valor', 'Valor do título', 'Valor da fatura', 'Valor do boleto'],
  digitableLine: ['Linha digitável', 'Linha digitável do boleto'],
  status: ['Situação', 'Status', 'Situação do título'],
} as const;
export type Column = keyof typeof SPELLINGS;
export const COLUMNS = Object.keys(SPELLINGS) as Column[];

export interface Row {
  customerId: string;
  customerName: string;
  document?: string;
  email?: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  amountCents: number;
  digitableLine: string;
  status: 'open' | 'cancelled';
}

const STATUS_TEXT = { open: ['Em aberto', 'ABERTO', 'pendente'], cancelled: ['Cancelado', 'cancelada'] };

export interface FileStyle {
  headers: Record<Column, string>;
  order: Column[];
  separator: ';' | ',';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'xlsx';
  dateFormat: 'dd/mm/aaaa' | 'aaaa-mm-dd';
  /** Per row and column, which of the written forms (money, CPF punctuation, status word) is used. */
  pick: number[];
}

const customerArb = fc.record({
  customerId: recordId,
  // Sometimes on two lines (a quoted CSV cell with a line break: the lines after it move down).
  customerName: fc.oneof(
    { weight: 4, arbitrary: personName },
    personName.map((n) => `${n}\nFilial Centro`),
  ),
  document: fc.option(taxId, { nil: undefined }),
  email: fc.option(email, { nil: undefined }),
});

/** Invoice rows (1–8) over 1–4 customers, invoice numbers unique without regard to case. */
export const rowsArb: fc.Arbitrary<Row[]> = fc
  .uniqueArray(customerArb, { minLength: 1, maxLength: 4, selector: (c) => c.customerId.toLowerCase() })
  .chain((customers) =>
    fc.uniqueArray(
      fc
        .record({
          customer: fc.constantFrom(...customers),
          invoiceNumber: recordId,
          issueDate: isoDate,
          days: fc.integer({ min: 0, max: 90 }),
          amountCents,
          ourNumber: fc.nat({ max: 99_999 }),
          status: fc.constantFrom('open' as const, 'open' as const, 'cancelled' as const),
        })
        .map(({ customer, days, ourNumber, ...r }) => {
          const dueDate = new Date(Date.parse(`${r.issueDate}T00:00:00Z`) + days * 86_400_000)
            .toISOString()
            .slice(0, 10);
          return {
            ...customer,
            ...r,
            dueDate,
            digitableLine: testLine(dueDate, r.amountCents, ourNumber),
          };
        }),
      { minLength: 1, maxLength: 8, selector: (r) => r.invoiceNumber.toUpperCase() },
    ),
  );

const caseOf = (text: string, n: number) => [text, text.toUpperCase(), text.toLowerCase()][n % 3] ?? text;

export const styleArb: fc.Arbitrary<FileStyle> = fc
  .record({
    spelling: fc.array(fc.nat(), { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
    order: fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length }),
    separator: fc.constantFrom(';' as const, ',' as const),
    encoding: fc.constantFrom(
      'utf-8' as const,
      'utf-8-bom' as const,
      'windows-1252' as const,
      'xlsx' as const,
    ),
    dateFormat: fc.constantFrom('dd/mm/aaaa' as const, 'aaaa-mm-dd' as const),
    pick: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  })
  .map(({ spelling, ...s }) => ({
    ...s,
    headers: Object.fromEntries(
      COLUMNS.map((c, i) => {
        const options = SPELLINGS[c];
        return [c, caseOf(options[spelling[i]! % options.length]!, spelling[i]! >> 4)];
      }),
    ) as Record<Column, string>,
  }));

const br = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const thousands = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function moneyText(cents: number, n: number): string {
  const reais = Math.floor(cents / 100);
  const c = String(cents % 100).padStart(2, '0');
  return [`${thousands(reais)},${c}`, `${reais},${c}`, `R$ ${thousands(reais)},${c}`][n % 3]!;
}

const bare = (id: string) => id.replace(/\D/g, '');

/** A cell as written in a CSV (text) or XLSX (numbers for dates and amounts). */
export function cellOf(row: Row, column: Column, style: FileStyle, n: number): string | number | null {
  const xlsx = style.encoding === 'xlsx';
  const date = (iso: string) => (xlsx ? serial(iso) : style.dateFormat === 'dd/mm/aaaa' ? br(iso) : iso);
  switch (column) {
    case 'document':
      if (row.document === undefined) return '';
      // A spreadsheet that took the document for a number keeps it without its leading zeros. Nine
      // digits or fewer fit a CPF starting 00 and a CNPJ starting 00000 alike (both check): read as a
      // CPF, so such CNPJs (Banco do Brasil's) are written as text here.
      if (xlsx && n % 2 === 0 && Number(bare(row.document)) > 999_999_999) return Number(bare(row.document));
      return n % 2 ? bare(row.document) : row.document;
    case 'issueDate':
      return date(row.issueDate);
    case 'dueDate':
      return date(row.dueDate);
    case 'amount':
      return xlsx ? row.amountCents / 100 : moneyText(row.amountCents, n);
    case 'status': {
      const words = STATUS_TEXT[row.status];
      return words[n % words.length]!;
    }
    default:
      return row[column] ?? '';
  }
}

export const serial = (iso: string) =>
  (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** A bad cell, as a clerk could type it, for a column; null where the column has none. */
export function badCell(row: Row, column: Column, n: number): string | null {
  switch (column) {
    case 'document':
      return corruptTaxId(row.document ?? '123.456.789-09');
    case 'email':
      return BAD_EMAILS[n % BAD_EMAILS.length]!;
    case 'issueDate': // blank is fine: the import takes today or the due date
      return ['31/02/2026', '2026-13-01', 'amanhã', '32/01/2026'][n % 4]!;
    case 'dueDate':
      return ['31/02/2026', '2026-13-01', 'amanhã', '', '32/01/2026'][n % 5]!;
    case 'amount':
      return ['dez reais', '12,345', '-5,00', '', 'R$ 1,2,3'][n % 5]!;
    case 'digitableLine':
      // A digit of the three fields with their own check digit (a change in the last block can keep
      // the general digit, FEBRABAN's mod 11 maps three remainders to 1: then only the comparison
      // with the amount column catches it, once the line's other cells are right).
      return changeOneDigit(row.digitableLine.slice(0, 32), n) + row.digitableLine.slice(32);
    case 'status':
      return 'talvez';
    default:
      return null;
  }
}

export interface Bad {
  /** Index of the row (0-based, data rows). */
  row: number;
  column: Column;
  value: string;
}

function csvField(text: string, separator: string): string {
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Windows-1252's own letters in 0x80–0x9F (the rest of the names here is Latin-1). */
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const code = CP1252[c] ?? c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in Windows-1252: ${c}`);
    return code;
  });
}

/** The file's bytes: the header, then each row with its bad cells in place. */
const tableOf = (rows: Row[], style: FileStyle, bad: Bad[]) =>
  rows.map((row, r) =>
    style.order.map((column, c) => {
      const b = bad.find((x) => x.row === r && x.column === column);
      return b ? b.value : cellOf(row, column, style, style.pick[(r + c) % style.pick.length]! + r);
    }),
  );

/** The line a data row starts on, as the import reports it: the sheet's row, or the CSV text's line. */
export function lineOf(rows: Row[], style: FileStyle, bad: Bad[], row: number): number {
  if (style.encoding === 'xlsx') return row + 2;
  const breaks = tableOf(rows, style, bad)
    .slice(0, row)
    .flat()
    .reduce<number>((n, cell) => n + (String(cell ?? '').match(/\n/g)?.length ?? 0), 0);
  return row + 2 + breaks;
}

export async function fileBytes(rows: Row[], style: FileStyle, bad: Bad[]): Promise<Uint8Array> {
  const table = tableOf(rows, style, bad);
  const header = style.order.map((c) => style.headers[c]);
  if (style.encoding === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Faturas');
    ws.addRow(header);
    for (const cells of table) ws.addRow(cells);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const text =
    [header, ...table]
      .map((cells) => cells.map((v) => csvField(String(v ?? ''), style.separator)).join(style.separator))
      .join('\r\n') + '\r\n';
  if (style.encoding === 'windows-1252') return windows1252(text);
  const utf8 = new TextEncoder().encode(text);
  return style.encoding === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]) : utf8;
}
