// Runs each active routine at its time in the company's time zone with node-schedule. It follows the
// store by itself: any change of routines, holidays or the company's time zone (made here or by
// another process) re-arms the jobs. On start it resumes the latest slot of each routine that is not
// done — missed while the program was off, or interrupted by a crash — so nothing waits for tomorrow.
//
// Time can move under a running program: the computer sleeps (its timers stop with it, so a slot
// passed during the sleep would fire hours after waking), or someone sets the clock. A watch
// compares the wall clock with the monotonic one every few seconds; when they part, the jobs are
// armed again from the new time and the latest slot not done runs at once.
import { performance } from 'node:perf_hooks';
import schedule from 'node-schedule';
import { type Routine, companyTimezone } from '../../shared/domain';
import { latestSlot, monthlyWakeDays, nextSlot } from '../../shared/schedule';
import type { Clock } from './clock';
import type { EventBus } from './events';
import type { RunLog } from './run-log';
import type { RunReport, Runner } from './runner';
import type { Preparer } from './preparer';
import type { ReadStore } from './store/store';

export interface SchedulerEvents {
  onRunFinished?(report: RunReport): void;
  onRunError?(routineId: string, error: Error): void;
  /** What each background preparation of the next run found (see preparer.ts). */
  onPrepared?(message: string): void;
}

export interface Scheduler {
  start(): Promise<void>;
  nextRuns(): { routineId: string; at: Date }[];
  /** Held slots are recorded as skipped; after resuming, the next run's catch-up covers their days. */
  pause(): void;
  resume(): void;
  isPaused(): boolean;
  stop(): Promise<void>;
}

export interface SchedulerDeps {
  store: ReadStore;
  runner: Runner;
  runLog: RunLog;
  clock: Clock;
  events: EventBus;
  preparer?: Preparer;
  /** How often the wall clock is compared with the monotonic one (tests shorten it). */
  clockWatchMs?: number;
  /** The monotonic clock, in ms; it does not move when the wall clock is set or while asleep. */
  monotonic?: () => number;
}

const CLOCK_WATCH_MS = 30_000;
/** A gap between the two clocks beyond this is a sleep or a clock set by someone, not drift. */
const CLOCK_JUMP_MS = 5_000;

export function createScheduler(deps: SchedulerDeps, events: SchedulerEvents = {}): Scheduler {
  const jobs = new Map<string, schedule.Job>();
  let started = false;
  let stopped = false;
  let paused = false;
  let unsubscribe: (() => void) | null = null;
  let armedFor = '';
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

  /** What the jobs depend on: when the routines or the zone change, the jobs are armed again. */
  const signature = () =>
    JSON.stringify([tz(), deps.store.settings().routines.map((r) => [r.id, r.active, r.schedule])]);

  const arm = () => {
    armedFor = signature();
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
      if (routine.schedule.frequency === 'monthly') rule.date = monthlyWakeDays(routine.schedule.monthDays);
      const id = routine.id;
      const job = schedule.scheduleJob(rule, () => {
        // The routine as it is now, and its latest slot in the zone as it is now. A timer that fires
        // late (the process was paused across the slot, past midnight even) still runs that slot.
        const current = deps.store.settings().routines.find((r) => r.id === id);
        if (!current?.active) return;
        const slot = latestSlot(current.schedule, deps.clock.now(), tz(), Math.max(current.catchUpDays, 1));
        if (slot) void run(current, slot.date, 'schedule', slot.at);
      });
      if (job) jobs.set(routine.id, job);
    }
  };

  /** The latest slot of each routine that ran before, if it is not done yet: run it now. */
  const catchUp = async () => {
    await deps.runLog.sync();
    for (const routine of deps.store.settings().routines) {
      if (!routine.active || deps.runner.isRunning(routine.id)) continue;
      if (deps.runLog.forRoutine(routine.id).length === 0) continue; // a new routine waits for its first slot
      const slot = latestSlot(routine.schedule, deps.clock.now(), tz(), Math.max(routine.catchUpDays, 1));
      if (slot && !deps.runLog.slotDone(routine.id, slot.date))
        await run(routine, slot.date, 'catch-up', slot.at);
    }
  };

  /** Slots that passed while the wall clock jumped over them (asleep, or set forward): run now. */
  const runMissed = async (since: number) => {
    await deps.runLog.sync();
    for (const routine of deps.store.settings().routines) {
      if (!routine.active || deps.runner.isRunning(routine.id)) continue;
      const slot = latestSlot(routine.schedule, deps.clock.now(), tz(), Math.max(routine.catchUpDays, 1));
      if (slot && slot.at.getTime() > since && !deps.runLog.slotDone(routine.id, slot.date))
        await run(routine, slot.date, 'catch-up', slot.at);
    }
  };

  // The two clocks as last seen together; they move apart only when the wall clock jumps.
  const monotonic = deps.monotonic ?? (() => performance.now());
  let watch: NodeJS.Timeout | null = null;
  let seen = { wall: 0, mono: 0 };
  const look = () => (seen = { wall: deps.clock.now().getTime(), mono: monotonic() });
  const watchClock = () => {
    const before = seen;
    look();
    const jump = seen.wall - before.wall - (seen.mono - before.mono);
    if (Math.abs(jump) < CLOCK_JUMP_MS || stopped) return;
    // Timers armed for the old time are wrong either way: arm them from the new time. Set back,
    // nothing more (a slot already done stays done); forward or awake, what was jumped over runs.
    arm();
    if (jump > 0) runMissed(before.wall).catch((e: Error) => events.onRunError?.('*', e));
  };

  return {
    async start() {
      if (started) return;
      started = true;
      arm();
      look();
      watch = setInterval(watchClock, deps.clockWatchMs ?? CLOCK_WATCH_MS);
      watch.unref();
      unsubscribe = deps.events.subscribe((event) => {
        if (event.name === 'store.changed' && event.payload.area === 'settings' && signature() !== armedFor)
          arm();
      });
      await catchUp();
      deps.preparer?.start(events.onPrepared);
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
      if (watch) clearInterval(watch);
      unsubscribe?.();
      for (const job of jobs.values()) job.cancel();
      jobs.clear();
      await deps.preparer?.stop();
      await deps.runner.idle();
    },
  };
}
