// Table rows → typed import rows. Each mapped cell is read by its field; a line with any bad cell
// is rejected whole, with one report entry per bad cell. Missing required columns are reported
// once; ids repeated inside the file reject the later line.
import { cellText } from './cells';
import { readField, type CellOptions, type FieldValue } from './cell-fields';
import { FIELD_LABELS, REQUIRED } from './fields';
import type { Table } from './table';
import type {
  CustomerData,
  ImportField,
  ImportMapping,
  ImportRow,
  InvoiceData,
  RejectedLine,
  RowSource,
  RowType,
} from './types';

type Values = Partial<Record<ImportField, FieldValue>>;

export interface RowsResult {
  columnOf: Partial<Record<ImportField, string>>;
  rows: ImportRow[];
  rejected: RejectedLine[];
}

/** The required columns the mapping lacks, as file-level report entries. */
export function missingColumns(
  type: RowType,
  mapped: ReadonlySet<ImportField>,
  headerLine: number,
): RejectedLine[] {
  return REQUIRED[type]
    .filter((need) => (Array.isArray(need) ? !need.some((f) => mapped.has(f)) : !mapped.has(need)))
    .map((need) => {
      const names = (Array.isArray(need) ? need : [need]).map((f) => FIELD_LABELS[f]);
      return { line: headerLine, column: '', value: '', message: `falta a coluna ${names.join(' ou ')}` };
    });
}

const str = (v: FieldValue | undefined) => (v === undefined ? undefined : String(v));
const num = (v: FieldValue | undefined) => (typeof v === 'number' ? v : undefined);

const ADDRESS_PARTS = [
  ['street', 'street'],
  ['streetNumber', 'number'],
  ['complement', 'complement'],
  ['district', 'district'],
  ['city', 'city'],
  ['state', 'state'],
  ['zip', 'zip'],
] as const;

function customerOf(v: Values): CustomerData {
  let address: Record<string, string> | undefined;
  for (const [field, key] of ADDRESS_PARTS)
    if (v[field] !== undefined) (address ??= {})[key] = String(v[field]);
  return {
    id: str(v.customerId),
    name: str(v.customerName),
    document: str(v.document),
    email: str(v.email),
    phone: str(v.phone),
    ...(address ? { address } : {}),
    ...(typeof v.active === 'boolean' ? { active: v.active } : {}),
  };
}

function invoiceOf(v: Values): InvoiceData {
  const paid = num(v.paidAmount);
  const paymentDate = str(v.paymentDate);
  return {
    id: str(v.invoiceId) ?? str(v.invoiceNumber),
    number: str(v.invoiceNumber) ?? str(v.invoiceId),
    customer: customerOf(v),
    issueDate: str(v.issueDate),
    dueDate: str(v.dueDate),
    amountCents: num(v.amount),
    status: v.status as InvoiceData['status'],
    billingMethod: str(v.billingMethod),
    digitableLine: str(v.digitableLine),
    pixCode: str(v.pixCode),
    nossoNumero: str(v.nossoNumero),
    ...(paymentDate ? { payment: { date: paymentDate, amountCents: paid ?? num(v.amount) ?? 0 } } : {}),
  };
}

/** The columns whose text must be unique in the file, and how to name a repetition. */
const UNIQUE: Record<RowType, { fields: ImportField[]; name: (value: string) => string }> = {
  customers: { fields: ['customerId', 'document'], name: (v) => `cliente ${v} repetido no arquivo` },
  invoices: { fields: ['invoiceId', 'invoiceNumber'], name: (v) => `fatura ${v} repetida no arquivo` },
  payments: { fields: [], name: (v) => v },
};

export function readRows(
  table: Table,
  type: RowType,
  mapping: ImportMapping,
  options: CellOptions & { fileName: string },
): RowsResult {
  const columns = table.headers
    .map((header, index) => ({ header, index, field: mapping[header] }))
    .filter((c): c is { header: string; index: number; field: ImportField } => c.field !== undefined);
  const rows: ImportRow[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Map<string, number>();
  const uniqueColumns = UNIQUE[type].fields.flatMap((f) => columns.filter((c) => c.field === f));
  const required = new Set(REQUIRED[type].flatMap((need) => (Array.isArray(need) ? [] : [need])));

  for (const { line, cells } of table.rows) {
    const values: Values = {};
    const source: RowSource = {};
    const errors: RejectedLine[] = [];
    for (const { header, index, field } of columns) {
      const raw = cells[index] ?? null;
      const text = cellText(raw);
      if (text === '') {
        if (required.has(field)) errors.push({ line, column: header, value: '', message: 'em branco' });
        continue;
      }
      const result = readField(field, raw, options);
      if (result.ok) {
        values[field] = result.value;
        source[field] = text;
      } else errors.push({ line, column: header, value: text, message: result.message });
    }
    // A repeated id is reported even when the first line was rejected: the file has it twice.
    const keyColumn = uniqueColumns.find((c) => cellText(cells[c.index] ?? null) !== '');
    if (keyColumn) {
      const key = `${keyColumn.field}:${cellText(cells[keyColumn.index] ?? null).toUpperCase()}`;
      const first = seen.get(key);
      if (first !== undefined) {
        rejected.push({
          line,
          column: '',
          value: '',
          message: `${UNIQUE[type].name(cellText(cells[keyColumn.index] ?? null))} (já na linha ${first})`,
        });
        continue;
      }
      seen.set(key, line);
    }
    if (errors.length) {
      rejected.push(...errors);
      continue;
    }
    if (type === 'customers') rows.push({ type, line, source, customer: customerOf(values) });
    else if (type === 'invoices') rows.push({ type, line, source, invoice: invoiceOf(values) });
    else {
      const date = str(values.paymentDate)!;
      rows.push({
        type,
        line,
        source,
        payment: {
          nossoNumero: str(values.nossoNumero),
          invoiceId: str(values.invoiceId) ?? str(values.invoiceNumber),
          date,
          amountCents: num(values.paidAmount) ?? num(values.amount) ?? 0,
          source: 'file',
          reference: `${options.fileName} linha ${line}`,
        },
      });
    }
  }
  return { columnOf: Object.fromEntries(columns.map((c) => [c.field, c.header])), rows, rejected };
}
