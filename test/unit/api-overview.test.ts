// Início, Importar and the first start, through the handler map on a real app in a temp dir.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../shared/contract/overview';
import type { SetupStatus } from '../../shared/contract/setup';
import type { DeliveryRecord, ImportSummary, RunRecord } from '../../shared/records';
import { exportDocument } from '../../main/services/interchange';
import { createLedger } from '../../main/services/ledger';
import { sampleDocument } from '../../main/services/sample-data';
import {
  sampleCnpj,
  sampleCpf,
  sampleDigitableLine,
  samplePixCode,
} from '../../main/services/sample-payment-codes';
import { crc16, parsePixCode } from '../../shared/br';
import { customerSchema, invoiceSchema } from '../../shared/domain';
import { DATA_FILES } from '../../main/services/store/store';
import { testApis } from '../support/api';
import { baseDocument, invoice } from '../support/documents';

// 2026-11-29 09:00 in São Paulo: today's 08:10 slot has passed, the next one is tomorrow.
const NOW = new Date('2026-11-29T12:00:00Z');
const TODAY = '2026-11-29';

const harness = testApis({
  prefix: 'regua-api-overview-',
  clock: { now: () => NOW },
  retry: { attempts: 1, delayMs: 0 },
});

describe('setup.status', () => {
  it('asks for the guided setup on an empty store', async () => {
    const h = await harness();
    expect(await h.ok<SetupStatus>('setup.status')).toEqual({
      hasCompany: false,
      hasSmtpAccount: false,
      hasRule: false,
      hasRoutine: false,
      hasInvoices: false,
      testMode: false,
      testModeRoutines: [],
      needsSetup: true,
      sampleLoaded: false,
    });
  });

  it('still asks while the billing method has no send rule', async () => {
    const h = await harness();
    const doc = baseDocument(2525);
    const methods = [{ id: 'boleto', name: 'Boleto Bancário', sendRules: [] }];
    await h.ok('import.apply', { document: { ...doc, billingMethods: methods, invoices: [] } });
    const status = await h.ok<SetupStatus>('setup.status');
    expect(status).toMatchObject({
      hasCompany: true,
      hasSmtpAccount: true,
      hasRoutine: true,
      hasRule: false,
    });
    expect(status.needsSetup).toBe(true);
    expect(status.testMode).toBe(false);
  });
});

describe('setup.loadSample', () => {
  it('fills company, test-mode account, rules, routine, customers and invoices around today', async () => {
    const h = await harness();
    const summary = await h.ok<ImportSummary>('setup.loadSample');
    expect(summary.created).toMatchObject({
      company: 1,
      smtpAccounts: 1,
      billingMethods: 1,
      routines: 1,
      customers: 25,
      invoices: 60,
    });
    const status = await h.ok<SetupStatus>('setup.status');
    expect(status).toMatchObject({ needsSetup: false, testMode: true, hasInvoices: true });

    const settings = h.app.store.settings();
    expect(settings.company).toMatchObject({ name: 'Provedor Exemplo', state: 'SP', city: 'São Paulo' });
    expect(settings.smtpAccounts[0]).toMatchObject({ id: 'modo-teste', host: '127.0.0.1', security: 'none' });
    expect(settings.billingMethods[0]!.sendRules.map((r) => `${r.kind}:${r.days}:${r.layoutId}`)).toEqual([
      'after_issue:0:boleto-emissao',
      'before_due:5:boleto-antes-vencimento',
      'on_due:0:boleto-no-vencimento',
      'after_due:3:boleto-apos-vencimento',
      'after_due:13:boleto-apos-vencimento',
    ]);
    expect(settings.routines[0]).toMatchObject({
      schedule: { frequency: 'daily', time: '08:10:00' },
      smtpAccountId: 'modo-teste',
    });
    const customers = h.app.store.customers();
    expect(customers.filter((c) => !c.email)).toHaveLength(1);
    expect(customers.filter((c) => c.emailOptOut)).toHaveLength(1);
    const invoices = h.app.store.invoices();
    expect(invoices.some((i) => i.status === 'paid')).toBe(true);
    expect(invoices.every((i) => i.issueDate <= TODAY)).toBe(true);
    expect(invoices.filter((i) => i.dueDate === '2026-11-26' && i.status === 'open').length).toBeGreaterThan(
      0,
    );
    expect(invoices.filter((i) => i.dueDate === '2026-11-16' && i.status === 'open').length).toBeGreaterThan(
      0,
    );
    for (const i of invoices) expect(i.digitableLine!.replace(/\D/g, '')).toHaveLength(47);

    expect(h.events).toEqual(
      expect.arrayContaining([
        { name: 'store.changed', payload: { area: 'settings' } },
        { name: 'store.changed', payload: { area: 'records' } },
      ]),
    );
  });

  it('leaves notices due today: after_due 3 and 13, before_due 5, on_due, after_issue 0', async () => {
    const h = await harness();
    await h.ok('setup.loadSample');
    const report = await h.app.runner.runRoutine('envio-diario', {
      date: TODAY,
      trigger: 'manual',
      honourCalendar: true,
      dryRun: true,
    });
    expect(report.due.map((n) => `${n.kind}:${n.days}`).sort()).toEqual([
      'after_due:13',
      'after_due:3',
      'after_due:3',
      'after_issue:0',
      'before_due:5',
      'on_due:0',
    ]);
    // The customer without e-mail and the one who opted out are left out with their reasons.
    expect(report.skipped.map((s) => s.reason).sort()).toEqual(
      expect.arrayContaining(['customer_no_email', 'customer_opted_out']),
    );
  });

  it('keeps the company saved in the first step of the guided setup', async () => {
    const h = await harness();
    const company = { name: 'Net Rápida Telecom', timezone: 'America/Fortaleza', state: 'CE' };
    await h.ok('import.apply', { document: { format: 'regua/v1', company } });
    await h.ok('setup.loadSample');
    expect(h.app.store.settings().company).toMatchObject(company);
  });

  it('refuses (conflict) when the store already has invoices, and changes nothing', async () => {
    const h = await harness();
    await h.ok('import.apply', { document: baseDocument(2525) });
    const before = JSON.stringify(exportDocument(h.app.store, false));
    const r = await h.call('setup.loadSample');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/faturas/) });
    expect(JSON.stringify(exportDocument(h.app.store, false))).toBe(before);
  });
});

describe('sample payment codes', () => {
  it('computes CPF and CNPJ check digits like the Receita Federal', () => {
    expect(sampleCpf(111_444_777)).toBe('111.444.777-35');
    expect(sampleCnpj(11_222_333)).toBe('11.222.333/0001-81');
  });

  it('builds a 47-digit linha digitável carrying the due factor and the amount', () => {
    const line = sampleDigitableLine('2026-12-10', 9990, 42);
    const digits = line.replace(/\D/g, '');
    expect(digits).toHaveLength(47);
    expect(digits.startsWith('2379')).toBe(true);
    // factor 1000 on 2025-02-22, +656 days; amount in the last 10 digits
    expect(digits.slice(33)).toBe('16560000009990');
  });

  it('builds a PIX copia e cola whose CRC16 checks', () => {
    const code = samplePixCode(9990, 'fatura-0001');
    expect(code).toMatch(/^000201/);
    expect(code).toContain('540599.90'); // field 54, 5 characters: the amount in reais
    expect(code.slice(-8, -4)).toBe('6304');
    expect(code.slice(-4)).toBe(crc16(code.slice(0, -4)));
    expect(parsePixCode(code)).toMatchObject({ ok: true, value: { amountCents: 9990 } });
  });

  it('makes every sample invoice and customer valid under the domain schemas', () => {
    const doc = sampleDocument(TODAY);
    for (const c of doc.customers) expect(customerSchema.safeParse(c).error).toBeUndefined();
    for (const i of doc.invoices) expect(invoiceSchema.safeParse(i).error).toBeUndefined();
  });

  it('is the same document for the same day', () => {
    expect(sampleDocument(TODAY)).toEqual(sampleDocument(TODAY));
  });
});

describe('scheduler.status and app.info', () => {
  it('lists the next runs and no running routine', async () => {
    const h = await harness();
    await h.ok('setup.loadSample');
    expect(await h.ok('scheduler.status')).toEqual({
      paused: false,
      running: [],
      nextRuns: [{ routineId: 'envio-diario', at: '2026-11-30T11:10:00.000Z' }],
    });
  });

  it('tells version, data folder, today and time zone', async () => {
    const h = await harness();
    const info = await h.ok<{ version: string; dataDir: string; today: string; timezone: string }>(
      'app.info',
    );
    expect(info).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      dataDir: h.app.dataDir,
      today: TODAY,
      timezone: 'America/Sao_Paulo',
    });
  });
});

const delivery = (key: string, status: DeliveryRecord['status'], at: string): DeliveryRecord => ({
  key,
  status,
  at,
  invoiceId: 'f1',
  customerId: 'c1',
  origin: 'rule',
  ruleId: 'r1',
  kind: 'after_due',
  days: 3,
  dueDate: '2026-11-20',
  referenceDate: '2026-11-23',
});

describe('dashboard.summary', () => {
  it('has no next run, no last run and empty days on an empty store', async () => {
    const h = await harness();
    const summary = await h.ok<DashboardSummary>('dashboard.summary');
    expect(summary).toMatchObject({
      today: TODAY,
      timezone: 'America/Sao_Paulo',
      nextRun: null,
      lastRun: null,
      pending: 0,
      failed: 0,
      uncertain: 0,
    });
    expect(summary.sentPerDay).toHaveLength(30);
    expect(summary.sentPerDay[0]).toEqual({ date: '2026-10-31', sent: 0, failed: 0 });
    expect(summary.sentPerDay.at(-1)!.date).toBe(TODAY);
    expect(summary.forecast).toHaveLength(30);
    expect(summary.forecast.every((d) => d.count === 0)).toBe(true);
  });

  it('names the earliest next run in the company time zone and forecasts the sample', async () => {
    const h = await harness();
    await h.ok('setup.loadSample');
    const summary = await h.ok<DashboardSummary>('dashboard.summary');
    expect(summary.nextRun).toEqual({
      routineId: 'envio-diario',
      description: 'Envio diário de faturas',
      at: '2026-11-30T11:10:00.000Z',
      date: '2026-11-30',
      time: '08:10',
      prepared: null,
    });
    expect(summary.forecast[0]).toEqual({ date: TODAY, count: 6 });
    expect(summary.forecast.at(-1)!.date).toBe('2026-12-28');
    expect(summary.forecast.reduce((n, d) => n + d.count, 0)).toBeGreaterThan(20);
  });

  it("tells how many of the next run's e-mails are ready, and which notices cannot be composed", async () => {
    const h = await harness();
    await h.ok('setup.loadSample');
    const { due } = await h.app.runner.dueOn('envio-diario', '2026-11-30');
    expect(due.length).toBeGreaterThan(1);
    const broken = { ...h.app.store.invoice(due[0]!.invoiceId)!, pdfPath: '/nao/existe/fatura.pdf' };
    await h.ok('import.apply', { document: { format: 'regua/v1', invoices: [broken] } });

    await h.app.preparer.prepare();
    expect(h.events.filter((e) => e.name === 'preparation.finished').map((e) => e.payload)).toEqual([
      { routineId: 'envio-diario', date: '2026-11-30' },
    ]);
    const { nextRun } = await h.ok<DashboardSummary>('dashboard.summary');
    expect(nextRun!.prepared).toEqual({
      at: NOW.toISOString(),
      ready: due.length - 1,
      problems: [
        {
          invoiceId: broken.id,
          invoiceNumber: broken.number,
          customerName: h.app.store.customer(broken.customerId)!.name,
          message: 'arquivo PDF da fatura não encontrado: /nao/existe/fatura.pdf',
        },
      ],
    });
  });

  it('counts sent and failed per day in the company zone, and latest-state attention counts', async () => {
    const h = await harness();
    await h.app.ledger.record([
      delivery('a', 'sending', '2026-11-28T11:10:00.000Z'),
      delivery('a', 'sent', '2026-11-28T11:10:01.000Z'),
      delivery('b', 'failed', '2026-11-28T11:10:02.000Z'),
      // 01:00 UTC on the 29th is still the 28th in São Paulo
      delivery('c', 'sent', '2026-11-29T01:00:00.000Z'),
      delivery('d', 'pending', '2026-11-27T11:10:00.000Z'),
      delivery('e', 'pending', '2026-11-27T11:10:00.000Z'),
      delivery('e', 'sent', '2026-11-29T11:10:00.000Z'),
      delivery('f', 'uncertain', '2026-11-29T11:10:00.000Z'),
      delivery('g', 'skipped', '2026-11-29T11:10:00.000Z'),
      // older than 30 days: outside the chart
      delivery('h', 'sent', '2026-10-01T11:10:00.000Z'),
    ]);
    const summary = await h.ok<DashboardSummary>('dashboard.summary');
    const day = (date: string) => summary.sentPerDay.find((d) => d.date === date);
    expect(day('2026-11-28')).toEqual({ date: '2026-11-28', sent: 2, failed: 1 });
    expect(day('2026-11-29')).toEqual({ date: '2026-11-29', sent: 1, failed: 0 });
    expect(day('2026-11-27')).toEqual({ date: '2026-11-27', sent: 0, failed: 0 });
    expect(summary.sentPerDay.reduce((n, d) => n + d.sent, 0)).toBe(3);
    expect(summary).toMatchObject({ pending: 1, failed: 1, uncertain: 1 });
  });

  it("counts another process's deliveries once, however many screens ask at the same time", async () => {
    const h = await harness();
    const other = createLedger(join(h.app.dataDir, DATA_FILES.deliveries));
    await other.load();
    await other.record([delivery('x', 'sent', '2026-11-29T11:10:00.000Z')]);
    await other.close();
    const [a, b, c] = await Promise.all([
      h.ok<DashboardSummary>('dashboard.summary'),
      h.ok<DashboardSummary>('dashboard.summary'),
      h.ok<SetupStatus>('setup.status'),
    ]);
    expect(c.needsSetup).toBe(true);
    for (const summary of [a, b, await h.ok<DashboardSummary>('dashboard.summary')])
      expect(summary.sentPerDay.at(-1)).toEqual({ date: TODAY, sent: 1, failed: 0 });
  });

  it('shows the latest run after a run in test mode, its captures apart from the real e-mails', async () => {
    const h = await harness();
    await h.ok('setup.loadSample');
    const report = await h.app.runner.runRoutine('envio-diario', {
      date: TODAY,
      trigger: 'manual',
      honourCalendar: true,
    });
    expect(report.counts.sent).toBe(6);
    const summary = await h.ok<DashboardSummary>('dashboard.summary');
    expect(summary.lastRun).toMatchObject<Partial<RunRecord>>({
      routineId: 'envio-diario',
      date: TODAY,
      trigger: 'manual',
      status: 'completed',
      counts: { sent: 6, failed: 0, pending: 0, uncertain: 0, skipped: expect.any(Number) },
    });
    // What the test mode captured never counts as sent to customers.
    expect(summary.sentPerDay.at(-1)).toEqual({ date: TODAY, sent: 0, failed: 0 });
    expect(summary.testModeCaptured).toBe(6);
    // The sample routine sends to the test mode, where today's notices already went.
    expect(summary.forecast[0]).toEqual({ date: TODAY, count: 0 });
  });
});

describe('import.check and import.apply', () => {
  const withErrors = () =>
    baseDocument(2525, {
      invoices: [
        invoice('f1'),
        invoice('f2', { dueDate: '2021-02-30' }),
        invoice('f3', { customerId: 'zz' }),
      ],
    });

  it('reports every error with its JSON path and saves nothing', async () => {
    const h = await harness();
    const check = await h.ok<{ errors: unknown[]; summary: unknown }>('import.check', {
      document: withErrors(),
    });
    expect(check.summary).toBeNull();
    expect(check.errors).toEqual([
      { path: 'invoices[1].dueDate', message: expect.stringMatching(/data inválida/) },
    ]);
    const shapeOk = baseDocument(2525, { invoices: [invoice('f1'), invoice('f3', { customerId: 'zz' })] });
    const refs = await h.ok<{ errors: unknown[] }>('import.check', { document: shapeOk });
    expect(refs.errors).toEqual([{ path: 'invoices[1].customerId', message: 'cliente não encontrado: zz' }]);
    expect(h.app.store.invoices()).toHaveLength(0);
    expect(h.app.store.settings().company).toBeNull();
  });

  it('previews what would be created and updated without saving', async () => {
    const h = await harness();
    await h.ok('import.apply', { document: baseDocument(2525) });
    const next = baseDocument(2525, {
      customers: [
        { id: 'c1', name: 'Maria da Silva Santos', email: 'maria@cliente.example' },
        { id: 'c2', name: 'José Souza', email: 'jose@cliente.example' },
      ],
      invoices: [invoice('f1'), invoice('f2'), invoice('f3', { customerId: 'c2' })],
    });
    h.events.length = 0;
    const check = await h.ok<{ errors: unknown[]; summary: ImportSummary }>('import.check', {
      document: next,
    });
    expect(check.errors).toEqual([]);
    expect(check.summary.created).toEqual({ customers: 1, invoices: 2 });
    expect(check.summary.updated).toEqual({
      company: 1,
      smtpAccounts: 1,
      billingMethods: 1,
      routines: 1,
      customers: 1,
      invoices: 1,
    });
    expect(h.app.store.invoices()).toHaveLength(1);
    expect(h.app.store.customer('c1')!.name).toBe('Maria da Silva');
    expect(h.events).toEqual([]);
    // …and the real import agrees with the preview.
    expect(await h.ok('import.apply', { document: next })).toEqual(check.summary);
    expect(h.app.store.invoices()).toHaveLength(3);
  });

  it('applies all or nothing: errors come back as fieldErrors by path', async () => {
    const h = await harness();
    const r = await h.call('import.apply', { document: withErrors() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation');
      expect(r.error.message).toBe('o documento tem 1 erro; nada foi importado');
      expect(r.error.fieldErrors).toEqual({ 'invoices[1].dueDate': expect.stringMatching(/data inválida/) });
    }
    expect(h.app.store.invoices()).toHaveLength(0);
    expect(h.app.store.customers()).toHaveLength(0);
    expect(h.events).toEqual([]);
  });

  it('says when the document is not a regua/v1 document', async () => {
    const h = await harness();
    const check = await h.ok<{ errors: { path: string; message: string }[] }>('import.check', {
      document: { format: 'outro', clientes: [] },
    });
    expect(check.errors).toEqual(
      expect.arrayContaining([
        { path: 'format', message: 'formato deve ser "regua/v1"' },
        { path: '(documento)', message: expect.stringMatching(/clientes/) },
      ]),
    );
  });

  it('refuses a relative PDF path, which only `regua import FILE` can resolve', async () => {
    const h = await harness();
    const doc = baseDocument(2525, {
      invoices: [
        invoice('f1', { pdfPath: '/srv/faturas/f1.pdf' }),
        invoice('f2', { pdfPath: 'faturas/f2.pdf' }),
      ],
    });
    const check = await h.ok<{ errors: { path: string; message: string }[] }>('import.check', {
      document: doc,
    });
    expect(check.errors).toEqual([
      { path: 'invoices[1].pdfPath', message: expect.stringMatching(/caminho relativo/) },
    ]);
    const r = await h.call('import.apply', { document: doc });
    expect(r.ok).toBe(false);
    expect(h.app.store.invoices()).toHaveLength(0);
  });

  it('creates on success and tells the screens both areas changed', async () => {
    const h = await harness();
    const summary = await h.ok<ImportSummary>('import.apply', { document: baseDocument(2525) });
    expect(summary).toEqual({
      created: { company: 1, smtpAccounts: 1, billingMethods: 1, routines: 1, customers: 1, invoices: 1 },
      updated: {},
    });
    expect(h.events).toHaveLength(2);
    expect(h.events).toEqual(
      expect.arrayContaining([
        { name: 'store.changed', payload: { area: 'settings' } },
        { name: 'store.changed', payload: { area: 'records' } },
      ]),
    );
    expect(h.app.scheduler.nextRuns()).toHaveLength(1);
  });
});
