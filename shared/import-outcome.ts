// What an import reports back, wherever it ran (CLI, Importar screen, the "Importar arquivos" routine):
// the file as read, what was or would be changed, and every problem in a clerk's words.
import type { DocumentError, ImportSummary } from './records';
import type { ImportField, RowType } from './import-fields';

/** What the bytes are. `regua-json` is the interchange document. */
export type ImportKind = 'regua-json' | 'cnab240' | 'cnab400' | 'xlsx' | 'csv';

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  'regua-json': 'documento regua/v1',
  cnab240: 'retorno do banco CNAB 240',
  cnab400: 'retorno do banco CNAB 400',
  xlsx: 'planilha XLSX',
  csv: 'planilha CSV',
};

/** One rejected line, written for a clerk: "linha 4, coluna E-mail: 'maria@' não é um e-mail válido". */
export interface RejectedLine {
  /** Line in the file (1 = first line); 0 for a problem with the whole file. */
  line: number;
  /** The header as written in the file; '' when the problem is not one column's. */
  column: string;
  value: string;
  message: string;
}

/** A retorno occurrence that is not a payment (entrada confirmada, baixa, rejeição…): listed, not applied. */
export interface BankOccurrence {
  line: number;
  nossoNumero: string;
  code: string;
  description: string;
  date: string | null;
}

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface UnknownPayment {
  line: number;
  nossoNumero: string;
  date: string;
  amountCents: number;
}

/**
 * imported: written (or, in a dry run, would be); unchanged: everything already as the file says;
 * refused: nothing written (bad lines without "only valid", or a file that cannot be read).
 */
export type ImportStatus = 'imported' | 'unchanged' | 'refused';

export interface ImportOutcome {
  fileName: string;
  kind: ImportKind;
  /** What the rows are; null for a regua/v1 document. */
  type: RowType | null;
  status: ImportStatus;
  dryRun: boolean;
  /** One sentence: "3 clientes incluídos, 30 faturas incluídas" or "nada mudou". */
  summary: string;
  /** The file's headers (spreadsheets), or the fields read from a retorno. */
  columns: string[];
  /** Header → field, as used (guessed, from the preset, or as chosen). */
  mapping: Partial<Record<string, ImportField>>;
  /** The first rows, as text, by header. */
  preview: Record<string, string>[];
  bank: { code: string; name: string; layout: '240' | '400' } | null;
  counts: { customers: EntityCounts; invoices: EntityCounts; paid: number; alreadyPaid: number } | null;
  /** Every rejected line (spreadsheets, retornos) in line order. */
  rejected: RejectedLine[];
  /** The regua/v1 document's errors, by JSON path. */
  documentErrors: DocumentError[];
  /** What a regua/v1 document created or updated, by section. */
  documentSummary: ImportSummary | null;
  unknownNossoNumeros: UnknownPayment[];
  occurrences: BankOccurrence[];
  /** Billing methods (names) whose payments this import brought up to date (the freshness guard). */
  paymentsRefreshed: string[];
}
