// CSV through papaparse: ";" or "," (or tab) detected by papaparse's guess over the whole file,
// quoted fields with separators and line breaks inside. Line numbers count those line breaks.
import Papa from 'papaparse';
import type { TableRow } from './table';

export function readCsvRows(text: string): TableRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimitersToGuess: [';', ',', '\t', '|'],
    skipEmptyLines: false,
  });
  const rows: TableRow[] = [];
  let line = 1;
  for (const cells of parsed.data) {
    rows.push({ line, cells });
    let breaks = 0;
    for (const cell of cells)
      for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) breaks++;
    line += 1 + breaks;
  }
  return rows;
}
