// One routine run on date D: decide whether it runs (schedule, holidays), which reference dates it
// covers (catch-up), plan, journal, deliver. Runs are serialized across processes by a lock file in
// the data directory, so the same notice can never be in flight twice.
import { randomUUID } from 'node:crypto';
import type { Routine, SendEmailRoutine } from '../../shared/domain';
import { planNotices, type Notice, type SkippedNotice } from '../../shared/notices';
import { ROUTINE_SKIPS, SKIP_REASONS } from '../../shared/reasons';
import { runWindow } from '../../shared/schedule';
import { formatDateBR } from '../../shared/calendar';
import type { Clock } from './clock';
import { deliverNotices, type DeliveryDeps, type DeliveryOutcome } from './delivery';
import { calendarSkipReason, type HolidayCalendar } from './routine-calendar';
import type { DeliveryRecord, Ledger } from './ledger';
import type { Mailer } from './mailer';
import type { RunLog, RunRecord, RunTrigger } from './run-log';
import type { RunLock } from './run-lock';
import type { EventBus } from './events';
import type { Store } from './store/store';

export interface RunOptions {
  date: string;
  trigger: RunTrigger;
  /** Schedule and holiday rules apply (scheduled runs, `regua run`); "Executar agora" ignores them. */
  honourCalendar: boolean;
  dryRun?: boolean;
  scheduledFor?: Date;
  /** Records the run as skipped for this reason without sending (e.g. routines paused by staff). */
  holdReason?: string;
  onProgress?: (o: DeliveryOutcome, done: number, total: number) => void;
}

export interface RunnerDeps extends DeliveryDeps {
  store: Store;
  events?: EventBus;
  runLog: RunLog;
  holidays: HolidayCalendar;
  mailerFor(accountId: string): Mailer;
  lock: RunLock;
}

import { RunError } from './run-error';
import type { RunReport } from '../../shared/records';
export type { RunReport };
export { RunError };

export function createRunner(deps: RunnerDeps) {
  const inFlight = new Map<string, Promise<RunReport>>();

  async function runRoutine(routineId: string, options: RunOptions): Promise<RunReport> {
    if (inFlight.has(routineId)) throw new RunError(`a rotina ${routineId} já está em execução`);
    const run = (async () => {
      if (options.dryRun) return execute(routineId, options);
      const release = await deps.lock.acquire();
      try {
        return await execute(routineId, options);
      } finally {
        await release();
      }
    })();
    inFlight.set(routineId, run);
    try {
      return await run;
    } finally {
      inFlight.delete(routineId);
    }
  }

  /** Picks up what other processes wrote; the routine, and why the calendar skips the date if it does. */
  async function loadRoutine(
    routineId: string,
    options: Pick<RunOptions, 'date' | 'honourCalendar' | 'holdReason'>,
  ) {
    const { store, ledger, runLog } = deps;
    await store.reloadIfChanged();
    await Promise.all([ledger.sync(), runLog.sync()]);
    const routine = store.settings().routines.find((r) => r.id === routineId);
    if (!routine) throw new RunError(`rotina não encontrada: ${routineId}`);
    const skipBecause =
      options.holdReason ??
      (options.honourCalendar
        ? calendarSkipReason(routine, options.date, store.settings(), deps.holidays)
        : null);
    return { routine, skipBecause };
  }

  async function execute(routineId: string, options: RunOptions): Promise<RunReport> {
    const { ledger, runLog, clock } = deps;
    const { routine, skipBecause } = await loadRoutine(routineId, options);
    if (!options.dryRun) {
      // We hold the lock: whatever is still "in progress" belongs to a run that died.
      await ledger.settleInterrupted(clock.now());
      await runLog.settleInterrupted(clock.now());
    }
    const report = emptyReport(routine, options);
    if (skipBecause) {
      report.status = 'skipped';
      report.reason = skipBecause;
      if (!options.dryRun) {
        deps.events?.emit('run.finished', { routineId, report });
        await runLog.record({ ...runRecord(report, options, clock), status: 'skipped', reason: skipBecause });
      }
      return report;
    }
    switch (routine.task) {
      case 'send_email':
        return sendEmail(routine, options, report);
    }
  }

  /** The notices a send_email run on `date` would cover, with the window and its catch-up note. */
  function planSend(routine: SendEmailRoutine, date: string) {
    const { store, ledger, runLog } = deps;
    const settings = store.settings();
    const account = settings.smtpAccounts.find((a) => a.id === routine.smtpAccountId);
    if (!account)
      throw new RunError(`conta de e-mail não encontrada: ${routine.smtpAccountId} (rotina ${routine.id})`);
    const methodIds = new Set(routine.billingMethodIds);
    const methods = settings.billingMethods.filter((m) => methodIds.size === 0 || methodIds.has(m.id));
    const previous = runLog.lastCompletedBefore(routine.id, date);
    const { window, truncatedFrom } = runWindow(routine, date, previous?.date ?? null);
    const plan = planNotices({
      runDate: date,
      window,
      billingMethods: methods,
      invoices: store.invoices(),
      invoiceById: store.invoice,
      customerById: store.customer,
      ledgerState: ledger.state,
      pending: ledger.pending(),
    });
    return { account, window, truncatedFrom, plan };
  }

  async function sendEmail(
    routine: SendEmailRoutine,
    options: RunOptions,
    report: RunReport,
  ): Promise<RunReport> {
    const { ledger, runLog, clock } = deps;
    const { account, window, truncatedFrom, plan } = planSend(routine, options.date);
    report.window = window;
    if (truncatedFrom)
      report.reason = `recuperação limitada a ${routine.catchUpDays} dia(s): datas de ${formatDateBR(truncatedFrom)} a ${formatDateBR(window.from)} (exclusive) não foram recuperadas`;
    report.due = plan.due;
    report.skipped = plan.skipped;
    report.counts.skipped = plan.skipped.length;
    if (options.dryRun) return report;

    const runId = `${options.date}.${routine.id}.${randomUUID().slice(0, 8)}`;
    report.runId = runId;
    const started = runRecord(report, options, clock);
    await runLog.record(started);
    await ledger.record(skipRecords(plan.skipped, runId, routine.id, clock.now(), ledger));

    let done = 0;
    const total = plan.due.length;
    const counts = { ...report.counts };
    deps.events?.emit('run.started', { routineId: routine.id, runId, total, trigger: options.trigger });
    const { outcomes, abortedBecause } = await deliverNotices(
      plan.due,
      { runId, routineId: routine.id, runDate: options.date, account, mailer: deps.mailerFor(account.id) },
      deps,
      (o) => {
        done++;
        counts[o.status]++;
        options.onProgress?.(o, done, total);
        deps.events?.emit('run.progress', { routineId: routine.id, done, total, counts: { ...counts } });
      },
    );
    report.outcomes = outcomes;
    for (const o of outcomes) report.counts[o.status]++;
    if (abortedBecause) {
      report.status = 'aborted';
      report.reason = abortedBecause;
    }
    await runLog.record({
      ...started,
      status: report.status === 'aborted' ? 'aborted' : 'completed',
      finishedAt: clock.now().toISOString(),
      counts: report.counts,
      skippedByReason: countBy(plan.skipped.map((s) => s.reason)),
      reason: report.reason ?? undefined,
    });
    deps.events?.emit('run.finished', { routineId: routine.id, report });
    deps.events?.emit('store.changed', { area: 'deliveries' });
    return report;
  }

  /**
   * The notices a run of the routine on `date` would send, as the scheduler would run it (calendar
   * included), without taking the run lock or counting as a run: for composing them ahead.
   */
  async function dueOn(
    routineId: string,
    date: string,
  ): Promise<{ skipBecause: string | null; due: Notice[] }> {
    const { routine, skipBecause } = await loadRoutine(routineId, { date, honourCalendar: true });
    if (skipBecause) return { skipBecause, due: [] };
    switch (routine.task) {
      case 'send_email':
        return { skipBecause: null, due: planSend(routine, date).plan.due };
    }
  }

  return {
    runRoutine,
    dueOn,
    isRunning: (routineId: string) => inFlight.has(routineId),
    busy: () => inFlight.size > 0,
    idle: () => Promise.allSettled([...inFlight.values()]),
  };
}

export type Runner = ReturnType<typeof createRunner>;

function emptyReport(routine: Routine, options: RunOptions): RunReport {
  return {
    runId: null,
    routineId: routine.id,
    routineDescription: routine.description,
    date: options.date,
    trigger: options.trigger,
    dryRun: !!options.dryRun,
    status: 'completed',
    reason: null,
    window: null,
    due: [],
    outcomes: [],
    skipped: [],
    counts: { sent: 0, failed: 0, pending: 0, skipped: 0 },
  };
}

function runRecord(report: RunReport, options: RunOptions, clock: Clock): RunRecord {
  return {
    id: report.runId ?? `${report.date}.${report.routineId}.${randomUUID().slice(0, 8)}`,
    routineId: report.routineId,
    date: report.date,
    trigger: options.trigger,
    status: 'running',
    scheduledFor: options.scheduledFor?.toISOString(),
    startedAt: clock.now().toISOString(),
    window: report.window,
  };
}

/** Skips worth keeping in the history: the ones staff can act on, each recorded once. */
function skipRecords(
  skipped: readonly SkippedNotice[],
  runId: string,
  routineId: string,
  now: Date,
  ledger: Ledger,
): DeliveryRecord[] {
  return (
    skipped
      // A retried notice must leave `pending` whatever the reason, or every run would retry it again.
      .filter((s) => s.retry || !ROUTINE_SKIPS.has(s.reason))
      .filter((s) => {
        const last = ledger.latest(s.key);
        return !(last?.status === 'skipped' && last.reasonCode === s.reason);
      })
      .map((s) => ({
        key: s.key,
        status: 'skipped' as const,
        at: now.toISOString(),
        invoiceId: s.invoiceId,
        customerId: s.customerId,
        ruleId: s.ruleId,
        kind: s.kind,
        days: s.days,
        dueDate: s.dueDate,
        referenceDate: s.referenceDate,
        runId,
        routineId,
        reasonCode: s.reason,
        reason: SKIP_REASONS[s.reason],
      }))
  );
}

const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
