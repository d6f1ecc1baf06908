// A spreadsheet-like table read from CSV or XLSX: the header row (found even under title rows)
// and the data rows with the line number staff see in Excel or a text editor.
import { cellText, type CellValue } from './cells';
import { fieldForHeader } from './fields';

export interface TableRow {
  /** 1-based line (CSV) or row number (XLSX). */
  line: number;
  cells: CellValue[];
}

export interface Table {
  headers: string[];
  /** The header's line in the file. */
  headerLine: number;
  rows: TableRow[];
}

const HEADER_SCAN = 30;

/**
 * The header is the first row where at least two cells name known fields (or preset columns);
 * failing that, the first row with two or more filled cells. Rows above it (titles) are dropped.
 */
export function tableFromRows(rows: TableRow[], known?: (header: string) => boolean): Table {
  const isKnown = (h: string) => (known?.(h) ?? false) || fieldForHeader(h) !== undefined;
  const scan = rows.slice(0, HEADER_SCAN);
  let index = scan.findIndex((r) => r.cells.filter((c) => isKnown(cellText(c))).length >= 2);
  if (index < 0) index = scan.findIndex((r) => r.cells.filter((c) => cellText(c) !== '').length >= 2);
  if (index < 0) return { headers: [], headerLine: 0, rows: [] };
  const headers = rows[index]!.cells.map(cellText);
  const data = rows.slice(index + 1).filter((r) => r.cells.some((c) => cellText(c) !== ''));
  return { headers, headerLine: rows[index]!.line, rows: data };
}
