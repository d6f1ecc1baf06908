// The rejected-lines report, as a sentence per line and as a CSV that opens right in Excel pt-BR
// (";" separator, UTF-8 with BOM so accents survive, CRLF line ends).
import Papa from 'papaparse';
import type { RejectedLine } from './types';

/** "linha 4, coluna E-mail: 'maria@' não é um e-mail válido" */
export function formatRejectedLine(r: RejectedLine): string {
  const where = r.line > 0 ? `linha ${r.line}` : 'arquivo';
  if (!r.column) return `${where}: ${r.message}`;
  if (!r.value) return `${where}, coluna ${r.column}: ${r.message}`;
  const glue = /^(não|em branco)\b/.test(r.message) ? ' ' : ' — ';
  return `${where}, coluna ${r.column}: '${r.value}'${glue}${r.message}`;
}

export function rejectedLinesCsv(rejected: readonly RejectedLine[]): string {
  const rows = rejected.map((r) => [r.line > 0 ? String(r.line) : '', r.column, r.value, r.message]);
  return `\uFEFF${Papa.unparse({ fields: ['Linha', 'Coluna', 'Valor', 'Problema'], data: rows }, { delimiter: ';', newline: '\r\n', quotes: true })}\r\n`;
}
