// Runs each active routine at its time in the company's time zone with node-schedule, and on start
// catches up the slot missed while the program was not running (the window covers the days between).
// Between runs the preparer composes the next run's e-mails.
import schedule from 'node-schedule';
import { type Routine, companyTimezone } from '../../shared/domain';
import { latestSlot, nextSlot } from '../../shared/schedule';
import type { Clock } from './clock';
import type { RunLog } from './run-log';
import type { RunReport, Runner } from './runner';
import type { Preparer } from './preparer';
import type { Store } from './store/store';

export interface SchedulerEvents {
  onRunFinished?(report: RunReport): void;
  onRunError?(routineId: string, error: Error): void;
  /** What each background preparation of the next run found (see preparer.ts). */
  onPrepared?(message: string): void;
}

export interface Scheduler {
  start(): Promise<void>;
  /** Re-reads the routines (after a settings change) and re-arms the jobs. */
  reschedule(): void;
  nextRuns(): { routineId: string; at: Date }[];
  /** Held slots are recorded as skipped; after resuming, the next run's catch-up covers their days. */
  pause(): void;
  resume(): void;
  isPaused(): boolean;
  stop(): Promise<void>;
}

export function createScheduler(
  deps: { store: Store; runner: Runner; runLog: RunLog; clock: Clock; preparer?: Preparer },
  events: SchedulerEvents = {},
): Scheduler {
  const jobs = new Map<string, schedule.Job>();
  let stopped = false;
  let paused = false;
  const tz = () => companyTimezone(deps.store.settings());

  const run = async (routine: Routine, date: string, trigger: 'schedule' | 'catch-up', at: Date) => {
    if (stopped) return;
    try {
      const report = await deps.runner.runRoutine(routine.id, {
        date,
        trigger,
        honourCalendar: true,
        scheduledFor: at,
        holdReason: paused ? 'rotinas pausadas' : undefined,
      });
      events.onRunFinished?.(report);
    } catch (e) {
      events.onRunError?.(routine.id, e as Error);
    }
  };

  const arm = () => {
    for (const job of jobs.values()) job.cancel();
    jobs.clear();
    for (const routine of deps.store.settings().routines) {
      if (!routine.active) continue;
      const [hour, minute, second] = routine.schedule.time.split(':').map(Number);
      const rule = new schedule.RecurrenceRule();
      rule.tz = tz();
      rule.hour = hour!;
      rule.minute = minute!;
      rule.second = second!;
      if (routine.schedule.frequency === 'weekly')
        rule.dayOfWeek = routine.schedule.weekdays.map((d) => d % 7);
      if (routine.schedule.frequency === 'monthly') rule.date = routine.schedule.monthDays;
      const job = schedule.scheduleJob(rule, () => {
        // The slot's date is the date in the company's zone now: node-schedule fires at the slot.
        const slot = latestSlot(routine.schedule, deps.clock.now(), tz(), 1);
        if (slot) void run(routine, slot.date, 'schedule', slot.at);
      });
      if (job) jobs.set(routine.id, job);
    }
  };

  /** The latest slot before now with no run recorded for it: run it now. First-ever runs wait for their slot. */
  const catchUp = async () => {
    await deps.runLog.sync();
    for (const routine of deps.store.settings().routines) {
      if (!routine.active) continue;
      const runs = deps.runLog.forRoutine(routine.id);
      if (runs.length === 0) continue;
      const lastDate = runs.reduce((max, r) => (r.date > max ? r.date : max), '');
      const slot = latestSlot(routine.schedule, deps.clock.now(), tz(), routine.catchUpDays);
      if (slot && slot.date > lastDate) await run(routine, slot.date, 'catch-up', slot.at);
    }
  };

  return {
    async start() {
      arm();
      await catchUp();
      deps.preparer?.start(events.onPrepared);
    },
    reschedule() {
      arm();
      deps.preparer?.request();
    },
    pause: () => void (paused = true),
    resume: () => void (paused = false),
    isPaused: () => paused,
    nextRuns() {
      const now = deps.clock.now();
      return deps.store
        .settings()
        .routines.filter((r) => r.active)
        .map((r) => ({ routineId: r.id, at: nextSlot(r.schedule, now, tz())?.at }))
        .filter((x): x is { routineId: string; at: Date } => x.at !== undefined);
    },
    async stop() {
      stopped = true;
      for (const job of jobs.values()) job.cancel();
      jobs.clear();
      await deps.preparer?.stop();
      await deps.runner.idle();
    },
  };
}
