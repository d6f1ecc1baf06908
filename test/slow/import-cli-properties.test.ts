// The import properties through the real `regua` command, as an office runs it (a process per
// file, fewer runs than test/unit's in-process ones): regua/v1 documents imported whole (exit 0) or
// refused (exit 2) with each problem on stderr at its JSON path in Portuguese and the data folder
// byte for byte; `regua export --with-secrets` → `regua import` into an empty folder → export again
// is the identity; CSV/XLSX files with bad cells: all or nothing (exit 2, nothing saved) or
// --only-valid (exit 0, the good lines in, each bad cell on stderr with its line and column; exit 2
// when not one line is good).
// Seed: REGUA_PROPERTY_SEED (printed).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';
import { runCli } from '../support/cli';
import { folderSnapshot } from '../support/data-folder';
import { FAULTS, validDocument, withFault } from '../support/document-arbitraries';
import { baseDocument, tempDir } from '../support/documents';
import {
  badCell,
  COLUMNS,
  fileBytes,
  lineOf,
  rowsArb,
  styleArb,
  type Bad,
} from '../support/import-arbitraries';
import { clerkMessageProblem } from '../support/portuguese';

const seed = propertySeed('import-cli-properties');
const RUNS = propertyRuns(6);

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const dir = async () => {
  const d = await tempDir('regua-cli-props-');
  dirs.push(d);
  return d;
};

const regua = (dataDir: string, ...args: string[]) =>
  runCli([...args, '--data-dir', dataDir], { timeoutMs: 120_000 });

/** stderr's problem lines ("  path: message"), each checked for the clerk. */
function stderrProblems(stderr: string): string[] {
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
  const lines = stderr.split('\n').filter((l) => l.startsWith('  '));
  for (const l of lines) expect(clerkMessageProblem(l.replace(/\{\{[^}]*\}\}/g, '')), l).toBeNull();
  return lines.map((l) => l.trim());
}

describe('regua import / export under property tests', () => {
  it('a valid document: exit 0; export → import in an empty folder → export is the identity', async () => {
    await fc.assert(
      fc.asyncProperty(validDocument, async (doc) => {
        const [a, b, files] = [await dir(), await dir(), await dir()];
        const file = join(files, 'documento.json');
        await writeFile(file, JSON.stringify(doc, null, 2));
        const imported = await regua(a, 'import', file);
        expect(imported.code, imported.stderr).toBe(0);
        const exported = join(files, 'exportado.json');
        expect((await regua(a, 'export', '--with-secrets', '--output', exported)).code).toBe(0);
        expect((await regua(b, 'import', exported)).code).toBe(0);
        const again = join(files, 'de-novo.json');
        expect((await regua(b, 'export', '--with-secrets', '--output', again)).code).toBe(0);
        expect(JSON.parse(await readFile(again, 'utf8'))).toEqual(
          JSON.parse(await readFile(exported, 'utf8')),
        );
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
  });

  it('one known fault: exit 2, the path on stderr in Portuguese, the data folder byte for byte', async () => {
    const dataDir = await dir();
    const files = await dir();
    expect((await regua(dataDir, 'import', await writeJson(files, baseDocument(2525)))).code).toBe(0);
    await fc.assert(
      fc.asyncProperty(validDocument, fc.constantFrom(...FAULTS), fc.nat(), async (valid, fault, pick) => {
        const { doc, path } = withFault(valid, fault, pick);
        const before = await folderSnapshot(dataDir);
        const result = await regua(dataDir, 'import', await writeJson(files, doc));
        expect(result.code, `${fault}: ${result.stderr}`).toBe(2);
        expect(
          stderrProblems(result.stderr).some((l) => l.startsWith(`${path}: `)),
          result.stderr,
        ).toBe(true);
        expect(await folderSnapshot(dataDir)).toEqual(before);
      }),
      { numRuns: RUNS * 2, seed, endOnFailure: true },
    );
  });

  it('CSV/XLSX with bad cells: all or nothing, or --only-valid; each bad cell at its line and column', async () => {
    const caseArb = fc.tuple(rowsArb, styleArb).chain(([rows, style]) =>
      fc
        .record({ row: fc.nat({ max: rows.length - 1 }), column: fc.constantFrom(...COLUMNS), n: fc.nat() })
        .map(({ row, column, n }) => {
          const value = badCell(rows[row]!, column, n);
          return { rows, style, bad: value === null ? [] : [{ row, column, value } as Bad] };
        }),
    );
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ rows, style, bad }) => {
        const [dataDir, files] = [await dir(), await dir()];
        const settings = baseDocument(2525, { customers: [], invoices: [] });
        expect((await regua(dataDir, 'import', await writeJson(files, settings))).code).toBe(0);
        const file = join(files, style.encoding === 'xlsx' ? 'faturas.xlsx' : 'faturas.csv');
        await writeFile(file, await fileBytes(rows, style, bad));
        const before = await folderSnapshot(dataDir);
        const whole = await regua(dataDir, 'import', file);
        const where = bad.map(
          (b) => `linha ${lineOf(rows, style, bad, b.row)}, coluna ${style.headers[b.column]}`,
        );
        if (bad.length) {
          expect(whole.code, whole.stderr).toBe(2);
          for (const w of where) expect(stderrProblems(whole.stderr).some((l) => l.startsWith(w))).toBe(true);
          expect(await folderSnapshot(dataDir)).toEqual(before);
        } else expect(whole.code, whole.stderr).toBe(0);
        const partial = await regua(dataDir, 'import', file, '--only-valid');
        // Only the valid lines, unless there is not one: then the file is refused all the same.
        const allBad = rows.every((_, i) => bad.some((b) => b.row === i));
        expect(partial.code, partial.stderr).toBe(allBad ? 2 : 0);
        for (const w of where) expect(stderrProblems(partial.stderr).some((l) => l.startsWith(w))).toBe(true);
        const exported = JSON.parse((await regua(dataDir, 'export')).stdout) as {
          invoices: { id: string }[];
        };
        const expected = rows.filter((_, i) => !bad.some((b) => b.row === i)).map((r) => r.invoiceNumber);
        expect(exported.invoices.map((i) => i.id).sort()).toEqual(expected.sort());
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
  });
});

let count = 0;
async function writeJson(folder: string, doc: unknown): Promise<string> {
  const file = join(folder, `documento-${count++}.json`);
  await writeFile(file, JSON.stringify(doc, null, 2));
  return file;
}
