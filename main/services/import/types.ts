// The shapes the import layer hands to the engine: what a file held (ParsedImport) and what
// applying it would change (PlannedImport). Everything a clerk reads is in Portuguese.
import type { Address, Customer, Invoice, Payment } from '../../../shared/domain';
import type { ImportField, RowType } from '../../../shared/import-fields';
import type {
  BankOccurrence,
  EntityCounts,
  ImportKind,
  RejectedLine,
  UnknownPayment,
} from '../../../shared/import-outcome';
export type {
  BankOccurrence,
  EntityCounts,
  ImportKind,
  RejectedLine,
  UnknownPayment,
} from '../../../shared/import-outcome';

export { IMPORT_FIELDS, type ImportField, type RowType } from '../../../shared/import-fields';

/** Column header (as in the file) → field. Columns not named are ignored. */
export type ImportMapping = Partial<Record<string, ImportField>>;

export type DateFormat = 'dd/mm/aaaa' | 'aaaa-mm-dd' | 'mm/dd/aaaa';

/** A named mapping for one ERP's export, chosen by staff once. */
export interface ImportPreset {
  id: string;
  /** As staff see it: "IXCsoft — Contas a receber (fn_areceber)". */
  name: string;
  type: RowType;
  /** Header → field; headers are compared without case, accents or punctuation. */
  columns: Record<string, ImportField>;
  options?: {
    dateFormat?: DateFormat;
    /** Extra spellings of the status column: value (normalized) → status. */
    statusValues?: Record<string, Invoice['status']>;
    sheet?: string;
  };
  /** Where the layout was documented (URL and title); empty for the generic preset. */
  sources: string[];
}

/** The rejected lines of a file, in line order; rejectedLinesCsv renders it for Excel. */
export type ImportReport = readonly RejectedLine[];

/** Each field's cell text as in the file, for messages (the header is in ParsedImport.columnOf). */
export type RowSource = Partial<Record<ImportField, string>>;

export interface CustomerData {
  id?: string;
  name?: string;
  document?: string;
  email?: string;
  phone?: string;
  address?: Partial<NonNullable<Address>>;
  active?: boolean;
}

export interface InvoiceData {
  id?: string;
  number?: string;
  customer: CustomerData;
  issueDate?: string;
  dueDate?: string;
  amountCents?: number;
  status?: Invoice['status'];
  billingMethod?: string;
  digitableLine?: string;
  pixCode?: string;
  nossoNumero?: string;
  payment?: { date: string; amountCents: number };
}

export interface PaymentData {
  nossoNumero?: string;
  invoiceId?: string;
  date: string;
  amountCents: number;
  source: Payment['source'];
  /** e.g. "CB300101.RET linha 3". */
  reference: string;
}

export type ImportRow =
  | { type: 'customers'; line: number; source: RowSource; customer: CustomerData }
  | { type: 'invoices'; line: number; source: RowSource; invoice: InvoiceData }
  | { type: 'payments'; line: number; source: RowSource; payment: PaymentData };

export interface ParsedImport {
  kind: ImportKind;
  type: RowType;
  fileName: string;
  /** Headers as in the file (for CNAB: the fields read). */
  columns: string[];
  mapping: ImportMapping;
  /** The header each field was read from. */
  columnOf: Partial<Record<ImportField, string>>;
  /** The first rows as text, for the screen before importing. */
  preview: Record<string, string>[];
  rows: ImportRow[];
  rejected: RejectedLine[];
  occurrences: BankOccurrence[];
  /** CNAB only: the bank and layout read from the file. */
  bank?: { code: string; name: string; layout: '240' | '400' };
}

export interface ImportSnapshot {
  customer(id: string): Customer | undefined;
  /** By CPF/CNPJ without punctuation (upper-case). */
  customerByDocument(document: string): Customer | undefined;
  invoice(id: string): Invoice | undefined;
  /** By nosso número without punctuation and leading zeros. */
  invoiceByNossoNumero(nossoNumero: string): Invoice | undefined;
  billingMethods: readonly { id: string; name: string }[];
}

export interface PlanOptions {
  /** true: import the valid lines and report the rest; false (default): any rejected line → nothing. */
  onlyValid?: boolean;
  /** Used when the file has no billing-method column (default: the only one registered). */
  defaultBillingMethodId?: string;
  /** The import day (YYYY-MM-DD): issue date of new invoices whose file has none (capped at the due date). */
  today?: string;
}

export interface AppliedPayment {
  invoiceId: string;
  line: number;
  payment: Payment;
}

export interface PlannedImport {
  /** Full records valid under the domain schemas, to upsert by id. Empty when not `applicable`. */
  customers: Customer[];
  invoices: Invoice[];
  /** Invoices marked paid by this import (their records are in `invoices`). */
  payments: AppliedPayment[];
  counts: { customers: EntityCounts; invoices: EntityCounts; paid: number; alreadyPaid: number };
  rejected: RejectedLine[];
  unknownNossoNumeros: UnknownPayment[];
  occurrences: BankOccurrence[];
  /** Billing methods of the invoices the file's payments named, paid now or before. */
  paymentMethodIds: string[];
  /** false when all-or-nothing and some line was rejected. */
  applicable: boolean;
  /** One sentence in Portuguese: "3 clientes incluídos, 2 faturas pagas…" or "nada mudou". */
  summary: string;
}
