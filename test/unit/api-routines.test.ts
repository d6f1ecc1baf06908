// The routines handlers on a real app in a temp dir: listing with next/last run, saving with reference
// checks, removing, simulating (a dry run that sends and records nothing) and "Executar agora" against
// a real SMTP server.
import { describe, expect, it } from 'vitest';
import type {
  RoutineOptions,
  RoutineRun,
  RoutineSimulation,
  RoutineView,
} from '../../shared/contract/routines';
import type { RunRecord, RunReport } from '../../shared/records';
import { offsetClock } from '../../main/services/clock';
import { failure, testApis, useSmtpServer, type TestApi } from '../support/api';
import { baseDocument, invoice } from '../support/documents';
import { freePort } from '../support/free-port';

const smtp = useSmtpServer();
let api: TestApi;
const openApi = testApis();

const DAILY = {
  id: 'diaria',
  description: 'Envio de faturas',
  task: 'send_email',
  schedule: { frequency: 'daily', time: '08:10:00' },
  runOnHolidays: true,
  smtpAccountId: 'principal',
} as const;

async function open(now: string, smtpPort: number, doc: Record<string, unknown> = {}) {
  api = await openApi({
    clock: offsetClock(new Date(now)),
    retry: { attempts: 1, delayMs: 10 },
    document: baseDocument(smtpPort, doc),
  });
}

describe('routines.list', () => {
  it('shows each routine with its next slot in the company zone, its last run and whether it runs', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port);
    const [view, ...others] = await api.ok<RoutineView[]>('routines.list');
    expect(others).toHaveLength(0);
    expect(view).toMatchObject({ id: 'diaria', running: false, lastRun: null });
    // 08:10 in São Paulo (UTC-3) on the next day: the slot of the 4th already passed at 12:00 UTC.
    expect(view!.nextRunAt).toBe('2021-03-05T11:10:00.000Z');

    await api.ok('routines.runNow', { routineId: 'diaria' });
    const [after] = await api.ok<RoutineView[]>('routines.list');
    expect(after!.lastRun).toMatchObject({ routineId: 'diaria', status: 'completed', trigger: 'manual' });
  });

  it('gives an inactive routine no next run', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [{ ...DAILY, active: false }] });
    const [view] = await api.ok<RoutineView[]>('routines.list');
    expect(view!.nextRunAt).toBeNull();
  });
});

describe('routines.options', () => {
  it('offers the accounts and billing methods a routine may name, and today in the company zone', async () => {
    // 01:00 UTC on the 5th is still the 4th in São Paulo.
    await open('2021-03-05T01:00:00Z', smtp.port);
    const options = await api.ok<RoutineOptions>('routines.options');
    expect(options).toEqual({
      today: '2021-03-04',
      timezone: 'America/Sao_Paulo',
      smtpAccounts: [{ id: 'principal', label: 'Provedor Exemplo <cobranca@provedor.example>' }],
      billingMethods: [{ id: 'boleto', name: 'Boleto Bancário', active: true }],
    });
  });
});

describe('routines.save', () => {
  it('creates a routine and tells the screens', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [] });
    const saved = await api.ok<RoutineView>('routines.save', {
      ...DAILY,
      id: 'semanal',
      description: 'Segundas e quartas',
      schedule: { frequency: 'weekly', time: '09:00:00', weekdays: [1, 3] },
      billingMethodIds: ['boleto'],
    });
    expect(saved).toMatchObject({ id: 'semanal', catchUp: true, catchUpDays: 7, active: true });
    // 2021-03-04 is a Thursday: next Monday is the 8th, 09:00 in São Paulo.
    expect(saved.nextRunAt).toBe('2021-03-08T12:00:00.000Z');
    expect(api.app.scheduler.nextRuns().map((r) => r.routineId)).not.toContain('diaria');
    expect(api.events).toContainEqual({ name: 'store.changed', payload: { area: 'settings' } });
    expect(api.app.store.settings().routines.map((r) => r.id)).toEqual(['semanal']);
  });

  it('replaces a routine with the same id instead of adding another', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port);
    await api.ok('routines.save', { ...DAILY, description: 'Renomeada', runOnHolidays: false });
    const routines = api.app.store.settings().routines;
    expect(routines).toHaveLength(1);
    expect(routines[0]).toMatchObject({ description: 'Renomeada', runOnHolidays: false });
  });

  it('refuses an unknown e-mail account or billing method beside the field, saving nothing', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [] });
    const error = failure(
      await api.call('routines.save', {
        ...DAILY,
        smtpAccountId: 'nenhuma',
        billingMethodIds: ['boleto', 'carne'],
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({
      smtpAccountId: 'escolha uma conta de e-mail cadastrada',
      billingMethodIds: 'uma forma de cobrança escolhida não existe mais: escolha de novo',
    });
    expect(api.app.store.settings().routines).toEqual([]);
  });

  it('refuses a weekly schedule without weekdays with the schema message on its field', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port, { routines: [] });
    const error = failure(
      await api.call('routines.save', {
        ...DAILY,
        schedule: { frequency: 'weekly', time: '09:00:00', weekdays: [] },
      }),
    );
    expect(error.fieldErrors?.['schedule.weekdays']).toBe('escolha ao menos um dia da semana');
  });
});

describe('routines.remove', () => {
  it('removes the routine, which no longer has a next run', async () => {
    await open('2021-03-04T12:00:00Z', smtp.port);
    await api.ok('routines.remove', { id: 'diaria' });
    expect(api.app.store.settings().routines).toEqual([]);
    expect(api.app.scheduler.nextRuns().map((r) => r.routineId)).not.toContain('diaria');
    expect(failure(await api.call('routines.remove', { id: 'diaria' })).code).toBe('not_found');
  });

  it('refuses while the routine is running', async () => {
    await open('2021-03-05T12:00:00Z', smtp.port);
    await smtp.setFaults({ dataDelayMs: 1500 });
    const running = api.ok<RunReport>('routines.runNow', { routineId: 'diaria' });
    await expect.poll(() => api.app.runner.isRunning('diaria')).toBe(true);
    const error = failure(await api.call('routines.remove', { id: 'diaria' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('em execução');
    expect((await running).counts.sent).toBe(1);
    expect(api.app.store.settings().routines).toHaveLength(1);
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
    const sim = await api.ok<RoutineSimulation>('routines.simulate', {
      routineId: 'diaria',
      date: '2021-03-05',
    });
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
    expect(await api.ok<RunRecord[]>('runs.list', {})).toEqual([]);
  });

  it('still plans a holiday but notes that the schedule would not run that day', async () => {
    await open('2021-11-29T12:00:00Z', smtp.port, {
      routines: [{ ...DAILY, runOnHolidays: false }],
      invoices: [invoice('f1', { dueDate: '2021-04-08' })],
    });
    const sim = await api.ok<RoutineSimulation>('routines.simulate', {
      routineId: 'diaria',
      date: '2021-04-21',
    });
    expect(sim.calendarNote).toBe('feriado: Tiradentes');
    expect(sim.due.map((n) => n.invoiceId)).toEqual(['f1']);
  });

  it('answers not_found for an unknown routine', async () => {
    await open('2021-11-29T12:00:00Z', smtp.port);
    const error = failure(await api.call('routines.simulate', { routineId: 'nada', date: '2021-03-05' }));
    expect(error).toMatchObject({ code: 'not_found', message: 'Rotina não encontrado(a)' });
  });
});

describe('routines.runNow', () => {
  it('sends today’s notice through the real server, pushing progress, and records the run', async () => {
    await open('2021-03-05T12:00:00Z', smtp.port);
    const report = await api.ok<RunReport>('routines.runNow', { routineId: 'diaria' });
    expect(report).toMatchObject({ date: '2021-03-05', trigger: 'manual', status: 'completed' });
    expect(report.counts).toEqual({ sent: 1, failed: 0, pending: 0, uncertain: 0, skipped: 0 });
    expect((report as RoutineRun).invoices).toEqual({});
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual(['maria@cliente.example']);
    const names = api.events.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['run.started', 'run.progress', 'run.finished']));
    expect(api.events.find((e) => e.name === 'run.progress')!.payload).toMatchObject({
      routineId: 'diaria',
      done: 1,
      total: 1,
      counts: { sent: 1 },
    });
    const [run] = await api.ok<RunRecord[]>('runs.list', { routineId: 'diaria' });
    expect(run).toMatchObject({ id: report.runId, status: 'completed', counts: report.counts });
  });

  it('runs on a holiday even when the schedule would not, and reports an unreachable server as aborted', async () => {
    const closed = await freePort();
    // 21/04/2021 is Tiradentes; the invoice's after_due 13 notice falls on it.
    await open('2021-04-21T12:00:00Z', closed, {
      routines: [{ ...DAILY, runOnHolidays: false }],
      invoices: [invoice('f1', { dueDate: '2021-04-08' })],
    });
    const report = await api.ok<RoutineRun>('routines.runNow', { routineId: 'diaria' });
    expect(report.status).toBe('aborted');
    expect(report.reason).toBe(
      `O servidor 127.0.0.1 recusou a conexão na porta ${closed}. Verifique o endereço e a porta do servidor (geralmente 587 ou 465).`,
    );
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
    await api.ok('routines.runNow', { routineId: 'diaria' });
    await api.ok('routines.runNow', { routineId: 'outra' });
    await api.ok('routines.runNow', { routineId: 'diaria' });
    const all = await api.ok<RunRecord[]>('runs.list', {});
    expect(all.map((r) => r.routineId)).toEqual(['diaria', 'outra', 'diaria']);
    expect(all[0]!.startedAt >= all[1]!.startedAt).toBe(true);
    expect((await api.ok<RunRecord[]>('runs.list', { routineId: 'outra' })).map((r) => r.routineId)).toEqual([
      'outra',
    ]);
    expect(await api.ok<RunRecord[]>('runs.list', { limit: 1 })).toEqual([all[0]]);
  });
});
