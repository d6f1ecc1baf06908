// Property tests of the CSV/XLSX import through the one import path (importFile, what `regua
// import`, Importar and the import routine call): files from test/support/import-arbitraries.ts
// with random valid rows and random bad cells. Every bad cell is reported at its line and column
// in Portuguese; no good line is refused; all or nothing refuses with the data folder byte for
// byte, --only-valid lands exactly the good lines (José never JosÃ©); the same file twice changes
// nothing; arbitrary bytes never crash. Seed: REGUA_PROPERTY_SEED (printed).
import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine';
import { importFile } from '../../main/services/import/apply';
import { formatRejectedLine } from '../../main/services/import/report';
import { fieldForHeader } from '../../main/services/import/fields';
import { applyTestDocument } from '../support/api';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';
import { folderSnapshot } from '../support/data-folder';
import { baseDocument, tempDir } from '../support/documents';
import {
  badCell,
  COLUMNS,
  fileBytes,
  lineOf,
  rowsArb,
  styleArb,
  type Bad,
  type FileStyle,
  type Row,
} from '../support/import-arbitraries';
import { clerkMessageProblem } from '../support/portuguese';

const seed = propertySeed('import-properties');
const RUNS = propertyRuns(20);

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A data folder with the base settings (the "Boleto Bancário" method) and no customers yet. */
async function withEngine<T>(fn: (engine: Engine, dir: string) => Promise<T>): Promise<T> {
  const dir = await tempDir('regua-import-props-');
  dirs.push(dir);
  const engine = await createEngine({ dataDir: dir, clock: { now: () => new Date('2026-03-05T12:00:00Z') } });
  try {
    await applyTestDocument(engine, baseDocument(2525, { customers: [], invoices: [] }));
    return await fn(engine, dir);
  } finally {
    await engine.close();
  }
}

const fileName = (style: FileStyle) => (style.encoding === 'xlsx' ? 'faturas.xlsx' : 'faturas.csv');
const run = (engine: Engine, bytes: Uint8Array, style: FileStyle, onlyValid = false) =>
  importFile(engine, { bytes, fileName: fileName(style), baseDir: null, onlyValid });

/** Rows and a style, and 0–3 bad cells in distinct places of columns that have bad values. */
const caseArb = fc.tuple(rowsArb, styleArb).chain(([rows, style]) =>
  fc
    .uniqueArray(
      fc.record({ row: fc.nat({ max: rows.length - 1 }), column: fc.constantFrom(...COLUMNS), n: fc.nat() }),
      { maxLength: 3, selector: (b) => `${b.row}:${b.column}` },
    )
    .map((picks) => {
      const bad: Bad[] = picks.flatMap(({ row, column, n }) => {
        const value = badCell(rows[row]!, column, n);
        return value === null ? [] : [{ row, column, value }];
      });
      return { rows, style, bad };
    }),
);

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');

/** The store holds exactly this row: customer and invoice, every value as generated. */
function expectLanded(engine: Engine, row: Row) {
  const inv = engine.store.invoice(row.invoiceNumber);
  expect(inv, `fatura ${row.invoiceNumber}`).toBeDefined();
  expect(inv).toMatchObject({
    customerId: row.customerId,
    billingMethodId: 'boleto',
    number: row.invoiceNumber,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    amountCents: row.amountCents,
    status: row.status,
  });
  expect(digits(inv!.digitableLine)).toBe(digits(row.digitableLine));
  const customer = engine.store.customer(row.customerId);
  expect(customer?.name).toBe(row.customerName);
  if (row.document) expect(digits(customer?.document)).toBe(digits(row.document));
  if (row.email) expect(customer?.email).toBe(row.email);
}

describe('CSV/XLSX import under property tests', () => {
  it('headers as ERPs spell them (any case) map to their fields', () => {
    fc.assert(
      fc.property(styleArb, (style) => {
        for (const c of COLUMNS) expect(fieldForHeader(style.headers[c])).toBe(c);
      }),
      { numRuns: RUNS * 5, seed },
    );
  });

  it('bad cells reported at their line and column; all or nothing, or only the valid lines; twice = once', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ rows, style, bad }) => {
        const bytes = await fileBytes(rows, style, bad);
        const badRows = new Set(bad.map((b) => b.row));
        await withEngine(async (engine, dir) => {
          const before = await folderSnapshot(dir);
          const whole = await run(engine, bytes, style);
          for (const r of whole.rejected) {
            expect(clerkMessageProblem(r.message)).toBeNull();
            expect(clerkMessageProblem(formatRejectedLine(r))).toBeNull();
          }
          // Every bad cell at its line (header = line 1) and column, as the header is written.
          const line = (row: number) => lineOf(rows, style, bad, row);
          for (const b of bad)
            expect(whole.rejected).toContainEqual(
              expect.objectContaining({ line: line(b.row), column: style.headers[b.column] }),
            );
          // No good line refused.
          expect(new Set(whole.rejected.map((r) => r.line))).toEqual(new Set([...badRows].map(line)));
          if (bad.length) {
            expect(whole.status).toBe('refused');
            expect(await folderSnapshot(dir)).toEqual(before);
            expect([...engine.store.invoices()]).toEqual([]);
          } else expect(whole.status).toBe('imported');

          const partial = await run(engine, bytes, style, true);
          expect(partial.rejected).toEqual(whole.rejected);
          // Only the valid lines, unless there is not one: then the file is refused all the same.
          const allBad = badRows.size === rows.length;
          if (allBad) expect(partial.status).toBe('refused');
          rows.forEach((row, i) => {
            if (badRows.has(i)) expect(engine.store.invoice(row.invoiceNumber)).toBeUndefined();
            else expectLanded(engine, row);
          });

          const landed = await folderSnapshot(dir);
          const again = await run(engine, bytes, style, true);
          expect(again.status).toBe(allBad ? 'refused' : 'unchanged');
          expect(await folderSnapshot(dir)).toEqual(landed);
        });
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
  });

  it('arbitrary bytes (or a file that starts like one the import knows) never crash nor save half', async () => {
    const starts = fc.constantFrom(
      '',
      '{',
      '{"format":"regua/v1",',
      'PK\u0003\u0004',
      '\uFEFFNome;CPF/CNPJ;E-mail\r\n',
      'Nº documento;Vencimento;Valor;Código do cliente\n',
      `02RETORNO${' '.repeat(391)}\n`,
      `23700000${' '.repeat(232)}\n`,
    );
    await withEngine(async (engine, dir) => {
      await fc.assert(
        fc.asyncProperty(
          starts,
          fc.oneof(
            fc.uint8Array({ maxLength: 600 }),
            fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
          ),
          fc.constantFrom('a.csv', 'a.xlsx', 'a.json', 'a.ret'),
          fc.boolean(),
          async (start, tail, name, onlyValid) => {
            const head = new Uint8Array([...start].map((c) => c.charCodeAt(0) & 0xff));
            const bytes = new Uint8Array([...head, ...tail]);
            const before = await folderSnapshot(dir);
            const outcome = await importFile(engine, { bytes, fileName: name, baseDir: null, onlyValid });
            const messages = [
              ...outcome.rejected.map(formatRejectedLine),
              ...outcome.documentErrors.map((e) => e.message),
            ];
            for (const m of messages) expect(clerkMessageProblem(m)).toBeNull();
            if (outcome.status === 'refused') expect(await folderSnapshot(dir)).toEqual(before);
          },
        ),
        { numRuns: RUNS * 5, seed, endOnFailure: true },
      );
    });
  });
});
