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
import {
  amountCents,
  BAD_EMAILS,
  changeOneDigit,
  corruptTaxId,
  email,
  isoDate,
  personName,
  propertyRuns,
  propertySeed,
  recordId,
  taxId,
  uniqueBy,
} from '../support/br-arbitraries';
import { folderSnapshot } from '../support/data-folder';
import { baseDocument, tempDir } from '../support/documents';
import { testLine, testPix } from '../support/payment-codes';
import { clerkMessageProblem } from '../support/portuguese';
import { mutated } from '../support/schema-arbitrary';

const seed = propertySeed('interchange-properties');
const RUNS = propertyRuns(15);

type Json = Record<string, unknown>;
type Doc = Json & { customers: Json[]; invoices: Json[]; holidays: Json[] };

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

const customerArb = fc.record(
  {
    id: recordId,
    name: personName,
    document: taxId,
    email,
    active: fc.boolean(),
  },
  { requiredKeys: ['id', 'name'] },
);

const invoiceArb = (customerIds: string[]) =>
  fc
    .record({
      id: recordId,
      customerId: fc.constantFrom(...customerIds),
      number: fc.stringMatching(/^[0-9A-Z/-]{1,12}$/),
      issueDate: isoDate,
      days: fc.integer({ min: 0, max: 60 }),
      amountCents,
      status: fc.constantFrom('open', 'paid', 'cancelled'),
      pix: fc.boolean(),
      ourNumber: fc.nat({ max: 99_999 }),
    })
    .map(({ days, pix, ourNumber, ...i }) => {
      const dueDate = new Date(Date.parse(`${i.issueDate}T00:00:00Z`) + days * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return {
        ...i,
        billingMethodId: 'boleto',
        dueDate,
        digitableLine: testLine(dueDate, i.amountCents, ourNumber),
        ...(pix ? { pixCode: testPix(i.amountCents, `T${i.id}`) } : {}),
      };
    });

/** A valid document: the base settings, random holidays, customers and their invoices. */
const validDocument: fc.Arbitrary<Doc> = fc
  .tuple(
    uniqueBy(customerArb, (c) => c.id.toLowerCase(), 6).filter((cs) => cs.length > 0),
    uniqueBy(fc.record({ date: isoDate, name: personName, yearly: fc.boolean() }), (h) => h.date, 3),
    fc.string({ minLength: 1, maxLength: 20 }).filter((p) => p.trim() === p && p !== ''),
    personName,
  )
  .chain(([customers, holidays, password, companyName]) =>
    uniqueBy(invoiceArb(customers.map((c) => c.id)), (i) => i.id.toLowerCase(), 6)
      .filter((is) => is.length > 0)
      .map((invoices) => {
        const base = baseDocument(2525) as Json & { company: Json; smtpAccounts: Json[] };
        return {
          ...base,
          company: { ...base.company, name: companyName },
          smtpAccounts: [{ ...base.smtpAccounts[0], password }],
          holidays,
          customers,
          invoices,
        } as Doc;
      }),
  );

/** The same document with its top-level keys in another order (JSON does not order keys). */
const reordered = (doc: Doc, order: number[]): Json => {
  const keys = Object.keys(doc).sort(
    (a, b) => order[a.length % order.length]! - order[b.length % order.length]! || a.localeCompare(b),
  );
  return Object.fromEntries(keys.map((k) => [k, doc[k]]));
};

const FAULTS = [
  'removed',
  'wrongType',
  'taxId',
  'email',
  'digitableLine',
  'pix',
  'duplicateId',
  'danglingCustomer',
  'danglingMethod',
  'danglingLayout',
] as const;
type Fault = (typeof FAULTS)[number];

/** The document with one known fault, and the path the refusal must name. */
function withFault(original: Doc, fault: Fault, pick: number): { doc: Doc; path: string } {
  const doc = structuredClone(original);
  const c = pick % doc.customers.length;
  const i = pick % doc.invoices.length;
  const customer = doc.customers[c]!;
  const inv = doc.invoices[i]!;
  switch (fault) {
    case 'removed': {
      const [section, index, key] = (
        [
          ['customers', c, 'name'],
          ['customers', c, 'id'],
          ['invoices', i, 'dueDate'],
          ['invoices', i, 'amountCents'],
          ['invoices', i, 'number'],
          ['invoices', i, 'customerId'],
        ] as const
      )[pick % 6];
      delete (doc[section][index] as Json)[key];
      return { doc, path: `${section}[${index}].${key}` };
    }
    case 'wrongType': {
      const [section, index, key, value] = (
        [
          ['customers', c, 'name', 42],
          ['customers', c, 'active', 'sim'],
          ['invoices', i, 'amountCents', '99,90'],
          ['invoices', i, 'dueDate', 20210220],
          ['invoices', i, 'status', 'pago'],
        ] as const
      )[pick % 5];
      (doc[section][index] as Json)[key] = value;
      return { doc, path: `${section}[${index}].${key}` };
    }
    case 'taxId':
      customer.document = corruptTaxId(String(customer.document ?? '123.456.789-09'));
      return { doc, path: `customers[${c}].document` };
    case 'email':
      customer.email = BAD_EMAILS[pick % BAD_EMAILS.length];
      return { doc, path: `customers[${c}].email` };
    case 'digitableLine':
      inv.digitableLine = changeOneDigit(String(inv.digitableLine), pick);
      return { doc, path: `invoices[${i}].digitableLine` };
    case 'pix':
      inv.pixCode = changeOneDigit(String(inv.pixCode ?? testPix(Number(inv.amountCents))), pick);
      return { doc, path: `invoices[${i}].pixCode` };
    case 'duplicateId':
      if (pick % 2) {
        doc.customers.push({ ...customer, name: 'Outro Nome' });
        return { doc, path: `customers[${doc.customers.length - 1}].id` };
      }
      doc.invoices.push({ ...inv, number: 'OUTRO' });
      return { doc, path: `invoices[${doc.invoices.length - 1}].id` };
    case 'danglingCustomer':
      inv.customerId = 'cliente-que-nao-existe';
      return { doc, path: `invoices[${i}].customerId` };
    case 'danglingMethod':
      inv.billingMethodId = 'carne';
      return { doc, path: `invoices[${i}].billingMethodId` };
    case 'danglingLayout': {
      const methods = doc.billingMethods as { sendRules: Json[] }[];
      methods[0]!.sendRules[0]!.layoutId = 'layout-inexistente';
      return { doc, path: 'billingMethods[0].sendRules[0].layoutId' };
    }
  }
}

/** Problems of a refused outcome's messages (each must be for a clerk and name a path). */
function messageProblems(errors: { path: string; message: string }[]): string[] {
  if (errors.length === 0) return ['recusado sem erros'];
  return errors.flatMap((e) => {
    const p = clerkMessageProblem(e.message);
    return [...(p ? [`${e.path}: ${p}`] : []), ...(e.path ? [] : ['erro sem caminho'])];
  });
}

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
            expect(messageProblems(outcome.documentErrors)).toEqual([]);
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
