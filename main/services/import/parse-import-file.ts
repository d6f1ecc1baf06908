// The one entry point for a file staff drop on Importar: detect what it is, decode it, read its
// table (CSV or XLSX) or its retorno records, map the columns and read every row.
import { cellText } from './cells';
import { parseRetorno } from './cnab/retorno';
import { readCsvRows } from './csv';
import { decodeText } from './decode';
import { detectKind } from './detect';
import { guessMapping, guessRowType } from './fields';
import { GENERIC_PRESET, presetById } from './presets';
import { missingColumns, readRows } from './rows';
import { tableFromRows, type TableRow } from './table';
import { normalizeHeader } from './cells';
import type { ImportField, ImportKind, ImportMapping, ImportPreset, ParsedImport, RowType } from './types';
import { readXlsxRows, SheetNotFound } from './xlsx';

export interface ParseImportOptions {
  fileName: string;
  /** What the rows are; guessed from the columns when absent. */
  type?: RowType;
  /** A preset (or its id): its columns and options. */
  preset?: ImportPreset | string;
  /** Header → field, on top of the preset and the guess. */
  mapping?: ImportMapping;
}

const PREVIEW_ROWS = 10;

/** The mapping in force: explicit > preset > guessed from synonyms. */
function resolveMapping(
  headers: string[],
  preset: ImportPreset,
  explicit: ImportMapping = {},
): ImportMapping {
  const presetColumns = new Map(Object.entries(preset.columns).map(([h, f]) => [normalizeHeader(h), f]));
  const fromPreset: ImportMapping = {};
  for (const h of headers) {
    const f = presetColumns.get(normalizeHeader(h));
    if (f) fromPreset[h] = f;
  }
  const mapping = { ...(presetColumns.size ? fromPreset : guessMapping(headers)), ...explicit };
  return Object.fromEntries(Object.entries(mapping).filter(([h, f]) => f && headers.includes(h)));
}

const emptyResult = (kind: ImportKind, type: RowType, fileName: string, message: string): ParsedImport => ({
  kind,
  type,
  fileName,
  columns: [],
  mapping: {},
  columnOf: {},
  preview: [],
  rows: [],
  rejected: [{ line: 0, column: '', value: '', message }],
  occurrences: [],
});

export async function parseImportFile(bytes: Uint8Array, options: ParseImportOptions): Promise<ParsedImport> {
  const { fileName } = options;
  let decoded: ReturnType<typeof decodeText> | undefined;
  const text = () => (decoded ??= decodeText(bytes)).text;
  const kind = detectKind(bytes, text);
  if (kind === 'regua-json') return { ...emptyResult(kind, 'invoices', fileName, ''), rejected: [] };
  if (kind === 'cnab240' || kind === 'cnab400')
    return parseRetorno(text(), kind === 'cnab240' ? '240' : '400', fileName);

  const preset =
    (typeof options.preset === 'string' ? presetById(options.preset) : options.preset) ?? GENERIC_PRESET;
  if (typeof options.preset === 'string' && !presetById(options.preset))
    return emptyResult(
      kind,
      options.type ?? preset.type,
      fileName,
      `modelo de importação desconhecido: ${options.preset}`,
    );
  let raw: TableRow[];
  try {
    raw = kind === 'xlsx' ? await readXlsxRows(bytes, preset.options?.sheet) : readCsvRows(text());
  } catch (error) {
    const message =
      error instanceof SheetNotFound
        ? `a planilha não tem a aba "${error.message}"`
        : 'não foi possível ler a planilha (o arquivo está corrompido ou não é um .xlsx)';
    return emptyResult(kind, options.type ?? preset.type, fileName, message);
  }
  const presetHeaders = new Set(Object.keys(preset.columns).map(normalizeHeader));
  const explicitHeaders = new Set(Object.keys(options.mapping ?? {}));
  const table = tableFromRows(raw, (h) => presetHeaders.has(normalizeHeader(h)) || explicitHeaders.has(h));
  const mapping = resolveMapping(table.headers, preset, options.mapping);
  const fields = new Set(Object.values(mapping) as ImportField[]);
  const type = options.type ?? (Object.keys(preset.columns).length ? preset.type : guessRowType(fields));
  const preview = table.rows
    .slice(0, PREVIEW_ROWS)
    .map((r) => Object.fromEntries(table.headers.map((h, i) => [h, cellText(r.cells[i] ?? null)])));
  const columnOf = Object.fromEntries(Object.entries(mapping).map(([header, field]) => [field, header]));
  const base = { kind, type, fileName, columns: table.headers, mapping, columnOf, preview, occurrences: [] };
  const missing = missingColumns(type, fields, table.headerLine);
  if (table.headers.length === 0)
    return {
      ...base,
      rows: [],
      rejected: [
        {
          line: 0,
          column: '',
          value: '',
          message: 'o arquivo não tem uma linha de cabeçalho com os nomes das colunas',
        },
      ],
    };
  if (missing.length) return { ...base, rows: [], rejected: missing };
  const { rows, rejected } = readRows(table, type, mapping, { ...preset.options, fileName });
  return { ...base, rows, rejected };
}
