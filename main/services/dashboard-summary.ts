// Início: what happens next, what happened last, and how sending went and will go (30 days each way).
import { companyTimezone, isImportRoutine, isSendRoutine } from '../../shared/domain';
import { hasPaymentMeans } from '../../shared/payment-means';
import { addDays, eachDay } from '../../shared/calendar';
import type { DashboardSummary, NextRunPreparation } from '../../shared/contract/overview';
import type { RunRecord } from '../../shared/records';
import { dateInZone } from '../../shared/schedule';
import type { Engine as App } from '../engine';
import { forecastCounts } from './forecast';
import { firstRunDays, todayRoutines } from './today-status';
import { memoized, summaryInputs } from './summary-memo';
import { stalePayments } from './payments-guard';
import { latestBucket, QUARTER_HOUR_MS, quarterOf } from './ledger-tally';

export const DASHBOARD_DAYS = 30;

const timezoneOf = (app: App) => companyTimezone(app.store.settings());

export function nextRun(app: App): DashboardSummary['nextRun'] {
  const routines = app.store.settings().routines;
  const sending = new Set(routines.filter(isSendRoutine).map((r) => r.id));
  const tz = timezoneOf(app);
  const earliest = app.scheduler
    .nextRuns()
    .filter((n) => sending.has(n.routineId))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .at(0);
  if (!earliest) return null;
  const routine = routines.find((r) => r.id === earliest.routineId);
  const date = dateInZone(earliest.at, tz);
  return {
    routineId: earliest.routineId,
    description: routine?.description ?? earliest.routineId,
    at: earliest.at.toISOString(),
    date,
    time: earliest.at.toLocaleTimeString('pt-BR', { timeZone: tz, hour: '2-digit', minute: '2-digit' }),
    prepared: preparation(app, earliest.routineId, date),
  };
}

function preparation(app: App, routineId: string, date: string): NextRunPreparation | null {
  const latest = app.preparer.latest(routineId);
  if (!latest || latest.date !== date) return null;
  return {
    at: latest.at,
    ready: latest.composed + latest.ready,
    problems: latest.problems.map(({ notice, message }) => {
      const invoice = app.store.invoice(notice.invoiceId);
      return {
        invoiceId: notice.invoiceId,
        invoiceNumber: invoice?.number ?? notice.invoiceId,
        customerName: app.store.customer(notice.customerId)?.name ?? notice.customerId,
        message,
      };
    }),
  };
}

/** The latest run of an "Enviar Email" routine, or of an "Importar arquivos" one. */
export function lastRun(app: App, which: 'send' | 'import' = 'send'): RunRecord | null {
  const imports = new Set(
    app.store
      .settings()
      .routines.filter(isImportRoutine)
      .map((r) => r.id),
  );
  const isImport = (run: RunRecord) => imports.has(run.routineId) || run.files !== undefined;
  let latest: RunRecord | null = null;
  for (const run of app.runLog.all())
    if (isImport(run) === (which === 'import') && (!latest || run.startedAt > latest.startedAt)) latest = run;
  return latest;
}

export function sentPerDay(app: App, today: string): DashboardSummary['sentPerDay'] {
  const tz = timezoneOf(app);
  const from = addDays(today, -(DASHBOARD_DAYS - 1));
  const days = new Map([...eachDay(from, today)].map((date) => [date, { date, sent: 0, failed: 0 }]));
  // A day of margin covers any zone offset; each quarter hour falls on one day in any zone.
  const earliest = quarterOf(`${addDays(from, -1)}T00:00:00Z`)!;
  for (const [quarter, counts] of app.ledger.tally().real) {
    if (quarter < earliest) continue;
    const day = days.get(dateInZone(new Date(quarter * QUARTER_HOUR_MS), tz));
    if (!day) continue;
    day.sent += counts.sent;
    day.failed += counts.failed;
  }
  return [...days.values()];
}

export function forecastPerDay(
  app: App,
  today: string,
  routines: DashboardSummary['todayRoutines'] = todayRoutines(app),
): DashboardSummary['forecast'] {
  const options = {
    firstRunDay: firstRunDays(routines, addDays(today, 1)),
    beforeFirstRun: 'o horário de hoje já passou',
  };
  const inputs = [...summaryInputs(app, today), JSON.stringify([...options.firstRunDay])];
  return memoized(app, 'forecast', inputs, () =>
    forecastCounts(app, today, addDays(today, DASHBOARD_DAYS - 1), options),
  );
}

/** Real notices whose latest state needs staff's attention, and what the test mode captured. */
export function attentionCounts(
  app: App,
  today: string,
): Pick<
  DashboardSummary,
  | 'pending'
  | 'failed'
  | 'uncertain'
  | 'bounced'
  | 'outsideWindow'
  | 'noPaymentMeans'
  | 'testModeCaptured'
  | 'held'
> {
  const tally = app.ledger.tally();
  const since = quarterOf(`${addDays(today, -DASHBOARD_DAYS)}T00:00:00Z`)!;
  let testModeCaptured = 0;
  for (const [quarter, n] of tally.testSent) if (quarter >= since) testModeCaptured += n;
  const latest = (status: string, reasonCode?: string) =>
    tally.latest.get(latestBucket(status, reasonCode)) ?? 0;
  /** Real notices whose latest state is `status`, whatever the reason. */
  const anyReason = (status: string) => {
    let n = 0;
    for (const [bucket, count] of tally.latest) if (bucket.startsWith(`${status}|`)) n += count;
    return n;
  };
  // Held back for having no way to pay, and still so: fixing the invoice takes it off the count.
  let noPaymentMeans = 0;
  for (const invoiceId of tally.unpayable.values()) {
    const invoice = app.store.invoice(invoiceId);
    if (invoice && invoice.status === 'open' && !hasPaymentMeans(invoice, true)) noPaymentMeans++;
  }
  const held = latest('pending', 'payments_stale');
  const counts = {
    pending: anyReason('pending') - held,
    failed: anyReason('failed'),
    uncertain: anyReason('uncertain'),
    bounced: anyReason('bounced'),
    outsideWindow: latest('skipped', 'outside_catch_up_window'),
    noPaymentMeans,
    testModeCaptured,
    held,
  };
  return counts;
}

/** How many active routines, active rules and open invoices there are: why a forecast may be empty. */
export function coverage(app: App): DashboardSummary['coverage'] {
  const settings = app.store.settings();
  let openInvoices = 0;
  for (const invoice of app.store.invoices()) if (invoice.status === 'open') openInvoices++;
  return {
    activeRoutines: settings.routines.filter((r) => r.active && r.task === 'send_email').length,
    activeRules: settings.billingMethods
      .filter((m) => m.active)
      .reduce((n, m) => n + m.sendRules.filter((r) => r.active).length, 0),
    openInvoices,
  };
}

export async function dashboardSummary(app: App): Promise<DashboardSummary> {
  await app.refresh();
  const today = app.today();
  const routines = todayRoutines(app);
  return {
    today,
    timezone: timezoneOf(app),
    warnings: [...app.warnings],
    nextRun: nextRun(app),
    lastRun: lastRun(app),
    lastImport: lastImportRun(app),
    stalePayments: paymentsWarnings(app, today),
    sentPerDay: sentPerDay(app, today),
    forecast: forecastPerDay(app, today, routines),
    todayRoutines: routines,
    paused: app.scheduler.isPaused(),
    coverage: coverage(app),
    ...attentionCounts(app, today),
  };
}

function lastImportRun(app: App): DashboardSummary['lastImport'] {
  const run = lastRun(app, 'import');
  if (!run) return null;
  const routine = app.store.settings().routines.find((r) => r.id === run.routineId);
  return { ...run, description: routine?.description ?? run.routineId };
}

/** Stale today, or at the next sending run (warned the evening before, while there is time). */
function paymentsWarnings(app: App, today: string): DashboardSummary['stalePayments'] {
  const settings = app.store.settings();
  const out = new Map<string, DashboardSummary['stalePayments'][number]>();
  const add = (date: string, fromDate: string | null) => {
    for (const s of stalePayments(settings, app.holidays, date))
      if (!out.has(s.billingMethodId))
        out.set(s.billingMethodId, {
          billingMethodId: s.billingMethodId,
          billingMethodName: s.billingMethodName,
          message: s.message,
          lastImportDate: s.lastImportDate,
          fromDate,
        });
  };
  add(today, null);
  const next = nextRun(app);
  if (next && next.date > today) add(next.date, next.date);
  return [...out.values()];
}
