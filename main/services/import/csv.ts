// CSV through papaparse: ";" or "," (or tab, or "|") taken from the first line that has one (the
// header), quoted fields with separators and line breaks inside. Line numbers count those breaks.
import Papa from 'papaparse';
import type { TableRow } from './table';

const DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * The separator of the line with the most separators among the first ones (the header: a title
 * row above it has few), outside quotes. papaparse's own guess wants about two fields per line on
 * average, which a two-column file with a blank last line does not reach.
 */
function delimiterOf(text: string): string | undefined {
  let best: { delimiter: string; count: number } | undefined;
  for (const line of text.split(/\r?\n/, 30)) {
    const counts = new Map<string, number>();
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (DELIMITERS as readonly string[]).includes(ch))
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    for (const [delimiter, count] of counts) if (!best || count > best.count) best = { delimiter, count };
  }
  return best?.delimiter;
}

export function readCsvRows(text: string): TableRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, {
    delimiter: delimiterOf(body),
    delimitersToGuess: [...DELIMITERS],
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
