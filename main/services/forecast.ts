// The forecast (`regua plan`, the dashboard): simulates every active send-email routine day by day
// over a date range, with its schedule, holidays and catch-up windows, against today's data.
//
// A year over 100,000 invoices is ~800,000 notices (400 MB of JSON), so nothing here holds more than
// a few hundred of them: days come one at a time, and a routine's notices of a day are planned in
// chunks of invoices as the caller asks for them (the ones that would go out first, then the ones
// that would not, planned again for just the invoices that had one). Notices kept for a whole day
// would outlive the young generation and pile up in the old one until a full collection.
// The runs' windows are worked out first, so the invoices are indexed by reference day once for
// the whole range and each day costs what it yields.
import { eachDay } from '../../shared/calendar';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { isSendRoutine, type Invoice, type SendEmailRoutine, type Settings } from '../../shared/domain';
import {
  planNotices,
  type Notice,
  type NoticeWindow,
  type Plan,
  type PlanInput,
  type SkippedNotice,
} from '../../shared/notices';
import { isReminderLayout } from '../../shared/payment-means';
import { runWindow } from '../../shared/schedule';
import type { LayoutRegistry } from './layout-registry';
import type { Ledger } from './ledger';
import { stalePayments } from './payments-guard';
import { indexByReferenceDay } from './reference-index';
import { calendarSkipReason, type HolidayCalendar } from './routine-calendar';
import type { RunLog } from './run-log';
import type { ReadStore } from './store/store';
import type { ForecastDay } from '../../shared/records';
export type { ForecastDay };

export interface ForecastDeps {
  store: ReadStore;
  ledger: Ledger;
  runLog: RunLog;
  holidays: HolidayCalendar;
  layouts: Pick<LayoutRegistry, 'get'>;
}

/** One routine on one simulated day; its notices are planned when asked for, a chunk at a time. */
export interface RoutineForecast {
  routineId: string;
  description: string;
  /** Why the routine does not run that day, or null when it does. */
  notRunning: string | null;
  /** The notices that would go out, in chunks. */
  due(): Iterable<Notice[]>;
  /** The notices that would not, each with its reason, in chunks. */
  skipped(): Iterable<SkippedNotice[]>;
  /** How many would go out. */
  dueCount(): number;
}

export interface ForecastStreamDay {
  date: string;
  routines: RoutineForecast[];
}

export interface ForecastOptions {
  /**
   * Per routine, the first day it can still run: earlier days are shown as not running with
   * `beforeFirstRun` as the reason (Início: today's slot has already passed).
   */
  firstRunDay?: ReadonlyMap<string, string>;
  beforeFirstRun?: string;
}

/** Invoices planned at a time: a few hundred notices, gone before the next young collection. */
export const FORECAST_CHUNK = 512;

/** What one routine's run on a day would do, planned lazily over the invoices its window reaches. */
function routineForecast(
  head: Pick<RoutineForecast, 'routineId' | 'description'>,
  input: Omit<PlanInput, 'invoices'>,
  candidates: readonly Invoice[],
  chunkSize: number,
): RoutineForecast {
  // Retried notices are judged against every key of the window (planNotices skips their
  // duplicates), so a day with retries (the first) is planned whole, once.
  let whole: Plan | null = null;
  const planWhole = () => (whole ??= planNotices({ ...input, invoices: candidates }));
  /** Invoices with at least one skipped notice, and the due count, once a full pass has seen them. */
  let withSkips: Invoice[] | null = null;
  let count: number | null = null;

  function* pass(): Generator<Plan> {
    const skippedOf: Invoice[] = [];
    let due = 0;
    for (let i = 0; i < candidates.length; i += chunkSize) {
      const chunk = candidates.slice(i, i + chunkSize);
      const plan = planNotices({ ...input, invoices: chunk, pending: [] });
      due += plan.due.length;
      let last = '';
      for (const s of plan.skipped)
        if (s.invoiceId !== last) {
          last = s.invoiceId;
          skippedOf.push(input.invoiceById(s.invoiceId)!);
        }
      yield plan;
    }
    withSkips = skippedOf;
    count = due;
  }
  const hasRetries = (input.pending?.length ?? 0) > 0;
  return {
    ...head,
    notRunning: null,
    *due() {
      if (hasRetries) return yield* nonEmpty(planWhole().due);
      for (const plan of pass()) if (plan.due.length) yield plan.due;
    },
    *skipped() {
      if (hasRetries) return yield* nonEmpty(planWhole().skipped);
      if (withSkips === null) for (const _ of pass());
      const invoices = withSkips!;
      for (let i = 0; i < invoices.length; i += chunkSize)
        yield planNotices({ ...input, invoices: invoices.slice(i, i + chunkSize), pending: [] }).skipped;
    },
    dueCount() {
      if (hasRetries) return planWhole().due.length;
      if (count === null) for (const _ of pass());
      return count!;
    },
  };
}

const nonEmpty = <T>(list: T[]) => (list.length ? [list] : []);

const notRunningForecast = (
  head: Pick<RoutineForecast, 'routineId' | 'description'>,
  reason: string,
): RoutineForecast => ({ ...head, notRunning: reason, due: () => [], skipped: () => [], dueCount: () => 0 });

type SimulatedRun = { routine: SendEmailRoutine } & (
  { notRunning: string; window?: undefined } | { notRunning: null; window: NoticeWindow }
);

/** Which routines run on each day and what each run covers (the runs before it in the range count as done). */
function simulateRuns(
  deps: ForecastDeps,
  settings: Settings,
  from: string,
  to: string,
  options: ForecastOptions,
) {
  const routines = settings.routines.filter(isSendRoutine).filter((r) => r.active);
  const previous = new Map(
    routines.map((r) => [r.id, deps.runLog.lastCompletedBefore(r.id, from)?.date ?? null]),
  );
  const days: { date: string; runs: SimulatedRun[] }[] = [];
  for (const date of eachDay(from, to)) {
    const runs: SimulatedRun[] = [];
    for (const routine of routines) {
      const first = options.firstRunDay?.get(routine.id);
      const notRunning =
        first && date < first
          ? (options.beforeFirstRun ?? 'não executa neste dia')
          : calendarSkipReason(routine, date, settings, deps.holidays);
      if (notRunning) {
        runs.push({ routine, notRunning });
        continue;
      }
      const runsOn = (d: string) => calendarSkipReason(routine, d, settings, deps.holidays) === null;
      const { window } = runWindow(routine, date, previous.get(routine.id) ?? null, runsOn);
      previous.set(routine.id, date);
      runs.push({ routine, window, notRunning: null });
    }
    days.push({ date, runs });
  }
  return days;
}

/**
 * The forecast a day at a time, each routine's notices planned only when asked for. The freshness
 * guard is taken as it stands on `from` (today) for every day: a forecast assumes payments keep
 * coming as they do now, neither that a retorno arrives nor that none ever will.
 */
export function* forecastStream(
  deps: ForecastDeps,
  from: string,
  to: string,
  chunk = FORECAST_CHUNK,
  options: ForecastOptions = {},
): Generator<ForecastStreamDay> {
  const settings: Settings = deps.store.settings();
  const heldMethods = new Set(stalePayments(settings, deps.holidays, from).map((s) => s.billingMethodId));
  const days = simulateRuns(deps, settings, from, to, options);
  // Notices left pending by earlier runs go out with the first run each routine makes.
  const pendingServed = new Set<string>();
  let earliest = from;
  for (const { runs } of days)
    for (const run of runs) if (run.window && run.window.from < earliest) earliest = run.window.from;
  const index = indexByReferenceDay(deps.store.invoices(), settings.billingMethods, earliest, to);
  for (const { date, runs } of days) {
    const routines = runs.map((run) => {
      const { routine } = run;
      const head = { routineId: routine.id, description: routine.description };
      if (run.notRunning !== null) return notRunningForecast(head, run.notRunning);
      const ids = new Set(routine.billingMethodIds);
      const mode = routine.smtpAccountId === TEST_MODE_ACCOUNT_ID ? ('test' as const) : ('live' as const);
      const input: Omit<PlanInput, 'invoices'> = {
        mode,
        runDate: date,
        window: run.window,
        billingMethods: settings.billingMethods.filter((m) => ids.size === 0 || ids.has(m.id)),
        invoiceById: deps.store.invoice,
        customerById: deps.store.customer,
        ledgerState: deps.ledger.state,
        reminderLayout: (id) => isReminderLayout(deps.layouts.get(id)),
        pending: pendingServed.has(routine.id) ? [] : deps.ledger.pending(mode),
        heldMethods,
      };
      pendingServed.add(routine.id);
      return routineForecast(head, input, index.invoicesBetween(run.window.from, run.window.to), chunk);
    });
    yield { date, routines };
  }
}

/** The forecast with every notice in memory, a day at a time (tests, small ranges). */
export function* forecastDays(
  deps: ForecastDeps,
  from: string,
  to: string,
  chunk = FORECAST_CHUNK,
): Generator<ForecastDay> {
  for (const day of forecastStream(deps, from, to, chunk))
    yield {
      date: day.date,
      routines: day.routines.map((r) => ({
        routineId: r.routineId,
        description: r.description,
        notRunning: r.notRunning,
        due: [...r.due()].flat(),
        skipped: [...r.skipped()].flat(),
      })),
    };
}

/** Notices due per day (the dashboard's chart): counted, never kept. */
export function forecastCounts(
  deps: ForecastDeps,
  from: string,
  to: string,
  options: ForecastOptions = {},
): { date: string; count: number }[] {
  const counts: { date: string; count: number }[] = [];
  for (const day of forecastStream(deps, from, to, FORECAST_CHUNK, options))
    counts.push({ date: day.date, count: day.routines.reduce((sum, r) => sum + r.dueCount(), 0) });
  return counts;
}
