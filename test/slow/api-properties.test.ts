// Every API method of the contract (shared/api.ts) under arbitrary input, as the screens and any
// HTTP client reach it: inputs shaped by the method's own schema with the test data's real ids mixed
// in (so they get past validation and into the handler), the same with one to three values
// replaced, dropped or added, and plain arbitrary JSON. Whatever comes in, the answer is ok or an
// error for the clerk: a Portuguese message (naming the field when it is a validation error), never
// a crash, never 'internal'; and a refused call leaves the data folder's files exactly as they were.
//
// Methods that reach outside the machine (DNS, IMAP) get only refused inputs' worth of checks with
// valid shapes pointing at a closed port. The seed is printed; REGUA_PROPERTY_SEED replays it.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type ApiResult } from '../../shared/api';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { openTestApi, useSmtpServer } from '../support/api';
import { folderSnapshot } from '../support/data-folder';
import { baseDocument, invoice, tempDir } from '../support/documents';
import { clerkMessageProblem } from '../support/portuguese';
import { mutated, schemaArbitrary, type JsonSchema } from '../support/schema-arbitrary';

const seed = Number(process.env.REGUA_PROPERTY_SEED ?? Date.now() % 1_000_000);
console.log(`api-properties: REGUA_PROPERTY_SEED=${seed}`);
const RUNS = Number(process.env.REGUA_PROPERTY_RUNS ?? 30);

/** Ids and values the test data really has, so arbitrary inputs often name something that exists. */
const WORDS = [
  'principal',
  TEST_MODE_ACCOUNT_ID,
  'boleto',
  'r1',
  'diaria',
  'c1',
  'c2',
  'f1',
  'f2',
  'boleto-apos-vencimento',
  'boleto-emissao',
  '2021-03-05',
  'Maria da Silva',
  'maria@cliente.example',
  '12.345.678/0001-95',
  '',
  ' ',
  '../../etc/passwd',
  '{{fatura.valor}}',
];

/** Reach outside the machine: checked with arbitrary input only where validation refuses it. */
const OUTSIDE = new Set(['smtp.checkDomain', 'smtp.bounces.test', 'smtp.bounces.read']);

/**
 * A valid input of the methods whose inputs are too deep for random shapes to pass often (one wrong
 * field refuses the whole call): mutated, they probe the handler's own checks field by field.
 */
const doc = () => baseDocument(2525);
const VALID: Record<string, () => unknown> = {
  'company.save': () => doc().company,
  'smtp.save': () => (doc().smtpAccounts as unknown[])[0],
  'mail.sendTest': () => ({ smtpAccountId: 'principal', to: 'maria@cliente.example' }),
  'billingMethods.save': () => ({ id: 'pix', name: 'PIX', active: true }),
  'rules.save': () => ({
    billingMethodId: 'boleto',
    rule: { id: 'r2', kind: 'before_due', days: 3, layoutId: 'boleto-antes-vencimento' },
  }),
  'routines.save': () => (doc().routines as unknown[])[0],
  'customers.save': () => ({ id: 'c3', name: 'Ana Lima', email: 'ana@cliente.example', create: true }),
  'invoices.save': () => ({ invoice: invoice('f3', { customerId: 'c1' }), create: true }),
  'invoices.markPaid': () => ({ id: 'f1', date: '2021-03-01', amountCents: 9990 }),
  'import.apply': () => ({ document: doc() }),
  'import.check': () => ({ document: doc() }),
  'imports.savePreset': () => ({
    id: null,
    name: 'Meu layout',
    type: 'customers',
    columns: { Nome: 'customerName' },
  }),
  'routines.runNow': () => ({ routineId: 'diaria', date: '2021-03-05' }),
  'routines.simulate': () => ({ routineId: 'diaria', date: '2021-03-05' }),
  'invoices.send': () => ({ invoiceId: 'f1', layoutId: 'boleto-apos-vencimento', smtpAccountId: null }),
  'layouts.save': () => ({
    id: null,
    name: 'Aviso',
    subject: 'Fatura {{fatura.numero}}',
    html: '<p>{{cliente.nome}}</p>',
  }),
};

function inputArbitrary(name: string): fc.Arbitrary<unknown> {
  const schema = (contract as Record<string, { input: { toJSONSchema: (o: object) => unknown } }>)[
    name
  ]!.input.toJSONSchema({
    unrepresentable: 'any',
    io: 'input',
  }) as JsonSchema;
  const shaped = schemaArbitrary(schema, WORDS);
  const valid = VALID[name];
  if (valid)
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(valid()) },
      { weight: 4, arbitrary: mutated(fc.constant(valid())) },
      { weight: 2, arbitrary: shaped },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
  return fc.oneof(
    { weight: 3, arbitrary: shaped },
    { weight: 3, arbitrary: mutated(shaped) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** What the answer must be, whatever the input. */
function answerProblem(result: ApiResult<unknown>): string | null {
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') return 'sem envelope';
  if (result.ok) return null;
  const { code, message, fieldErrors } = result.error;
  if (code === 'internal') return `internal: ${message}`;
  const problem = clerkMessageProblem(message);
  if (problem) return problem;
  if (code === 'validation') {
    if (!fieldErrors || Object.keys(fieldErrors).length === 0) return `validação sem campo: ${message}`;
    for (const m of Object.values(fieldErrors)) {
      const p = clerkMessageProblem(m);
      if (p) return `campo: ${p}`;
    }
  }
  return null;
}

const smtp = useSmtpServer();

async function openWithData() {
  const dataDir = await tempDir('regua-api-props-');
  const document = baseDocument(smtp.port, {
    customers: [
      { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
      { id: 'c2', name: 'João Souza', email: 'joao@cliente.example' },
    ],
    invoices: [
      invoice('f1', { dueDate: '2021-02-20', issueDate: '2021-02-01' }),
      invoice('f2', { customerId: 'c2', dueDate: '2021-03-10', issueDate: '2021-02-10' }),
    ],
  });
  const api = await openTestApi({
    dataDir,
    document,
    clock: { now: () => new Date('2021-03-05T12:00:00Z') },
    retry: { attempts: 1, delayMs: 0 },
    smtpTimeoutMs: 3000,
    dnsServers: ['127.0.0.1:9'],
  });
  return { api, dataDir };
}

/** Per method, how the answers came out (ok / error code), printed at the end. */
const tally = new Map<string, Record<string, number>>();
const count = (name: string, outcome: string) => {
  const t = tally.get(name) ?? {};
  t[outcome] = (t[outcome] ?? 0) + 1;
  tally.set(name, t);
};
afterAll(() => {
  const lines = [...tally].map(
    ([n, t]) =>
      `  ${n}: ${Object.entries(t)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
  );
  console.log(`api-properties (seed ${seed}):\n${lines.join('\n')}`);
});

describe('every API method under arbitrary input', () => {
  const failures: string[] = [];
  for (const name of METHOD_NAMES) {
    it(name, async () => {
      const { api, dataDir } = await openWithData();
      try {
        await fc.assert(
          fc.asyncProperty(inputArbitrary(name), async (input) => {
            const before = await folderSnapshot(dataDir);
            const result = await api.call(name, input);
            count(name, result.ok ? 'ok' : result.error.code);
            if (OUTSIDE.has(name) && result.ok) return; // reached the network's stand-in; not judged
            const problem = answerProblem(result);
            if (problem) throw new Error(`${name}(${JSON.stringify(input)}): ${problem}`);
            if (!result.ok) {
              const after = await folderSnapshot(dataDir);
              expect(after, `${name} refused (${result.error.message}) but changed the data folder`).toEqual(
                before,
              );
            }
          }),
          { numRuns: OUTSIDE.has(name) ? 5 : RUNS, seed, endOnFailure: true },
        );
      } catch (e) {
        failures.push(`${name}: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`);
        throw e;
      } finally {
        await api.close();
      }
    });
  }
});
