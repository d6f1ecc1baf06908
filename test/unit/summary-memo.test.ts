// Início's costly parts (today's notices per routine, the 30-day forecast) are planned once per
// version of what they are made of, not on every dashboard call; anything new (a ledger record, a
// store change, the day) brings them up to date, except the records of a run still going on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DashboardSummary } from '../../shared/contract/overview';
import type { DeliveryRecord } from '../../shared/records';
import type { Notice } from '../../shared/notices';
import { testApis } from '../support/api';

// 2026-11-29 09:00 in São Paulo: today's 08:10 slot has passed.
const NOW = new Date('2026-11-29T12:00:00Z');
const TODAY = '2026-11-29';
const harness = testApis({
  prefix: 'regua-summary-memo-',
  clock: { now: () => NOW },
  retry: { attempts: 1, delayMs: 0 },
});

const sent = (n: Notice): DeliveryRecord => ({
  key: n.key,
  status: 'sent',
  at: NOW.toISOString(),
  invoiceId: n.invoiceId,
  customerId: n.customerId,
  dueDate: n.dueDate,
  origin: 'rule',
  ruleId: n.ruleId,
  kind: n.kind,
  days: n.days,
  referenceDate: n.referenceDate,
  mode: 'test',
});

afterEach(() => vi.restoreAllMocks());

describe('dashboard.summary over time', () => {
  it('plans once for many calls, and again after a ledger record, a store change or a new day', async () => {
    let now = NOW;
    const h = await harness({ clock: { now: () => now } });
    await h.ok('setup.loadSample');
    const planner = vi.spyOn(h.app.runner, 'dueOn');
    const summary = () => h.ok<DashboardSummary>('dashboard.summary');
    const first = await summary();
    expect(first.todayRoutines[0]!.due).toBe(6);
    for (let i = 0; i < 5; i++) expect(await summary()).toEqual(first);
    expect(planner).toHaveBeenCalledTimes(1);

    const [a, b] = h.app.runner.dueOn('envio-diario', TODAY, false).due;
    planner.mockClear();
    await h.app.lane.shared(() => h.app.ledger.record([sent(a!)]));
    expect((await summary()).todayRoutines[0]!.due).toBe(5);
    expect(planner).toHaveBeenCalledTimes(1);

    await h.app.update((tx) => tx.upsertInvoices([{ ...tx.invoice(b!.invoiceId)!, status: 'paid' }]));
    expect((await summary()).todayRoutines[0]!.due).toBeLessThan(5);
    expect(planner).toHaveBeenCalledTimes(2);

    now = new Date('2026-11-30T12:00:00Z');
    const tomorrow = await summary();
    expect(tomorrow.today).toBe('2026-11-30');
    expect(planner).toHaveBeenCalledTimes(3);
    expect(tomorrow.forecast[0]!.date).toBe('2026-11-30');
  });

  it("leaves a run's own records out until it ends, and keeps the ledger counts exact meanwhile", async () => {
    const h = await harness();
    await h.ok('setup.loadSample');
    const summary = () => h.ok<DashboardSummary>('dashboard.summary');
    const before = await summary();
    const due = h.app.runner.dueOn('envio-diario', TODAY, false).due;
    const busy = vi.spyOn(h.app.runner, 'busy').mockReturnValue(true);
    expect(await summary()).toEqual(before); // the run has started: planned once more
    const planner = vi.spyOn(h.app.runner, 'dueOn');
    await h.app.lane.shared(() => h.app.ledger.record(due.slice(0, 3).map(sent)));
    const during = await summary();
    expect(planner).not.toHaveBeenCalled();
    expect(during.todayRoutines[0]!.due).toBe(before.todayRoutines[0]!.due);
    expect(during.forecast).toEqual(before.forecast);
    expect(during.testModeCaptured).toBe(before.testModeCaptured + 3);
    busy.mockReturnValue(false);
    expect((await summary()).todayRoutines[0]!.due).toBe(before.todayRoutines[0]!.due - 3);
  });
});
