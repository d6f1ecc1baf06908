// The one import path (CLI, Importar screen, "Importar arquivos" routine): read the file outside the
// lock (the heavy part), then plan and apply inside ONE engine.update, against the data as it is under
// the write lock. All or nothing unless only-valid; the same file twice changes nothing and says so.
// A regua/v1 document goes through interchange.ts as it always did.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { Customer, Invoice } from '../../../shared/domain';
import type { ImportOutcome } from '../../../shared/import-outcome';
import type { DocumentError } from '../../../shared/records';
import { applyDocument, checkDocument, resolvePdfPaths } from '../interchange';
import type { LayoutRegistry } from '../layout-registry';
import { afterPaymentsImport } from '../payments-guard';
import type { ReadStore, StoreTx } from '../store/store';
import { decodeText } from './decode';
import { parseImportFile } from './parse-import-file';
import { planImport } from './plan';
import { resolvePreset } from './saved-presets';
import { documentKey, nossoNumeroKey } from './snapshot';
import type { ImportMapping, ImportSnapshot, ParsedImport, PlannedImport, RowType } from './types';

/** What an import needs of the engine: its reads, its one write path and its clock. */
export interface ImportHost {
  store: ReadStore;
  layouts: LayoutRegistry;
  clock: { now(): Date };
  today(): string;
  update<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<Awaited<T>>;
  preview<T>(fn: (tx: StoreTx) => T | Promise<T>): Promise<Awaited<T>>;
}

export interface ImportRequest {
  bytes: Uint8Array;
  fileName: string;
  /** The file's folder: relative PDF paths of a regua/v1 document are read from it; null from the screens. */
  baseDir: string | null;
  type?: RowType;
  /** A shipped or saved preset, by id or name. */
  preset?: string | null;
  mapping?: ImportMapping;
  onlyValid?: boolean;
  /** Plans against the data as it is, writes nothing. */
  dryRun?: boolean;
}

export class UnknownPresetError extends Error {}

/** Reads the store as planImport needs it, indexing documents and nossos números only when asked. */
export function txSnapshot(
  tx: Pick<StoreTx, 'customer' | 'customers' | 'invoice' | 'invoices' | 'settings'>,
) {
  let byDocument: Map<string, Customer> | null = null;
  let byNossoNumero: Map<string, Invoice> | null = null;
  const snapshot: ImportSnapshot = {
    customer: (id) => tx.customer(id),
    customerByDocument(document) {
      if (!byDocument) {
        byDocument = new Map();
        for (const c of tx.customers()) if (c.document) byDocument.set(documentKey(c.document), c);
      }
      return byDocument.get(documentKey(document));
    },
    invoice: (id) => tx.invoice(id),
    invoiceByNossoNumero(n) {
      if (!byNossoNumero) {
        byNossoNumero = new Map();
        for (const i of tx.invoices()) if (i.nossoNumero) byNossoNumero.set(nossoNumeroKey(i.nossoNumero), i);
      }
      return byNossoNumero.get(nossoNumeroKey(n));
    },
    billingMethods: tx.settings().billingMethods,
  };
  return snapshot;
}

const fileHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** A retorno, a payments file, or an invoices file with a payment date column. */
const carriesPayments = (parsed: ParsedImport) =>
  parsed.kind === 'cnab240' ||
  parsed.kind === 'cnab400' ||
  parsed.type === 'payments' ||
  parsed.columnOf.paymentDate !== undefined;

const emptyOutcome = (
  request: ImportRequest,
): Omit<ImportOutcome, 'kind' | 'type' | 'status' | 'summary'> => ({
  fileName: request.fileName,
  dryRun: !!request.dryRun,
  columns: [],
  mapping: {},
  preview: [],
  bank: null,
  counts: null,
  rejected: [],
  documentErrors: [],
  documentSummary: null,
  unknownNossoNumeros: [],
  occurrences: [],
  paymentsRefreshed: [],
});

export async function importFile(host: ImportHost, request: ImportRequest): Promise<ImportOutcome> {
  const preset = request.preset ? resolvePreset(host.store.settings(), request.preset) : undefined;
  if (request.preset && !preset)
    throw new UnknownPresetError(`modelo de importação não encontrado: ${request.preset}`);
  const parsed = await parseImportFile(request.bytes, {
    fileName: request.fileName,
    type: request.type,
    preset,
    mapping: request.mapping,
  });
  if (parsed.kind === 'regua-json') return importDocument(host, request);

  const write = request.dryRun ? host.preview : host.update;
  const hash = fileHash(request.bytes);
  const today = host.today();
  const at = host.clock.now().toISOString();
  // The whole file unreadable (no header, a missing column): nothing to import, whatever was chosen.
  const fileRefused =
    parsed.rows.length === 0 && parsed.rejected.some((r) => r.line === 0 || r.column === '');
  const { plan, refreshed } = await write((tx) => {
    const whole = planImport(txSnapshot(tx), parsed, { onlyValid: request.onlyValid, today });
    // The rows and the planned records are big (a 50,000-line file): keep only what is reported.
    parsed.rows = [];
    const plan = { ...whole, customers: [], invoices: [] };
    if (!whole.applicable || fileRefused) return { plan, refreshed: [] as string[] };
    tx.upsertCustomers(whole.customers);
    tx.upsertInvoices(whole.invoices);
    if (!carriesPayments(parsed)) return { plan, refreshed: [] as string[] };
    const settings = tx.settings();
    // The methods whose invoices the file named; a file naming none (a day without payments) vouches for all.
    const methodIds = plan.paymentMethodIds.length
      ? plan.paymentMethodIds
      : settings.billingMethods.filter((m) => m.importedPayments).map((m) => m.id);
    const next = afterPaymentsImport(settings, methodIds, at, request.fileName, hash);
    if (next.refreshed.length) tx.setSettings({ ...settings, paymentsStatus: next.paymentsStatus });
    return { plan, refreshed: next.refreshed };
  });
  return outcomeOf(host, request, parsed, plan, refreshed, fileRefused);
}

function outcomeOf(
  host: ImportHost,
  request: ImportRequest,
  parsed: ParsedImport,
  plan: PlannedImport,
  refreshed: string[],
  fileRefused: boolean,
): ImportOutcome {
  const names = new Map(host.store.settings().billingMethods.map((m) => [m.id, m.name]));
  const changed =
    plan.counts.customers.created +
      plan.counts.customers.updated +
      plan.counts.invoices.created +
      plan.counts.invoices.updated >
    0;
  const status = !plan.applicable || fileRefused ? 'refused' : changed ? 'imported' : 'unchanged';
  return {
    ...emptyOutcome(request),
    kind: parsed.kind,
    type: parsed.type,
    status,
    summary: fileRefused ? 'o arquivo não pôde ser importado: nada foi gravado' : plan.summary,
    columns: parsed.columns,
    mapping: parsed.mapping,
    preview: parsed.preview,
    bank: parsed.bank ?? null,
    counts: plan.counts,
    rejected: plan.rejected,
    unknownNossoNumeros: plan.unknownNossoNumeros,
    occurrences: plan.occurrences,
    paymentsRefreshed: refreshed.map((id) => names.get(id) ?? id),
  };
}

/** A screen's document has no folder: a relative PDF path could not be found the way the CLI finds it. */
function relativePdfPaths(input: unknown): DocumentError[] {
  const invoices = (input as { invoices?: unknown })?.invoices;
  if (!Array.isArray(invoices)) return [];
  return invoices.flatMap((inv: { pdfPath?: unknown }, i) =>
    typeof inv?.pdfPath === 'string' && inv.pdfPath && !isAbsolute(inv.pdfPath)
      ? [
          {
            path: `invoices[${i}].pdfPath`,
            message: `caminho relativo (${inv.pdfPath}): pela tela Importar use o caminho completo do PDF, ou importe com "regua import ARQUIVO"`,
          },
        ]
      : [],
  );
}

async function importDocument(host: ImportHost, request: ImportRequest): Promise<ImportOutcome> {
  const base = { ...emptyOutcome(request), kind: 'regua-json' as const, type: null };
  let input: unknown;
  const text = decodeText(request.bytes).text.replace(/^\uFEFF/, '');
  try {
    input = JSON.parse(text);
  } catch (e) {
    const message = `o conteúdo não é um JSON válido${jsonErrorPlace(text, (e as Error).message)}: confira vírgulas, aspas e chaves`;
    return {
      ...base,
      status: 'refused',
      summary: 'documento recusado: nada foi gravado',
      documentErrors: [{ path: '(documento)', message }],
    };
  }
  const write = request.dryRun ? host.preview : host.update;
  // Checked and applied inside one write, against the data as it is under the lock.
  const result = await write(async (tx) => {
    const checked = checkDocument(input, tx, host.layouts);
    if (!checked.doc) return { errors: checked.errors, summary: null };
    if (request.baseDir === null) {
      const errors = relativePdfPaths(input);
      if (errors.length) return { errors, summary: null };
    }
    const pdfFolder = (checked.doc.company ?? tx.settings().company)?.pdfFolder;
    const resolved = await resolvePdfPaths(checked.doc, request.baseDir, pdfFolder);
    if (resolved.errors.length) return { errors: resolved.errors, summary: null };
    return { errors: [], summary: applyDocument(resolved.doc, tx) };
  });
  if (!result.summary) {
    const count = result.errors.length === 1 ? '1 erro' : `${result.errors.length} erros`;
    return {
      ...base,
      status: 'refused',
      summary: `o documento tem ${count}: nada foi gravado`,
      documentErrors: result.errors,
    };
  }
  return {
    ...base,
    status: 'imported',
    summary: describeDocument(result.summary),
    documentSummary: result.summary,
  };
}

/** " (linha 3, coluna 14)" from the parser's "at position N", when it says. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  return ` (linha ${before.split('\n').length}, coluna ${before.length - before.lastIndexOf('\n')})`;
}

const SECTION_NAMES: Record<string, string> = {
  company: 'empresa',
  smtpAccounts: 'contas de e-mail',
  layouts: 'layouts',
  billingMethods: 'formas de cobrança',
  routines: 'rotinas',
  holidays: 'feriados',
  customers: 'clientes',
  invoices: 'faturas',
};

function describeDocument(summary: { created: Record<string, number>; updated: Record<string, number> }) {
  const part = (bucket: Record<string, number>) =>
    Object.entries(bucket)
      .map(([k, n]) => `${SECTION_NAMES[k] ?? k} ${n}`)
      .join(', ');
  const created = part(summary.created);
  const updated = part(summary.updated);
  return (
    [created && `incluídos: ${created}`, updated && `atualizados: ${updated}`].filter(Boolean).join('; ') ||
    'o documento não trouxe nenhum registro'
  );
}
