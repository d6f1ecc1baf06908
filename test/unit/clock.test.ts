// Time as a user's computer lives it: slots at 00:00:00 and 23:59:59 in São Paulo while the process
// runs in UTC, the year end, a leap day, a computer asleep across the slot, a clock set back an hour.
//
// Two kinds of checks. *Planning checks* move the engine's clock (a test clock like REGUA_NOW's
// offsetClock, that can also jump while the program runs) and look at what it decides: which slot,
// which date, which reference dates. *Firing checks* use real node-schedule timers a few seconds
// ahead: the system clock cannot be changed here, so those slots are wherever "now" is, and the
// engine clock says what date the program believes it is when the timer fires.
process.env.TZ = 'UTC'; // the process zone must not matter: every date is the company's (São Paulo)

import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar';
import type { Schedule } from '../../shared/domain';
import { planNotices } from '../../shared/notices';
import {
  dateInZone,
  isScheduledOn,
  latestSlot,
  nextSlot,
  previousRunDay,
  runWindow,
} from '../../shared/schedule';
import type { Clock } from '../../main/services/clock';
import { testApis, useSmtpServer } from '../support/api';
import { baseDocument, invoice } from '../support/documents';
import { testLine } from '../support/payment-codes';

const SP = 'America/Sao_Paulo';
const at = (iso: string) => new Date(iso);
const slot = (s: { date: string; at: Date } | null) => s && { date: s.date, at: s.at.toISOString() };
const daily = (time: string): Schedule => ({ frequency: 'daily', time });

/** The engine's clock, as REGUA_NOW sets it, that can also be moved while the program runs. */
function movableClock(start: Date): Clock & { set(instant: Date): void; move(ms: number): void } {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    set: (instant) => void (offset = instant.getTime() - Date.now()),
    move: (ms) => void (offset += ms),
  };
}

describe('slots at the edges of the day, the process in UTC (planning checks)', () => {
  it('00:00:00 in São Paulo is 03:00:00Z of the same date; a second before, the slot is still yesterday’s', () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    const midnight = daily('00:00:00');
    expect(slot(latestSlot(midnight, at('2026-03-10T03:00:00Z'), SP, 1))).toEqual({
      date: '2026-03-10',
      at: '2026-03-10T03:00:00.000Z',
    });
    expect(slot(latestSlot(midnight, at('2026-03-10T02:59:59Z'), SP, 1))).toEqual({
      date: '2026-03-09',
      at: '2026-03-09T03:00:00.000Z',
    });
    expect(slot(nextSlot(midnight, at('2026-03-10T02:59:59Z'), SP))).toEqual({
      date: '2026-03-10',
      at: '2026-03-10T03:00:00.000Z',
    });
  });

  it('23:59:59 in São Paulo is 02:59:59Z of the next UTC day, and belongs to the São Paulo date', () => {
    const lastSecond = daily('23:59:59');
    expect(slot(latestSlot(lastSecond, at('2026-03-10T02:59:59Z'), SP, 0))).toEqual({
      date: '2026-03-09',
      at: '2026-03-10T02:59:59.000Z',
    });
    // A second later it is 00:00:00 of the 10th in São Paulo: the latest slot is still the 9th's.
    expect(slot(latestSlot(lastSecond, at('2026-03-10T03:00:00Z'), SP, 1))).toEqual({
      date: '2026-03-09',
      at: '2026-03-10T02:59:59.000Z',
    });
    expect(dateInZone(at('2026-03-10T02:59:59Z'), SP)).toBe('2026-03-09');
  });
});

describe('the year end (planning checks)', () => {
  it('23:59:59 of 31/12 runs for 31/12; the next slot is 01/01 of the next year', () => {
    const lastSecond = daily('23:59:59');
    const newYearUtc = at('2027-01-01T02:59:59Z');
    expect(slot(latestSlot(lastSecond, newYearUtc, SP, 0))?.date).toBe('2026-12-31');
    expect(slot(nextSlot(lastSecond, newYearUtc, SP))).toEqual({
      date: '2027-01-01',
      at: '2027-01-02T02:59:59.000Z',
    });
    expect(slot(latestSlot(daily('00:00:00'), at('2027-01-01T03:00:00Z'), SP, 0))?.date).toBe('2027-01-01');
  });

  it('a monthly routine on the 31st runs on 31/12, then on 31/01', () => {
    const monthly: Schedule = { frequency: 'monthly', time: '08:10:00', monthDays: [31] };
    expect(slot(nextSlot(monthly, at('2026-12-31T11:10:01Z'), SP))?.date).toBe('2027-01-31');
  });

  it('the first run of the year covers from the day after the last one of the old year', () => {
    const always = () => true;
    const routine = { catchUp: true, catchUpDays: 7 };
    expect(runWindow(routine, '2027-01-01', '2026-12-31', always).window).toEqual({
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(runWindow(routine, '2027-01-02', '2026-12-29', always).window).toEqual({
      from: '2026-12-30',
      to: '2027-01-02',
    });
  });

  it('notices whose day is 01/01 are due on 01/01, counted from a due date in December', () => {
    const plan = planNotices({
      runDate: '2027-01-01',
      window: { from: '2027-01-01', to: '2027-01-01' },
      billingMethods: [
        {
          id: 'boleto',
          name: 'Boleto',
          active: true,
          sendRules: [
            { id: 'a', kind: 'after_due', days: 1, layoutId: 'l', attachInvoice: true, active: true },
            { id: 'b', kind: 'before_due', days: 5, layoutId: 'l', attachInvoice: true, active: true },
          ],
        },
      ],
      invoices: [{ ...invoiceRecord('dez', '2026-12-31') }, { ...invoiceRecord('jan', '2027-01-06') }],
      invoiceById: () => undefined,
      customerById: () => ({
        id: 'c1',
        name: 'Maria',
        email: 'maria@cliente.example',
        active: true,
        emailOptOut: false,
      }),
      ledgerState: () => undefined,
    });
    expect(plan.due.map((n) => [n.invoiceId, n.ruleId, n.referenceDate])).toEqual([
      ['dez', 'a', '2027-01-01'],
      ['jan', 'b', '2027-01-01'],
    ]);
  });
});

function invoiceRecord(id: string, dueDate: string) {
  return {
    id,
    customerId: 'c1',
    billingMethodId: 'boleto',
    number: id,
    issueDate: addDays(dueDate, -20),
    dueDate,
    amountCents: 100,
    status: 'open' as const,
    digitableLine: testLine(dueDate, 100),
  };
}

describe('a leap day (planning checks)', () => {
  const day29: Schedule = { frequency: 'monthly', time: '08:10:00', monthDays: [29] };

  it("a monthly routine on the 29th runs on 29/02 in a leap year, on the month's last day (28/02) otherwise", () => {
    expect(isScheduledOn(day29, '2028-02-29')).toBe(true);
    expect(isScheduledOn(day29, '2028-02-28')).toBe(false);
    expect(isScheduledOn(day29, '2027-02-28')).toBe(true);
    expect(slot(nextSlot(day29, at('2028-01-29T12:00:00Z'), SP))?.date).toBe('2028-02-29');
    expect(slot(nextSlot(day29, at('2027-01-29T12:00:00Z'), SP))?.date).toBe('2027-02-28');
  });

  it('its March run covers from 01/03, after the February run (29/02 or 28/02)', () => {
    const runsOn = (d: string) => isScheduledOn(day29, d);
    const routine = { catchUp: true, catchUpDays: 7 };
    expect(previousRunDay('2028-03-29', runsOn)).toBe('2028-02-29');
    expect(runWindow(routine, '2028-03-29', '2028-02-29', runsOn).window).toEqual({
      from: '2028-03-01',
      to: '2028-03-29',
    });
    expect(previousRunDay('2027-03-29', runsOn)).toBe('2027-02-28');
    expect(runWindow(routine, '2027-03-29', '2027-02-28', runsOn).window).toEqual({
      from: '2027-03-01',
      to: '2027-03-29',
    });
  });

  it('notices fall on 29/02 (a day after 28/02, a day before 01/03) and a daily run sends them that day', () => {
    const plan = planNotices({
      runDate: '2028-02-29',
      window: { from: '2028-02-29', to: '2028-02-29' },
      billingMethods: [
        {
          id: 'boleto',
          name: 'Boleto',
          active: true,
          sendRules: [
            { id: 'a', kind: 'after_due', days: 1, layoutId: 'l', attachInvoice: true, active: true },
            { id: 'b', kind: 'before_due', days: 1, layoutId: 'l', attachInvoice: true, active: true },
            { id: 'c', kind: 'on_due', days: 0, layoutId: 'l', attachInvoice: true, active: true },
          ],
        },
      ],
      invoices: [
        invoiceRecord('f28', '2028-02-28'),
        invoiceRecord('f29', '2028-02-29'),
        invoiceRecord('f01', '2028-03-01'),
      ],
      invoiceById: () => undefined,
      customerById: () => ({
        id: 'c1',
        name: 'Maria',
        email: 'maria@cliente.example',
        active: true,
        emailOptOut: false,
      }),
      ledgerState: () => undefined,
    });
    expect(plan.due.map((n) => [n.invoiceId, n.ruleId])).toEqual([
      ['f28', 'a'],
      ['f29', 'c'],
      ['f01', 'b'],
    ]);
  });
});

const smtp = useSmtpServer();
const open = testApis();

/** A routine at `time` (São Paulo) over one invoice whose "after due 13" notice falls on `day`. */
function oneNotice(day: string, time: string, extraRoutines: unknown[] = []) {
  return baseDocument(smtp.port, {
    invoices: [invoice('f1', { issueDate: addDays(day, -30), dueDate: addDays(day, -13) })],
    routines: [
      {
        id: 'diaria',
        description: 'Envio',
        task: 'send_email',
        schedule: { frequency: 'daily', time },
        runOnHolidays: true,
        smtpAccountId: 'principal',
      },
      ...extraRoutines,
    ],
  });
}

describe('the computer asleep across the slot (planning check: the engine clock jumps)', () => {
  it('on waking, the slot that passed during the sleep runs at once, for its date', async () => {
    const day = '2026-06-10';
    // 07:00 in São Paulo; yesterday's run done. Asleep from 07:00 to 09:30: the clock jumps, the
    // timers (monotonic) do not, so the 08:10 timer would fire hours late.
    const clock = movableClock(at('2026-06-10T10:00:00Z'));
    const newRoutine = {
      id: 'nova',
      description: 'Nova rotina, criada ontem',
      task: 'send_email',
      schedule: { frequency: 'daily', time: '08:30:00' },
      runOnHolidays: true,
      smtpAccountId: 'principal',
    };
    const api = await open({ document: oneNotice(day, '08:10:00', [newRoutine]), clock, clockWatchMs: 100 });
    await api.app.runner.runRoutine('diaria', {
      date: addDays(day, -1),
      trigger: 'schedule',
      honourCalendar: true,
    });
    await api.app.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(api.app.runLog.all().filter((r) => r.date === day)).toEqual([]); // 07:00: nothing yet

    clock.move(2.5 * 3600_000); // wakes at 09:30
    await expect
      .poll(() => api.app.runLog.all().filter((r) => r.date === day && r.status === 'completed').length, {
        timeout: 10_000,
      })
      .toBe(2);
    const runs = api.app.runLog.all().filter((r) => r.date === day && r.status === 'completed');
    expect(runs.map((r) => [r.routineId, r.trigger, r.scheduledFor]).sort()).toEqual([
      ['diaria', 'catch-up', '2026-06-10T11:10:00.000Z'],
      ['nova', 'catch-up', '2026-06-10T11:30:00.000Z'],
    ]);
    await smtp.waitForMessages(1);
    expect(api.app.ledger.state(api.app.ledger.history().find((r) => r.status === 'sent')!.key)).toBe('sent');
    // The timers were armed again from the new time: the next slot is tomorrow's.
    expect(
      api.app.scheduler
        .nextRuns()
        .find((r) => r.routineId === 'diaria')!
        .at.toISOString(),
    ).toBe('2026-06-11T11:10:00.000Z');
  });

  it('a clock set back an hour after the day’s run: nothing runs again, nothing is sent twice', async () => {
    const day = '2026-06-10';
    const clock = movableClock(at('2026-06-10T12:00:00Z')); // 09:00, after the 08:10 slot
    const api = await open({ document: oneNotice(day, '08:10:00'), clock, clockWatchMs: 100 });
    await api.app.runner.runRoutine('diaria', {
      date: addDays(day, -1),
      trigger: 'schedule',
      honourCalendar: true,
    });
    await api.app.start(); // resumes today's 08:10 slot
    await expect.poll(() => api.app.runLog.slotDone('diaria', day), { timeout: 10_000 }).toBe(true);
    await smtp.waitForMessages(1);
    const runsBefore = api.app.runLog.all().length;

    clock.move(-3600_000 - 30 * 60_000); // set back to 07:30: the 08:10 slot is ahead again
    await expect
      .poll(() => api.app.scheduler.nextRuns()[0]!.at.toISOString(), { timeout: 5_000 })
      .toBe('2026-06-10T11:10:00.000Z');
    await new Promise((r) => setTimeout(r, 500));
    expect(api.app.runLog.all()).toHaveLength(runsBefore); // the set-back ran nothing
    // And when 08:10 comes round again, the run finds the notice already sent.
    clock.move(45 * 60_000);
    const again = await api.app.runner.runRoutine('diaria', {
      date: day,
      trigger: 'schedule',
      honourCalendar: true,
    });
    expect(again.counts.sent).toBe(0);
    expect(again.skipped.map((s) => s.reason)).toEqual(['already_sent']);
    expect(await smtp.messages()).toHaveLength(1);
  });
});

describe('a timer that fires late (firing check: a real node-schedule timer a few seconds ahead)', () => {
  it('paused across the 31/12 slot and woken after midnight: the run is for 31/12, not lost', async () => {
    const fireAt = new Date(Date.now() + 4_000);
    const time = fireAt.toLocaleTimeString('en-GB', { timeZone: SP, hour12: false });
    // When the real timer fires, the engine clock reads 00:00:02 of 01/01 in São Paulo: the process
    // was paused across that day's slot and past midnight (the slot's time is the timer's).
    const clock = movableClock(new Date(at('2027-01-01T03:00:02Z').getTime() - 4_000));
    const api = await open({
      document: oneNotice('2026-12-31', time),
      clock,
    });
    await api.app.runner.runRoutine('diaria', {
      date: '2026-12-30',
      trigger: 'schedule',
      honourCalendar: true,
    });
    await api.app.start();
    await expect
      .poll(
        () => api.app.runLog.all().filter((r) => r.trigger === 'schedule' && r.date === '2026-12-31').length,
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0);
    await smtp.waitForMessages(1);
  });
});
