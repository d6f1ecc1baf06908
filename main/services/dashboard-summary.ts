// Início: what happens next, what happened last, and how sending went and will go (30 days each way).
import { companyTimezone } from '../../shared/domain';
import { addDays, eachDay } from '../../shared/calendar';
import type { DashboardSummary, NextRunPreparation } from '../../shared/contract/overview';
import type { RunRecord } from '../../shared/records';
import { dateInZone } from '../../shared/schedule';
import type { Engine as App } from '../engine';
import { forecastCounts } from './forecast';

export const DASHBOARD_DAYS = 30;

const timezoneOf = (app: App) => companyTimezone(app.store.settings());

export function nextRun(app: App): DashboardSummary['nextRun'] {
  const routines = app.store.settings().routines;
  const tz = timezoneOf(app);
  const earliest = app.scheduler
    .nextRuns()
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

export function lastRun(app: App): RunRecord | null {
  let latest: RunRecord | null = null;
  for (const run of app.runLog.all()) if (!latest || run.startedAt > latest.startedAt) latest = run;
  return latest;
}

export function sentPerDay(app: App, today: string): DashboardSummary['sentPerDay'] {
  const tz = timezoneOf(app);
  const from = addDays(today, -(DASHBOARD_DAYS - 1));
  const days = new Map([...eachDay(from, today)].map((date) => [date, { date, sent: 0, failed: 0 }]));
  // ISO instants sort as strings; a day of margin covers any zone offset before converting.
  const earliest = `${addDays(from, -1)}T00:00:00`;
  for (const record of app.ledger.history()) {
    if ((record.status !== 'sent' && record.status !== 'failed') || record.at < earliest) continue;
    if (record.mode === 'test') continue;
    const day = days.get(dateInZone(new Date(record.at), tz));
    if (day) day[record.status]++;
  }
  return [...days.values()];
}

export function forecastPerDay(app: App, today: string): DashboardSummary['forecast'] {
  return forecastCounts(app, today, addDays(today, DASHBOARD_DAYS - 1));
}

/** Real notices whose latest state needs staff's attention, and what the test mode captured. */
export function attentionCounts(
  app: App,
  today: string,
): Pick<DashboardSummary, 'pending' | 'failed' | 'uncertain' | 'outsideWindow' | 'testModeCaptured'> {
  const since = `${addDays(today, -DASHBOARD_DAYS)}T00:00:00`;
  const counts = { pending: 0, failed: 0, uncertain: 0, outsideWindow: 0, testModeCaptured: 0 };
  for (const record of app.ledger.history())
    if (record.mode === 'test' && record.status === 'sent' && record.at >= since) counts.testModeCaptured++;
  const latest = new Map<string, { status: string; reasonCode?: string; test: boolean }>();
  for (const record of app.ledger.history())
    latest.set(record.key, {
      status: record.status,
      reasonCode: record.reasonCode,
      test: record.mode === 'test',
    });
  for (const { status, reasonCode, test } of latest.values()) {
    if (test) continue;
    if (status === 'pending' || status === 'failed' || status === 'uncertain') counts[status]++;
    if (status === 'skipped' && reasonCode === 'outside_catch_up_window') counts.outsideWindow++;
  }
  return counts;
}

export async function dashboardSummary(app: App): Promise<DashboardSummary> {
  await app.refresh();
  const today = app.today();
  return {
    today,
    timezone: timezoneOf(app),
    warnings: [...app.warnings],
    nextRun: nextRun(app),
    lastRun: lastRun(app),
    sentPerDay: sentPerDay(app, today),
    forecast: forecastPerDay(app, today),
    ...attentionCounts(app, today),
  };
}
