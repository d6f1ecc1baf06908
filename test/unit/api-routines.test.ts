// The routines handlers on a real app in a temp dir: listing with next/last run, saving with reference
// checks, removing, simulating (a dry run that sends and records nothing) and "Executar agora" against
// a real SMTP server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResult } from '../../shared/api';
import type {
  RoutineOptions,
  RoutineRun,
  RoutineSimulation,
  RoutineView,
} from '../../shared/contract/routines';
import type { RunRecord, RunReport } from '../../shared/records';
import { createHandlers, invoke } from '../../main/api/index';
import type { ApiContext } from '../../main/api/context';
import { openApp, type App } from '../../main/services/app';
import { offsetClock } from '../../main/services/clock';
import { checkDocument, applyDocument } from '../../main/services/interchange';
import { createScheduler, type Scheduler } from '../../main/services/scheduler';
import { baseDocument, invoice, tempDir } from '../support/documents';
import { freePort } from '../support/free-port';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

let smtp: TestSmtpServer;
let app: App;
let scheduler: Scheduler;
let events: ApiEvent[];
let reschedules: number;
let handlers: ReturnType<typeof createHandlers>;

const DAILY = {
  id: 'diaria',
  description: 'Envio de faturas',
  task: 'send_email',
  schedule: { frequency: 'daily', time: '08:10:00' },
  runOnHolidays: true,
  smtpAccountId: 'principal',
} as const;

async function open(now: string, smtpPort: number, doc: Record<string, unknown> = {}) {
  app = await openApp({
    dataDir: await tempDir(),
    clock: offsetClock(new Date(now)),
    retry: { attempts: 1, delayMs: 10 },
  });
  const checked = checkDocument(baseDocument(smtpPort, doc), app.store, app.layouts);
  expect(checked.errors).toEqual([]);
  await applyDocument(checked.doc!, app.store);
  const real = createScheduler(app);
  reschedules = 0;
  scheduler = { ...real, reschedule: () => (reschedules++, real.reschedule()) };
  events = [];
  app.events.subscribe((e) => events.push(e));
  const ctx: ApiContext = { app, scheduler, events: app.events, testMailbox: app.testMailbox };
  handlers = createHandlers(ctx);
}

async function ok<T>(name: string, input: unknown = {}): Promise<T> {
  const result = await invoke(handlers, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const fail = async (name: string, input: unknown) => {
  const result = (await invoke(handlers, name, input)) as ApiResult<unknown>;
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
};

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  await smtp.clear();
  await smtp.setFaults({});
});
afterEach(async () => {
  await scheduler?.stop();
  await app?.close();
});

describe('routines.list', () => {
  it('shows each routine with its next slot in the company zone, its last run and whether it runs', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port);
    const [view, ...others] = await ok<RoutineView[]>('routines.list');
    expect(others).toHaveLength(0);
    expect(view).toMatchObject({ id: 'diaria', running: false, lastRun: null });
    // 08:10 in São Paulo (UTC-3) on the next day: the slot of the 4th already passed at 12:00 UTC.
    expect(view!.nextRunAt).toBe('2021-03-05T11:10:00.000Z');

    await ok('routines.runNow', { routineId: 'diaria' });
    const [after] = await ok<RoutineView[]>('routines.list');
    expect(after!.lastRun).toMatchObject({ routineId: 'diaria', status: 'completed', trigger: 'manual' });
  });

  it('gives an inactive routine no next run', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [{ ...DAILY, active: false }] });
    const [view] = await ok<RoutineView[]>('routines.list');
    expect(view!.nextRunAt).toBeNull();
  });
});

describe('routines.options', () => {
  it('offers the accounts and billing methods a routine may name, and today in the company zone', async () => {
    // 01:00 UTC on the 5th is still the 4th in São Paulo.
    await open('2021-03-05T01:00:00Z', smtp.port);
    const options = await ok<RoutineOptions>('routines.options');
    expect(options).toEqual({
      today: '2021-03-04',
      timezone: 'America/Sao_Paulo',
      smtpAccounts: [{ id: 'principal', label: 'Provedor Exemplo <cobranca@provedor.example>' }],
      billingMethods: [{ id: 'boleto', name: 'Boleto Bancário', active: true }],
    });
  });
});

describe('routines.save', () => {
  it('creates a routine, re-arms the scheduler and tells the screens', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [] });
    const saved = await ok<RoutineView>('routines.save', {
      ...DAILY,
      id: 'semanal',
      description: 'Segundas e quartas',
      schedule: { frequency: 'weekly', time: '09:00:00', weekdays: [1, 3] },
      billingMethodIds: ['boleto'],
    });
    expect(saved).toMatchObject({ id: 'semanal', catchUp: true, catchUpDays: 7, active: true });
    // 2021-03-04 is a Thursday: next Monday is the 8th, 09:00 in São Paulo.
    expect(saved.nextRunAt).toBe('2021-03-08T12:00:00.000Z');
    expect(reschedules).toBe(1);
    expect(events).toContainEqual({ name: 'store.changed', payload: { area: 'settings' } });
    expect(app.store.settings().routines.map((r) => r.id)).toEqual(['semanal']);
  });

  it('replaces a routine with the same id instead of adding another', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port);
    await ok('routines.save', { ...DAILY, description: 'Renomeada', runOnHolidays: false });
    const routines = app.store.settings().routines;
    expect(routines).toHaveLength(1);
    expect(routines[0]).toMatchObject({ description: 'Renomeada', runOnHolidays: false });
  });

  it('refuses an unknown e-mail account or billing method beside the field, saving nothing', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [] });
    const error = await fail('routines.save', {
      ...DAILY,
      smtpAccountId: 'nenhuma',
      billingMethodIds: ['boleto', 'carne'],
    });
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({
      smtpAccountId: 'conta de e-mail não encontrada: nenhuma',
      billingMethodIds: 'forma de cobrança não encontrada: carne',
    });
    expect(app.store.settings().routines).toEqual([]);
    expect(reschedules).toBe(0);
  });

  it('refuses a weekly schedule without weekdays with the schema message on its field', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [] });
    const error = await fail('routines.save', {
      ...DAILY,
      schedule: { frequency: 'weekly', time: '09:00:00', weekdays: [] },
    });
    expect(error.fieldErrors?.['schedule.weekdays']).toBe('escolha ao menos um dia da semana');
  });
});

describe('routines.remove', () => {
  it('removes the routine and re-arms the scheduler', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port);
    await ok('routines.remove', { id: 'diaria' });
    expect(app.store.settings().routines).toEqual([]);
    expect(reschedules).toBe(1);
    expect((await fail('routines.remove', { id: 'diaria' })).code).toBe('not_found');
  });

  it('refuses while the routine is running', async () => {
    await open('2021-03-05T12:00:00Z', smtp.port);
    await smtp.setFaults({ dataDelayMs: 1500 });
    const running = ok<RunReport>('routines.runNow', { routineId: 'diaria' });
    await expect.poll(() => app.runner.isRunning('diaria')).toBe(true);
    const error = await fail('routines.remove', { id: 'diaria' });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('em execução');
    expect((await running).counts.sent).toBe(1);
    expect(app.store.settings().routines).toHaveLength(1);
  });
});

describe('routines.simulate', () => {
  it("lists the article's notice on 05/03/2021 and the paid invoice left out, sending and recording nothing", async () => {
    await open('2021-11-29T12:00:00Z', smtp.port, {
      customers: [
        { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
        { id: 'c2', name: 'João Souza', email: 'joao@cliente.example' },
      ],
      invoices: [
        invoice('f1', { number: '2021-0001' }),
        invoice('f2', { customerId: 'c2', number: '2021-0002', status: 'paid' }),
      ],
    });
    const sim = await ok<RoutineSimulation>('routines.simulate', { routineId: 'diaria', date: '2021-03-05' });
    expect(sim.dryRun).toBe(true);
    expect(sim.window).toEqual({ from: '2021-03-05', to: '2021-03-05' });
    expect(sim.calendarNote).toBeNull();
    expect(sim.due.map((n) => [n.invoiceId, n.referenceDate, n.recipients])).toEqual([
      ['f1', '2021-03-05', ['maria@cliente.example']],
    ]);
    expect(sim.skipped.map((s) => [s.invoiceId, s.reason])).toEqual([['f2', 'invoice_paid']]);
    expect(sim.invoices).toEqual({
      f1: { number: '2021-0001', customerName: 'Maria da Silva', amountCents: 9990, dueDate: '2021-02-20' },
      f2: { number: '2021-0002', customerName: 'João Souza', amountCents: 9990, dueDate: '2021-02-20' },
    });
    expect(await smtp.messages()).toHaveLength(0);
    expect(await ok<RunRecord[]>('runs.list', {})).toEqual([]);
  });

  it('still plans a holiday but notes that the schedule would not run that day', async () => {
    await open('2021-11-29T12:00:00Z', smtp.port, {
      routines: [{ ...DAILY, runOnHolidays: false }],
      invoices: [invoice('f1', { dueDate: '2021-04-08' })],
    });
    const sim = await ok<RoutineSimulation>('routines.simulate', { routineId: 'diaria', date: '2021-04-21' });
    expect(sim.calendarNote).toBe('feriado: Dia de Tiradentes');
    expect(sim.due.map((n) => n.invoiceId)).toEqual(['f1']);
  });

  it('answers not_found for an unknown routine', async () => {
    await open('2021-11-29T12:00:00Z', smtp.port);
    const error = await fail('routines.simulate', { routineId: 'nada', date: '2021-03-05' });
    expect(error).toMatchObject({ code: 'not_found', message: 'Rotina não encontrado(a)' });
  });
});

describe('routines.runNow', () => {
  it('sends today’s notice through the real server, pushing progress, and records the run', async () => {
    await open('2021-03-05T12:00:00Z', smtp.port);
    const report = await ok<RunReport>('routines.runNow', { routineId: 'diaria' });
    expect(report).toMatchObject({ date: '2021-03-05', trigger: 'manual', status: 'completed' });
    expect(report.counts).toEqual({ sent: 1, failed: 0, pending: 0, skipped: 0 });
    expect((report as RoutineRun).invoices).toEqual({});
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual(['maria@cliente.example']);
    const names = events.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['run.started', 'run.progress', 'run.finished']));
    expect(events.find((e) => e.name === 'run.progress')!.payload).toMatchObject({
      routineId: 'diaria',
      done: 1,
      total: 1,
      counts: { sent: 1 },
    });
    const [run] = await ok<RunRecord[]>('runs.list', { routineId: 'diaria' });
    expect(run).toMatchObject({ id: report.runId, status: 'completed', counts: report.counts });
  });

  it('runs on a holiday even when the schedule would not, and reports an unreachable server as aborted', async () => {
    const closed = await freePort();
    // 21/04/2021 is Tiradentes; the invoice's after_due 13 notice falls on it.
    await open('2021-04-21T12:00:00Z', closed, {
      routines: [{ ...DAILY, runOnHolidays: false }],
      invoices: [invoice('f1', { dueDate: '2021-04-08' })],
    });
    const report = await ok<RoutineRun>('routines.runNow', { routineId: 'diaria' });
    expect(report.status).toBe('aborted');
    expect(report.reason).toMatch(/indisponível/);
    expect(report.counts.pending).toBe(1);
    // The notices that did not go out come with their invoice, for the summary.
    expect(report.invoices).toEqual({
      f1: { number: 'N-f1', customerName: 'Maria da Silva', amountCents: 9990, dueDate: '2021-04-08' },
    });
  });
});

describe('runs.list', () => {
  it('lists runs newest first, by routine, up to the limit', async () => {
    await open('2021-03-05T12:00:00Z', smtp.port, {
      routines: [DAILY, { ...DAILY, id: 'outra', description: 'Outra' }],
    });
    await ok('routines.runNow', { routineId: 'diaria' });
    await ok('routines.runNow', { routineId: 'outra' });
    await ok('routines.runNow', { routineId: 'diaria' });
    const all = await ok<RunRecord[]>('runs.list', {});
    expect(all.map((r) => r.routineId)).toEqual(['diaria', 'outra', 'diaria']);
    expect(all[0]!.startedAt >= all[1]!.startedAt).toBe(true);
    expect((await ok<RunRecord[]>('runs.list', { routineId: 'outra' })).map((r) => r.routineId)).toEqual([
      'outra',
    ]);
    expect(await ok<RunRecord[]>('runs.list', { limit: 1 })).toEqual([all[0]]);
  });
});
