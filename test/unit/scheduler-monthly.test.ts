// The node-schedule job of a monthly routine on the 31st really fires on the last day of shorter
// months (a RecurrenceRule alone cannot say "last day"), and on no other day.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Routine } from '../../shared/domain';
import { createEventBus } from '../../main/services/events';
import { createScheduler } from '../../main/services/scheduler';
import type { Runner, RunOptions } from '../../main/services/runner';
import type { RunLog } from '../../main/services/run-log';
import type { ReadStore } from '../../main/services/store/store';

const routine = (monthDays: number[]): Routine =>
  ({
    id: 'mensal',
    description: 'Envio mensal',
    task: 'send_email',
    active: true,
    schedule: { frequency: 'monthly', time: '08:10:00', monthDays },
    runOnHolidays: true,
    catchUp: true,
    catchUpDays: 7,
    smtpAccountId: 'principal',
    billingMethodIds: [],
  }) as Routine;

/** The run dates the scheduler starts while the clock goes from `from` over `days` days. */
async function runDatesBetween(monthDays: number[], from: string, days: number): Promise<string[]> {
  vi.useFakeTimers({ now: new Date(from) });
  const dates: string[] = [];
  const settings = {
    company: { timezone: 'America/Sao_Paulo' },
    routines: [routine(monthDays)],
  } as unknown as ReturnType<ReadStore['settings']>;
  const runner = {
    runRoutine: async (_id: string, options: RunOptions) => {
      dates.push(options.date);
      return {} as never;
    },
    idle: async () => {},
    isRunning: () => false,
  } as unknown as Runner;
  const runLog = { sync: async () => {}, forRoutine: () => [] } as unknown as RunLog;
  const scheduler = createScheduler({
    store: { settings: () => settings } as unknown as ReadStore,
    runner,
    runLog,
    clock: { now: () => new Date() },
    // The fake timers move both clocks together: no jump for the clock watch to see.
    monotonic: () => Date.now(),
    events: createEventBus(),
  });
  await scheduler.start();
  for (let hour = 0; hour < days * 24; hour++) await vi.advanceTimersByTimeAsync(3_600_000);
  await scheduler.stop();
  return dates;
}

describe('scheduler, monthly routine', () => {
  afterEach(() => vi.useRealTimers());

  it('on the 31st fires on 30/04 and 31/05, not on 30/05', async () => {
    expect(await runDatesBetween([31], '2026-04-27T03:00:00Z', 35)).toEqual(['2026-04-30', '2026-05-31']);
  });

  it('on the 31st fires on 28/02 in 2027 and 29/02 in 2028', async () => {
    expect(await runDatesBetween([31], '2027-02-20T03:00:00Z', 10)).toEqual(['2027-02-28']);
    expect(await runDatesBetween([31], '2028-02-20T03:00:00Z', 10)).toEqual(['2028-02-29']);
  });

  it('on the 30th fires once in March (the 30th), not on the 31st', async () => {
    expect(await runDatesBetween([30], '2026-03-25T03:00:00Z', 10)).toEqual(['2026-03-30']);
  });
});
