// XLSX through exceljs: the first sheet (or the one named), cells as text, numbers or dates.
// Merged cells: only the top-left one carries the value (the others read as empty), so a merged
// title above the header is just a title row, and a header merged over two columns names the first.
// Loaded with the first workbook: exceljs takes ~0.25 s to load, which every command would pay.
import type ExcelJS from 'exceljs';
import type { CellValue } from './cells';
import type { TableRow } from './table';

/** exceljs cell values: rich text, formulas, hyperlinks and errors, down to one plain value. */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return plain((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return null;
  return null;
}

export class SheetNotFound extends Error {}

export async function readXlsxRows(bytes: Uint8Array, sheetName?: string): Promise<TableRow[]> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  // exceljs' typings want its own Buffer type; the bytes are read as they are.
  await workbook.xlsx.load(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
  );
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) throw new SheetNotFound(sheetName ?? '');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.isMerged && cell.master.address !== cell.address ? null : plain(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}
