import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyDocument,
  checkDocument,
  exportDocument,
  formatPath,
  resolvePdfPaths,
  type InterchangeDocument,
} from '../../main/services/interchange';
import { createLayoutRegistry, type LayoutRegistry } from '../../main/services/layout-registry';
import { loadDefaultLayouts } from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import { DATA_FILES, openStore, type Store } from '../../main/services/store/store';
import { baseDocument, invoice } from '../support/documents';
import { buildPixCode } from '../../shared/br';

const PIX_9990 = buildPixCode({
  key: 'financeiro@provedor.example',
  merchantName: 'PROVEDOR EXEMPLO',
  merchantCity: 'SAO PAULO',
  amountCents: 9990,
});

const DEFAULT_LAYOUTS = loadDefaultLayouts(assetsDir());
let dirs: string[] = [];
const stores: Store[] = [];

async function fresh(): Promise<{ store: Store; layouts: LayoutRegistry; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'regua-interchange-'));
  dirs.push(dir);
  const store = await openStore(dir, '2026-03-10');
  stores.push(store);
  return { store, layouts: createLayoutRegistry(store, DEFAULT_LAYOUTS), dir };
}

let store: Store;
let layouts: LayoutRegistry;
let dir: string;
beforeEach(async () => {
  ({ store, layouts, dir } = await fresh());
});
afterEach(async () => {
  stores.splice(0);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

const doc = (overrides: Record<string, unknown> = {}) => baseDocument(2525, overrides);
const check = (input: unknown, s = store, l = layouts) => checkDocument(input, s, l);

/** Checks and applies, failing the test with the errors if the document does not check. */
async function importDoc(input: unknown, s = store, l = layouts) {
  const { doc: checked, errors } = checkDocument(input, s, l);
  expect(errors).toEqual([]);
  const { results } = await s.writeBatch([(tx) => applyDocument(checked!, tx)]);
  if (!results[0]!.ok) throw results[0]!.error;
  return results[0]!.value as ReturnType<typeof applyDocument>;
}

describe('checkDocument', () => {
  it('accepts the base document and returns it with defaults applied', () => {
    const { doc: checked, errors } = check(doc());
    expect(errors).toEqual([]);
    expect(checked?.invoices?.[0]).toMatchObject({ id: 'f1', status: 'open' });
    expect(checked?.routines?.[0]).toMatchObject({ catchUp: true, catchUpDays: 7, active: true });
    expect(checked?.billingMethods?.[0]?.sendRules[0]).toMatchObject({ active: true, attachInvoice: true });
  });

  it('errors carry JSON paths like invoices[0].dueDate', () => {
    const result = check(doc({ invoices: [invoice('f1', { dueDate: '2021-02-30' })] }));
    expect(result.doc).toBeUndefined();
    expect(result.errors).toContainEqual({
      path: 'invoices[0].dueDate',
      message: 'data inválida (use AAAA-MM-DD, uma data que exista)',
    });
  });

  it('nested paths reach into arrays inside arrays', () => {
    const base = doc();
    const methods = base.billingMethods as { sendRules: Record<string, unknown>[] }[];
    methods[0]!.sendRules[0]!.days = 0;
    expect(check(base).errors).toEqual([
      {
        path: 'billingMethods[0].sendRules[0].days',
        message: 'Dias para Envio deve ser de 1 a 365 em Envio após Vencido',
      },
    ]);
    expect(
      check(
        doc({
          routines: [
            {
              id: 'x',
              description: 'x',
              task: 'send_email',
              smtpAccountId: 'principal',
              schedule: { frequency: 'weekly', time: '08:10:00', weekdays: [9] },
            },
          ],
        }),
      ).errors,
    ).toEqual([
      { path: 'routines[0].schedule.weekdays[0]', message: 'dia da semana vai de 1 (segunda) a 7 (domingo)' },
    ]);
  });

  it('an unknown top-level field is rejected', () => {
    expect(check(doc({ clientes: [] })).errors).toEqual([
      { path: '(documento)', message: 'Chave inválida: "clientes"' },
    ]);
  });

  it('an unknown field inside a record is rejected at that record', () => {
    expect(
      check(doc({ customers: [{ id: 'c1', name: 'Maria', email: 'maria@cliente.example', telefone: '1' }] }))
        .errors,
    ).toEqual([{ path: 'customers[0]', message: 'Chave inválida: "telefone"' }]);
  });

  it.each([['regua/v2'], ['REGUA/V1'], [undefined]])('format %j is rejected', (format) => {
    expect(check({ ...doc(), format }).errors).toEqual([
      { path: 'format', message: 'formato deve ser "regua/v1"' },
    ]);
  });

  it('a document that is not an object is rejected at the root', () => {
    const errors = check([doc()]).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('(documento)');
  });

  it('ids repeated inside a document are rejected at the repetition', () => {
    const result = check(
      doc({
        customers: [
          { id: 'c1', name: 'Maria' },
          { id: 'c2', name: 'João' },
          { id: 'c1', name: 'Maria de novo' },
        ],
        invoices: [invoice('f1'), invoice('f1')],
      }),
    );
    expect(result.doc).toBeUndefined();
    expect(result.errors).toEqual([
      { path: 'customers[2].id', message: 'id repetido no documento: c1' },
      { path: 'invoices[1].id', message: 'id repetido no documento: f1' },
    ]);
  });

  it('references are checked against the document and the store merged', async () => {
    await importDoc(doc());
    // A second document with only invoices: customer c1 and method boleto are already stored.
    expect(check({ format: 'regua/v1', invoices: [invoice('f2')] }).errors).toEqual([]);
    // A routine may use the stored account, and a method defined in the same document.
    expect(
      check({
        format: 'regua/v1',
        billingMethods: [{ id: 'pix', name: 'PIX' }],
        routines: [
          {
            id: 'r2',
            description: 'PIX',
            task: 'send_email',
            smtpAccountId: 'principal',
            schedule: { frequency: 'daily', time: '09:00:00' },
            billingMethodIds: ['pix', 'boleto'],
          },
        ],
      }).errors,
    ).toEqual([]);
  });

  it('dangling references are reported with their paths', () => {
    const result = check(
      doc({
        billingMethods: [
          { id: 'boleto', name: 'Boleto', sendRules: [{ id: 'r1', kind: 'on_due', layoutId: 'nao-existe' }] },
        ],
        routines: [
          {
            id: 'd',
            description: 'd',
            task: 'send_email',
            smtpAccountId: 'outra',
            schedule: { frequency: 'daily', time: '08:10:00' },
            billingMethodIds: ['boleto', 'cartao'],
          },
        ],
        invoices: [invoice('f1', { customerId: 'c9' }), invoice('f2', { billingMethodId: 'cartao' })],
      }),
    );
    expect(result.doc).toBeUndefined();
    expect(result.errors).toEqual([
      {
        path: 'billingMethods[0].sendRules[0].layoutId',
        message: 'layout de e-mail não encontrado: nao-existe',
      },
      { path: 'routines[0].smtpAccountId', message: 'conta de e-mail não encontrada: outra' },
      { path: 'routines[0].billingMethodIds[1]', message: 'forma de cobrança não encontrada: cartao' },
      { path: 'invoices[0].customerId', message: 'cliente não encontrado: c9' },
      { path: 'invoices[1].billingMethodId', message: 'forma de cobrança não encontrada: cartao' },
    ]);
  });

  it('a send rule may use a pre-registered layout or one defined in the same document', () => {
    const layout = {
      id: 'meu-layout',
      name: 'Meu',
      subject: 'Fatura {{fatura.numero}}',
      html: '<p>{{cliente.nome}}</p>',
    };
    const methods = [
      {
        id: 'boleto',
        name: 'Boleto',
        sendRules: [
          { id: 'a', kind: 'on_due', layoutId: 'boleto-no-vencimento' },
          { id: 'b', kind: 'after_due', days: 5, layoutId: 'meu-layout' },
        ],
      },
    ];
    expect(check(doc({ layouts: [layout], billingMethods: methods })).errors).toEqual([]);
  });

  it('a layout with an unknown variable is refused naming it', () => {
    const result = check(
      doc({
        layouts: [
          {
            id: 'l1',
            name: 'Com erro',
            subject: 'Fatura {{fatura.numero}}',
            html: '<p>Olá, {{cliente.nom}}</p>',
          },
        ],
      }),
    );
    expect(result.doc).toBeUndefined();
    expect(result.errors).toEqual([
      {
        path: 'layouts[0].html',
        message: 'variável desconhecida: {{cliente.nom}} (quis dizer {{cliente.nome}}?)',
      },
    ]);
  });

  it('nothing is written by checking', async () => {
    check(doc());
    expect(store.settings().company).toBeNull();
    expect(store.customers()).toEqual([]);
    await expect(readFile(join(dir, DATA_FILES.settings))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('applyDocument', () => {
  it('creates everything on a fresh store and counts it', async () => {
    const summary = await importDoc(doc({ holidays: [{ date: '2026-01-25', name: 'Aniversário de SP' }] }));
    expect(summary).toEqual({
      created: {
        company: 1,
        smtpAccounts: 1,
        billingMethods: 1,
        routines: 1,
        holidays: 1,
        customers: 1,
        invoices: 1,
      },
      updated: {},
    });
    expect(store.settings().company?.name).toBe('Provedor Exemplo Ltda');
    expect(store.customer('c1')?.name).toBe('Maria da Silva');
    expect(store.invoice('f1')?.dueDate).toBe('2021-02-20');
    expect(store.settings().routines[0]?.catchUpDays).toBe(7);
  });

  it('upserts by id: existing records updated in place, new ones appended, others kept', async () => {
    await importDoc(doc({ invoices: [invoice('f1'), invoice('f2')] }));
    const summary = await importDoc({
      format: 'regua/v1',
      customers: [
        { id: 'c1', name: 'Maria da Silva Souza', email: 'maria@cliente.example' },
        { id: 'c2', name: 'João', email: 'joao@cliente.example' },
      ],
      invoices: [invoice('f2', { status: 'paid' }), invoice('f3', { customerId: 'c2' })],
    });
    expect(summary).toEqual({
      created: { customers: 1, invoices: 1 },
      updated: { customers: 1, invoices: 1 },
    });
    expect(store.customers().map((c) => [c.id, c.name])).toEqual([
      ['c1', 'Maria da Silva Souza'],
      ['c2', 'João'],
    ]);
    expect(store.invoices().map((i) => [i.id, i.status])).toEqual([
      ['f1', 'open'],
      ['f2', 'paid'],
      ['f3', 'open'],
    ]);
    // settings untouched by a records-only document
    expect(store.settings().company?.name).toBe('Provedor Exemplo Ltda');
    expect(store.settings().billingMethods.map((m) => m.id)).toEqual(['boleto']);
  });

  it('re-importing the same document counts everything as updated', async () => {
    await importDoc(doc());
    const summary = await importDoc(doc());
    expect(summary.created).toEqual({});
    expect(summary.updated).toEqual({
      company: 1,
      smtpAccounts: 1,
      billingMethods: 1,
      routines: 1,
      customers: 1,
      invoices: 1,
    });
  });

  it('holidays merge by date and stay sorted', async () => {
    await importDoc(doc({ holidays: [{ date: '2026-07-09', name: 'Revolução Constitucionalista' }] }));
    const summary = await importDoc({
      format: 'regua/v1',
      holidays: [
        { date: '2026-01-25', name: 'Aniversário de SP' },
        { date: '2026-07-09', name: '9 de Julho', yearly: true },
      ],
    });
    expect(summary).toEqual({ created: { holidays: 1 }, updated: { holidays: 1 } });
    expect(store.settings().holidays).toEqual([
      { date: '2026-01-25', name: 'Aniversário de SP', yearly: false },
      { date: '2026-07-09', name: '9 de Julho', yearly: true },
    ]);
  });

  it('passwords go to the owner-only secrets file, never to settings.json', async () => {
    await importDoc(doc());
    expect(store.smtpPassword('principal')).toBe('segredo');
    expect(store.settings().smtpAccounts[0]).not.toHaveProperty('password');
    const settingsText = await readFile(join(dir, DATA_FILES.settings), 'utf8');
    expect(settingsText).toContain('"principal"');
    expect(settingsText).not.toContain('segredo');
    expect(JSON.parse(await readFile(join(dir, DATA_FILES.secrets), 'utf8'))).toEqual({
      codec: 'plain',
      smtpPasswords: { principal: 'segredo' },
    });
  });

  it('an account re-imported without a password keeps the stored one', async () => {
    await importDoc(doc());
    const accounts = (doc().smtpAccounts as Record<string, unknown>[]).map(({ password: _p, ...a }) => ({
      ...a,
      fromName: 'Outro Nome',
    }));
    await importDoc({ format: 'regua/v1', smtpAccounts: accounts });
    expect(store.smtpPassword('principal')).toBe('segredo');
    expect(store.settings().smtpAccounts[0]?.fromName).toBe('Outro Nome');
  });
});

describe('exportDocument', () => {
  it('omits passwords unless withSecrets', async () => {
    await importDoc(doc());
    const plain = exportDocument(store, false);
    expect(plain.smtpAccounts?.[0]).not.toHaveProperty('password');
    expect(JSON.stringify(plain)).not.toContain('segredo');
    expect(exportDocument(store, true).smtpAccounts?.[0]).toMatchObject({
      id: 'principal',
      password: 'segredo',
    });
  });

  it('an empty store exports an empty document that checks', () => {
    const empty = exportDocument(store, true);
    expect(empty).toEqual({
      format: 'regua/v1',
      smtpAccounts: [],
      layouts: [],
      billingMethods: [],
      routines: [],
      holidays: [],
      customers: [],
      invoices: [],
    });
    expect(check(empty).errors).toEqual([]);
  });

  it.each([true, false])(
    'export → import into an empty store → export is identical (withSecrets %s)',
    async (withSecrets) => {
      await importDoc(
        doc({
          layouts: [
            { id: 'meu', name: 'Meu', subject: 'Fatura {{fatura.numero}}', html: '<p>{{cliente.nome}}</p>' },
          ],
          holidays: [{ date: '2026-01-25', name: 'Aniversário de SP', yearly: true }],
          customers: [
            { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example; financeiro@maria.example' },
            { id: 'c2', name: 'João', document: '123.456.789-09', emailOptOut: true },
          ],
          invoices: [
            invoice('f1'),
            invoice('f2', { customerId: 'c2', status: 'cancelled', pixCode: PIX_9990 }),
          ],
        }),
      );
      const first = exportDocument(store, withSecrets);
      const other = await fresh();
      await importDoc(JSON.parse(JSON.stringify(first)) as InterchangeDocument, other.store, other.layouts);
      const second = exportDocument(other.store, withSecrets);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(other.store.smtpPassword('principal')).toBe(withSecrets ? 'segredo' : null);
    },
  );
});

describe('helpers', () => {
  it('formatPath prints dotted paths with [index] and names the root', () => {
    expect(formatPath(['invoices', 0, 'dueDate'])).toBe('invoices[0].dueDate');
    expect(formatPath(['billingMethods', 1, 'sendRules', 2, 'days'])).toBe(
      'billingMethods[1].sendRules[2].days',
    );
    expect(formatPath([])).toBe('(documento)');
  });

  it('resolvePdfPaths reads relative PDF paths from the document folder and refuses any outside it', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    await mkdir(join(dir, 'importar', 'pdfs'), { recursive: true });
    await mkdir(join(dir, 'boletos'), { recursive: true });
    await writeFile(join(dir, 'importar', 'pdfs', 'f1.pdf'), pdf);
    await writeFile(join(dir, 'boletos', 'f2.pdf'), pdf);
    await writeFile(join(dir, 'segredo.pdf'), pdf);
    const { doc: checked } = check(
      doc({
        invoices: [
          invoice('f1', { pdfPath: 'pdfs/f1.pdf' }),
          invoice('f2', { pdfPath: join(dir, 'boletos', 'f2.pdf') }),
          invoice('f3'),
        ],
      }),
    );
    const base = join(dir, 'importar');
    const ok = await resolvePdfPaths(checked!, base, join(dir, 'boletos'));
    expect(ok.errors).toEqual([]);
    expect(ok.doc.invoices?.map((i) => i.pdfPath ?? null)).toEqual([
      join(base, 'pdfs', 'f1.pdf'),
      join(dir, 'boletos', 'f2.pdf'),
      null,
    ]);
    // Without the office's PDF folder, the absolute path outside the document's folder is refused.
    const outside = await resolvePdfPaths(checked!, base, null);
    expect(outside.errors.map((e) => e.path)).toEqual(['invoices[1].pdfPath']);
    const climbing = check(doc({ invoices: [invoice('f4', { pdfPath: '../segredo.pdf' })] }));
    const refused = await resolvePdfPaths(climbing.doc!, base, null);
    expect(refused.errors).toEqual([
      {
        path: 'invoices[0].pdfPath',
        message: expect.stringContaining('o PDF deve estar na pasta do arquivo importado'),
      },
    ]);
  });
});
