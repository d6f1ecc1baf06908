// The forecast streams (`regua plan`): invoices indexed by reference day, notices planned a chunk at a
// time, JSON and text written piece by piece. Whatever the data, it must say exactly what the
// straightforward forecast says — every routine, every day, every invoice planned whole — and print
// the very bytes that printing that whole forecast at once printed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, eachDay, formatDateBR, noticeKey } from '../../shared/calendar';
import {
  isSendRoutine,
  type BillingMethod,
  type Customer,
  type Invoice,
  type Routine,
  type Settings,
} from '../../shared/domain';
import { planNotices } from '../../shared/notices';
import { isReminderLayout } from '../../shared/payment-means';
import { ROUTINE_SKIPS, SKIP_REASONS } from '../../shared/reasons';
import { ruleLabel, RULE_KINDS, RULE_KIND_SPECS } from '../../shared/rule-kinds';
import { runWindow } from '../../shared/schedule';
import { createEngine, type Engine } from '../../main/engine';
import { forecastJson, forecastText } from '../../main/cli-format';
import { forecastCounts, forecastDays, forecastStream, type ForecastDay } from '../../main/services/forecast';
import { stalePayments } from '../../main/services/payments-guard';
import { calendarSkipReason } from '../../main/services/routine-calendar';
import { tempDir } from '../support/documents';
import { testLine } from '../support/payment-codes';

const FROM = '2026-02-10';

/** The forecast as it was computed before it streamed: every invoice planned for every routine and day. */
function wholeForecast(app: Engine, from: string, to: string): ForecastDay[] {
  const settings = app.store.settings();
  const heldMethods = new Set(stalePayments(settings, app.holidays, from).map((s) => s.billingMethodId));
  const routines = settings.routines.filter(isSendRoutine).filter((r) => r.active);
  const previous = new Map(
    routines.map((r) => [r.id, app.runLog.lastCompletedBefore(r.id, from)?.date ?? null]),
  );
  const days: ForecastDay[] = [];
  // Pending notices go out with each routine's first run in the range.
  const served = new Set<string>();
  for (const date of eachDay(from, to)) {
    const day: ForecastDay = { date, routines: [] };
    for (const routine of routines) {
      const head = { routineId: routine.id, description: routine.description };
      const notRunning = calendarSkipReason(routine, date, settings, app.holidays);
      if (notRunning) {
        day.routines.push({ ...head, notRunning, due: [], skipped: [] });
        continue;
      }
      const runsOn = (d: string) => calendarSkipReason(routine, d, settings, app.holidays) === null;
      const { window } = runWindow(routine, date, previous.get(routine.id) ?? null, runsOn);
      previous.set(routine.id, date);
      const ids = new Set(routine.billingMethodIds);
      const plan = planNotices({
        mode: 'live',
        runDate: date,
        window,
        billingMethods: settings.billingMethods.filter((m) => ids.size === 0 || ids.has(m.id)),
        invoices: app.store.invoices(),
        invoiceById: app.store.invoice,
        customerById: app.store.customer,
        ledgerState: app.ledger.state,
        reminderLayout: (id) => isReminderLayout(app.layouts.get(id)),
        pending: served.has(routine.id) ? [] : app.ledger.pending('live'),
        heldMethods,
      });
      served.add(routine.id);
      day.routines.push({ ...head, notRunning: null, ...plan });
    }
    days.push(day);
  }
  return days;
}

/** `regua plan` text as it was printed before it streamed. */
function wholeText(days: ForecastDay[], app: Engine): string {
  const who = (n: { invoiceId: string; customerId: string }) =>
    `fatura ${app.store.invoice(n.invoiceId)?.number ?? n.invoiceId} (${n.invoiceId}), ${app.store.customer(n.customerId)?.name ?? n.customerId}`;
  const lines: string[] = [];
  for (const day of days) {
    lines.push(`${formatDateBR(day.date)}: ${day.routines.reduce((n, r) => n + r.due.length, 0)} aviso(s)`);
    for (const r of day.routines) {
      if (r.notRunning) {
        lines.push(`  rotina ${r.routineId}: não executa (${r.notRunning})`);
        continue;
      }
      for (const n of r.due) lines.push(`  ${who(n)} → ${n.recipients.join(', ')} · ${ruleLabel(n)}`);
      for (const s of r.skipped.filter((s) => !ROUTINE_SKIPS.has(s.reason)))
        lines.push(`  não será enviado: ${who(s)} · ${ruleLabel(s)} · ${SKIP_REASONS[s.reason]}`);
    }
  }
  return lines.join('\n') + '\n';
}

const ruleArb = fc
  .record({ kind: fc.constantFrom(...RULE_KINDS), days: fc.nat(30), active: fc.boolean() })
  .map(({ kind, days, active }) => {
    const { minDays, maxDays } = RULE_KIND_SPECS[kind];
    return { kind, days: Math.min(maxDays, Math.max(minDays, days)), active };
  });
const methodArb = (id: string) =>
  fc
    .record({
      active: fc.boolean(),
      rules: fc.uniqueArray(ruleArb, { maxLength: 5, selector: (r) => `${r.kind}${r.days}` }),
    })
    .map(({ active, rules }): BillingMethod => ({
      id,
      name: `Forma ${id}`,
      active: id === 'boleto' || active,
      sendRules: rules.map((r, i) => ({
        id: `${id}-r${i}`,
        layoutId: 'boleto-apos-vencimento',
        attachInvoice: true,
        ...r,
      })),
    }));
const scheduleArb = fc.oneof(
  fc.constant({ frequency: 'daily' as const, time: '08:10:00' }),
  fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }).map((weekdays) => ({
    frequency: 'weekly' as const,
    time: '09:00:00',
    weekdays,
  })),
  fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 }).map((monthDays) => ({
    frequency: 'monthly' as const,
    time: '07:00:00',
    monthDays,
  })),
);
const routineArb = (i: number) =>
  fc
    .record({
      active: fc.boolean(),
      schedule: scheduleArb,
      runOnHolidays: fc.boolean(),
      catchUp: fc.boolean(),
      catchUpDays: fc.integer({ min: 1, max: 10 }),
      methods: fc.subarray(['boleto', 'pix']),
    })
    .map(({ methods, ...r }): Routine => ({
      id: `rotina${i}`,
      description: `Rotina ${i} — envio diário`,
      task: 'send_email',
      smtpAccountId: 'principal',
      billingMethodIds: methods,
      ...r,
      active: i === 0 || r.active,
    }));
const customerArb = (i: number) =>
  fc
    .record({
      email: fc.constantFrom(
        null,
        '',
        `c${i}@cliente.example`,
        `c${i}@cliente.example; fin${i}@empresa.example`,
        'não-é-email',
        `C${i}@x.example, c${i}@X.example`,
      ),
      active: fc.constantFrom(true, true, true, false),
      emailOptOut: fc.boolean(),
    })
    .map((c): Customer => ({ id: `c${i}`, name: `Cliente ${i} São João`, ...c }));
const invoiceArb = (i: number, customers: number) =>
  fc
    .record({
      customer: fc.nat(customers - 1),
      method: fc.constantFrom('boleto', 'pix', 'outra'),
      due: fc.integer({ min: -60, max: 90 }),
      issueBefore: fc.integer({ min: 0, max: 40 }),
      status: fc.constantFrom('open', 'open', 'open', 'paid', 'cancelled'),
      payable: fc.boolean(),
    })
    .map(({ customer, method, due, issueBefore, status, payable }): Invoice => ({
      id: `f${i}`,
      customerId: `c${customer}`,
      billingMethodId: method,
      number: `2026/${i}`,
      issueDate: addDays(FROM, due - issueBefore),
      dueDate: addDays(FROM, due),
      amountCents: 9990,
      status: status as Invoice['status'],
      // Mostly with a way to pay; without one, its notices are held as no_payment_means.
      digitableLine: payable || i % 3 ? testLine(addDays(FROM, due), 9990) : null,
    }));
const dataArb = fc.integer({ min: 1, max: 12 }).chain((customers) =>
  fc.record({
    methods: fc.tuple(methodArb('boleto'), methodArb('pix')),
    routines: fc
      .integer({ min: 1, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => routineArb(i)))),
    customers: fc.tuple(...Array.from({ length: customers }, (_, i) => customerArb(i))),
    invoices: fc
      .integer({ min: 0, max: 40 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => invoiceArb(i, customers)))),
    days: fc.integer({ min: 1, max: 45 }),
    chunk: fc.constantFrom(1, 2, 3, 7, 512),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }),
  }),
);

let app: Engine;
beforeAll(async () => {
  const dataDir = await tempDir('regua-forecast-');
  // An earlier history: f1's "after_due 0" notice left pending, f2's sent (the first day retries).
  const record = (invoiceId: string, status: string, dueDate: string) => ({
    key: noticeKey({ invoiceId, kind: 'on_due', days: 0, dueDate }),
    status,
    at: '2026-02-01T11:00:00.000Z',
    invoiceId,
    customerId: 'c0',
    dueDate,
    origin: 'rule',
    ruleId: 'boleto-r0',
    kind: 'on_due',
    days: 0,
    referenceDate: dueDate,
  });
  const history = [record('f1', 'pending', addDays(FROM, -3)), record('f2', 'sent', addDays(FROM, 1))];
  await writeFile(join(dataDir, 'deliveries.jsonl'), history.map((r) => JSON.stringify(r)).join('\n') + '\n');
  app = await createEngine({ dataDir });
});
afterAll(async () => {
  await app?.close();
});

type Data = typeof dataArb extends fc.Arbitrary<infer T> ? T : never;

async function load(data: Pick<Data, 'methods' | 'routines' | 'customers' | 'invoices' | 'holidays'>) {
  const settings: Settings = {
    ...app.store.settings(),
    company: { name: 'Provedor', timezone: 'America/Sao_Paulo', state: 'SP', city: 'São Paulo' },
    smtpAccounts: [],
    billingMethods: data.methods,
    routines: data.routines,
    holidays: data.holidays.map((d) => ({
      date: addDays(FROM, d),
      name: 'Feriado da empresa',
      yearly: false,
    })),
  };
  await app.update((tx) => {
    tx.setSettings(settings);
    tx.removeInvoices(tx.invoices().map((i) => i.id));
    tx.removeCustomers(tx.customers().map((c) => c.id));
    tx.upsertCustomers(data.customers);
    tx.upsertInvoices(data.invoices);
  });
}

describe('the streamed forecast', () => {
  it('says what planning every invoice for every day says, and prints the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, async (data) => {
        await load(data);
        const to = addDays(FROM, data.days - 1);
        const whole = wholeForecast(app, FROM, to);
        expect([...forecastDays(app, FROM, to, data.chunk)]).toEqual(whole);
        expect([...forecastJson(forecastStream(app, FROM, to, data.chunk))].join('')).toBe(
          JSON.stringify(whole, null, 2) + '\n',
        );
        expect([...forecastText(forecastStream(app, FROM, to, data.chunk), app.store)].join('')).toBe(
          wholeText(whole, app),
        );
        expect(forecastCounts(app, FROM, to)).toEqual(
          whole.map((d) => ({ date: d.date, count: d.routines.reduce((n, r) => n + r.due.length, 0) })),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('plans a routine-day only when its notices are asked for, a chunk of invoices at a time', async () => {
    await load({
      methods: [
        {
          id: 'boleto',
          name: 'Boleto',
          active: true,
          sendRules: [{ id: 'r', kind: 'on_due', days: 0, layoutId: 'x', attachInvoice: true, active: true }],
        },
        { id: 'pix', name: 'PIX', active: true, sendRules: [] },
      ],
      routines: [
        {
          id: 'd',
          description: 'Diária',
          task: 'send_email',
          smtpAccountId: 'principal',
          billingMethodIds: [],
          active: true,
          schedule: { frequency: 'daily', time: '08:00:00' },
          runOnHolidays: true,
          catchUp: false,
          catchUpDays: 1,
        },
      ],
      customers: [
        { id: 'c0', name: 'Maria', email: 'maria@cliente.example', active: true, emailOptOut: false },
      ],
      invoices: Array.from({ length: 10 }, (_, i) => ({
        id: `g${i}`,
        customerId: 'c0',
        billingMethodId: 'boleto',
        number: `N${i}`,
        issueDate: addDays(FROM, -10),
        dueDate: addDays(FROM, 1),
        amountCents: 100,
        status: i === 3 ? ('paid' as const) : ('open' as const),
        digitableLine: testLine(addDays(FROM, 1), 100),
      })),
      holidays: [],
    });
    const [first, second] = [...forecastStream(app, FROM, addDays(FROM, 1), 4)];
    expect([...first!.routines[0]!.due()]).toEqual([]);
    const chunks = [...second!.routines[0]!.due()].map((c) => c.map((n) => n.invoiceId));
    expect(chunks).toEqual([
      ['g0', 'g1', 'g2'],
      ['g4', 'g5', 'g6', 'g7'],
      ['g8', 'g9'],
    ]);
    expect([...second!.routines[0]!.skipped()].flat().map((s) => [s.invoiceId, s.reason])).toEqual([
      ['g3', 'invoice_paid'],
    ]);
    expect(second!.routines[0]!.dueCount()).toBe(9);
  });
});
