// The forecast (`regua plan`, the dashboard): simulates every active send-email routine day by day
// over a date range, with its schedule, holidays and catch-up windows, against today's data.
import { eachDay } from '../../shared/calendar';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { isSendRoutine, type Settings } from '../../shared/domain';
import { planNotices } from '../../shared/notices';
import { isReminderLayout } from '../../shared/payment-means';
import type { LayoutRegistry } from './layout-registry';
import { runWindow } from '../../shared/schedule';
import type { Ledger } from './ledger';
import { stalePayments } from './payments-guard';
import { calendarSkipReason, type HolidayCalendar } from './routine-calendar';
import type { RunLog } from './run-log';
import type { ReadStore } from './store/store';
import type { ForecastDay } from '../../shared/records';
export type { ForecastDay };

export interface ForecastOptions {
  /**
   * Per routine, the first day it can still run: earlier days are shown as not running with
   * `beforeFirstRun` as the reason (Início: today's slot has already passed).
   */
  firstRunDay?: ReadonlyMap<string, string>;
  beforeFirstRun?: string;
}

/**
 * The freshness guard is taken as it stands on `from` (today) for every day: a forecast assumes
 * payments keep coming as they do now, neither that a retorno arrives nor that none ever will.
 */
export function forecast(
  deps: {
    store: ReadStore;
    ledger: Ledger;
    runLog: RunLog;
    holidays: HolidayCalendar;
    layouts: Pick<LayoutRegistry, 'get'>;
  },
  from: string,
  to: string,
  options: ForecastOptions = {},
): ForecastDay[] {
  const settings: Settings = deps.store.settings();
  const heldMethods = new Set(stalePayments(settings, deps.holidays, from).map((s) => s.billingMethodId));
  const routines = settings.routines.filter(isSendRoutine).filter((r) => r.active);
  const previous = new Map(
    routines.map((r) => [r.id, deps.runLog.lastCompletedBefore(r.id, from)?.date ?? null]),
  );
  // Notices left pending by earlier runs go out with the first run the routine makes.
  const pendingServed = new Set<string>();
  const days: ForecastDay[] = [];
  for (const date of eachDay(from, to)) {
    const day: ForecastDay = { date, routines: [] };
    for (const routine of routines) {
      const first = options.firstRunDay?.get(routine.id);
      const notRunning =
        first && date < first
          ? (options.beforeFirstRun ?? 'não executa neste dia')
          : calendarSkipReason(routine, date, settings, deps.holidays);
      if (notRunning) {
        day.routines.push({
          routineId: routine.id,
          description: routine.description,
          notRunning,
          due: [],
          skipped: [],
        });
        continue;
      }
      const ids = new Set(routine.billingMethodIds);
      const runsOn = (d: string) => calendarSkipReason(routine, d, settings, deps.holidays) === null;
      const { window } = runWindow(routine, date, previous.get(routine.id) ?? null, runsOn);
      previous.set(routine.id, date);
      const mode = routine.smtpAccountId === TEST_MODE_ACCOUNT_ID ? ('test' as const) : ('live' as const);
      const plan = planNotices({
        mode,
        runDate: date,
        window,
        billingMethods: settings.billingMethods.filter((m) => ids.size === 0 || ids.has(m.id)),
        invoices: deps.store.invoices(),
        invoiceById: deps.store.invoice,
        customerById: deps.store.customer,
        ledgerState: deps.ledger.state,
        reminderLayout: (id) => isReminderLayout(deps.layouts.get(id)),
        pending: pendingServed.has(routine.id) ? [] : deps.ledger.pending(mode),
        heldMethods,
      });
      pendingServed.add(routine.id);
      day.routines.push({
        routineId: routine.id,
        description: routine.description,
        notRunning: null,
        ...plan,
      });
    }
    days.push(day);
  }
  return days;
}
