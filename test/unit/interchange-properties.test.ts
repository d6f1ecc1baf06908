// Property tests of the regua/v1 document through the one import path (`regua import doc.json` and
// the Importar screen both reach importFile): random valid documents land whole and survive
// export → import unchanged; the same documents with one known fault (a field removed, a wrong
// type, a bad CPF/CNPJ, e-mail, linha digitável or PIX, a duplicate id, a dangling reference) are
// refused with a Portuguese message at that field's path and the data folder stays byte for byte;
// arbitrary changes anywhere are imported whole or refused the same way. Seed: REGUA_PROPERTY_SEED.
import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine';
import { importFile } from '../../main/services/import/apply';
import { documentSchema, exportDocument } from '../../main/services/interchange';
import { formatRejectedLine } from '../../main/services/import/report';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';
import { folderSnapshot } from '../support/data-folder';
import {
  FAULTS,
  messageProblems,
  reordered,
  validDocument,
  withFault,
} from '../support/document-arbitraries';
import { tempDir } from '../support/documents';
import { mutated } from '../support/schema-arbitrary';

const seed = propertySeed('interchange-properties');
const RUNS = propertyRuns(15);

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function withEngine<T>(fn: (engine: Engine, dir: string) => Promise<T>): Promise<T> {
  const dir = await tempDir('regua-interchange-props-');
  dirs.push(dir);
  const engine = await createEngine({ dataDir: dir, clock: { now: () => new Date('2026-03-05T12:00:00Z') } });
  try {
    return await fn(engine, dir);
  } finally {
    await engine.close();
  }
}

const importJson = (engine: Engine, dir: string, doc: unknown) =>
  importFile(engine, {
    bytes: new TextEncoder().encode(JSON.stringify(doc, null, 2)),
    fileName: 'documento.json',
    baseDir: dir,
  });

describe('regua/v1 documents under property tests', () => {
  it('a valid document lands whole, and export → import into an empty folder is the identity', async () => {
    await fc.assert(
      fc.asyncProperty(
        validDocument,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        async (doc, order) => {
          const exported = await withEngine(async (engine, dir) => {
            const outcome = await importJson(engine, dir, reordered(doc, order));
            expect(outcome.documentErrors).toEqual([]);
            expect(outcome.status).toBe('imported');
            const parsed = documentSchema.parse(doc);
            for (const c of parsed.customers!) expect(engine.store.customer(c.id)).toMatchObject(c);
            for (const inv of parsed.invoices!) expect(engine.store.invoice(inv.id)).toEqual(inv);
            expect(engine.store.smtpPassword('principal')).toBe(parsed.smtpAccounts![0]!.password);
            return exportDocument(engine.store, true);
          });
          const again = await withEngine(async (engine, dir) => {
            const outcome = await importJson(engine, dir, exported);
            expect(outcome.documentErrors).toEqual([]);
            return exportDocument(engine.store, true);
          });
          expect(again).toEqual(exported);
        },
      ),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
  });

  it('one known fault: refused in Portuguese at that field, the data folder byte for byte', async () => {
    await withEngine(async (engine, dir) => {
      await fc.assert(
        fc.asyncProperty(validDocument, fc.constantFrom(...FAULTS), fc.nat(), async (valid, fault, pick) => {
          const { doc, path } = withFault(valid, fault, pick);
          const before = await folderSnapshot(dir);
          const outcome = await importJson(engine, dir, doc);
          expect(outcome.status, `${fault} at ${path}`).toBe('refused');
          expect(messageProblems(outcome.documentErrors)).toEqual([]);
          expect(outcome.documentErrors.map((e) => e.path)).toContain(path);
          expect(await folderSnapshot(dir)).toEqual(before);
        }),
        { numRuns: RUNS * 2, seed, endOnFailure: true },
      );
    });
  });

  it('arbitrary changes anywhere: imported whole, or refused in Portuguese with nothing saved', async () => {
    await withEngine(async (engine, dir) => {
      await fc.assert(
        fc.asyncProperty(mutated(validDocument as fc.Arbitrary<never>), async (doc) => {
          const before = await folderSnapshot(dir);
          const outcome = await importJson(engine, dir, doc);
          if (outcome.status === 'refused') {
            // Not a JSON object at all (null, a list…): read as a spreadsheet and refused as one.
            const errors = outcome.documentErrors.length
              ? outcome.documentErrors
              : outcome.rejected.map((r) => ({
                  path: r.column || 'arquivo',
                  message: formatRejectedLine(r),
                }));
            expect(messageProblems(errors)).toEqual([]);
            expect(await folderSnapshot(dir)).toEqual(before);
            return;
          }
          const parsed = documentSchema.parse(doc);
          for (const c of parsed.customers ?? []) expect(engine.store.customer(c.id)?.name).toBe(c.name);
          for (const inv of parsed.invoices ?? []) expect(engine.store.invoice(inv.id)).toEqual(inv);
        }),
        { numRuns: RUNS * 2, seed, endOnFailure: true },
      );
    });
  });
});
