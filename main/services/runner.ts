// One routine run on date D: decide whether it runs (schedule, holidays), which reference dates it
// covers (catch-up), plan, journal, deliver. A real run goes through the send lane: one at a time
// in this process, the send lock held across processes for all of it, so the same notice is never
// in flight twice. A dry run (Simular, `--dry-run`, the preparer) takes no lock and never waits.
import { randomUUID } from 'node:crypto';
import type { Routine, SendEmailRoutine } from '../../shared/domain';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { planNotices, type Notice, type SkippedNotice } from '../../shared/notices';
import { ROUTINE_SKIPS, SKIP_REASONS } from '../../shared/reasons';
import { runWindow } from '../../shared/schedule';
import { formatDateBR } from '../../shared/calendar';
import type { Clock } from './clock';
import { deliverNotices, ruleOrigin, type DeliveryDeps, type DeliveryOutcome } from './delivery';
import { calendarSkipReason, type HolidayCalendar } from './routine-calendar';
import type { DeliveryRecord, Ledger } from './ledger';
import type { Mailer } from './mailer';
import type { RunLog, RunRecord, RunTrigger } from './run-log';
import type { SendLane } from './send-lane';
import type { EventBus } from './events';
import type { ReadStore } from './store/store';
import { RunError } from './run-error';
import type { RunReport } from '../../shared/records';
export type { RunReport };
export { RunError };

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
  store: ReadStore;
  events?: EventBus;
  runLog: RunLog;
  holidays: HolidayCalendar;
  mailerFor(accountId: string): Mailer;
  lane: SendLane;
  /** Picks up what other processes wrote, before planning. */
  refresh(): Promise<void>;
}

export function createRunner(deps: RunnerDeps) {
  /** Real runs queued or running, per routine. */
  const active = new Map<string, number>();

  async function runRoutine(routineId: string, options: RunOptions): Promise<RunReport> {
    if (options.dryRun) {
      await deps.refresh();
      return execute(routineId, options, null);
    }
    active.set(routineId, (active.get(routineId) ?? 0) + 1);
    try {
      return await deps.lane.exclusive(async (signal) => {
        await deps.refresh();
        return execute(routineId, options, signal);
      });
    } finally {
      const left = (active.get(routineId) ?? 1) - 1;
      if (left > 0) active.set(routineId, left);
      else active.delete(routineId);
    }
  }

  /** The routine, and why the calendar skips the date if it does. */
  function loadRoutine(
    routineId: string,
    options: Pick<RunOptions, 'date' | 'honourCalendar' | 'holdReason'>,
  ) {
    const routine = deps.store.settings().routines.find((r) => r.id === routineId);
    if (!routine) throw new RunError('a rotina não existe mais (foi removida)');
    const skipBecause =
      options.holdReason ??
      (options.honourCalendar
        ? calendarSkipReason(routine, options.date, deps.store.settings(), deps.holidays)
        : null);
    return { routine, skipBecause };
  }

  async function execute(
    routineId: string,
    options: RunOptions,
    signal: AbortSignal | null,
  ): Promise<RunReport> {
    const { routine, skipBecause } = loadRoutine(routineId, options);
    const report = emptyReport(routine, options);
    if (skipBecause) {
      report.status = 'skipped';
      report.reason = skipBecause;
      if (!options.dryRun) {
        await deps.runLog.record({
          ...runRecord(report, options, deps.clock),
          status: 'skipped',
          reason: skipBecause,
        });
        deps.events?.emit('run.finished', { routineId, report });
      }
      return report;
    }
    switch (routine.task) {
      case 'send_email':
        return sendEmail(routine, options, report, signal);
    }
  }

  /** Whether the routine runs on a date: its schedule, and holidays unless it runs on them. */
  const runsOn = (routine: Routine) => (date: string) =>
    calendarSkipReason(routine, date, deps.store.settings(), deps.holidays) === null;

  /** The notices a send_email run on `date` would cover, and the ones it can no longer reach. */
  function planSend(routine: SendEmailRoutine, date: string) {
    const { store, ledger, runLog } = deps;
    const settings = store.settings();
    const account = settings.smtpAccounts.find((a) => a.id === routine.smtpAccountId);
    if (!account)
      throw new RunError(
        `a rotina "${routine.description}" usa uma conta de e-mail que não existe mais: escolha outra conta na rotina`,
      );
    const mode = account.id === TEST_MODE_ACCOUNT_ID ? ('test' as const) : ('live' as const);
    const methodIds = new Set(routine.billingMethodIds);
    const methods = settings.billingMethods.filter((m) => methodIds.size === 0 || methodIds.has(m.id));
    const previous = runLog.lastCompletedBefore(routine.id, date);
    const { window, uncovered } = runWindow(routine, date, previous?.date ?? null, runsOn(routine));
    const common = {
      runDate: date,
      billingMethods: methods,
      invoices: store.invoices(),
      invoiceById: store.invoice,
      customerById: store.customer,
      ledgerState: ledger.state,
      mode,
    };
    const plan = planNotices({ ...common, window, pending: ledger.pending(mode) });
    // Notices of days nothing ran for, beyond the catch-up limit: not sent, but never silently lost.
    const outside: SkippedNotice[] = uncovered
      ? planNotices({ ...common, window: uncovered }).due.map(
          ({ recipients: _r, layoutId: _l, attachInvoice: _a, ...n }) => ({
            ...n,
            reason: 'outside_catch_up_window' as const,
          }),
        )
      : [];
    return {
      account,
      mode,
      window,
      uncovered,
      plan: { due: plan.due, skipped: [...plan.skipped, ...outside] },
    };
  }

  async function sendEmail(
    routine: SendEmailRoutine,
    options: RunOptions,
    report: RunReport,
    signal: AbortSignal | null,
  ): Promise<RunReport> {
    const { ledger, runLog, clock } = deps;
    const { account, mode, window, uncovered, plan } = planSend(routine, options.date);
    report.window = window;
    report.account = {
      id: account.id,
      label: `${account.name || account.fromName} <${account.fromAddress}>`,
      testMode: mode === 'test',
    };
    if (uncovered)
      report.reason = `dias de ${formatDateBR(uncovered.from)} a ${formatDateBR(uncovered.to)} ficaram fora da janela de recuperação (${routine.catchUp ? `${routine.catchUpDays} dia(s)` : 'recuperação desligada'}): os avisos desses dias não foram enviados e estão no histórico`;
    report.due = plan.due;
    report.skipped = plan.skipped;
    report.counts.skipped = plan.skipped.length;
    if (options.dryRun) return report;

    const runId = `${options.date}.${routine.id}.${randomUUID().slice(0, 8)}`;
    report.runId = runId;
    const started = runRecord(report, options, clock);
    await runLog.record(started);
    await ledger.record(skipRecords(plan.skipped, runId, routine.id, account.id, clock.now(), ledger));

    let done = 0;
    const total = plan.due.length;
    const counts = { ...report.counts };
    deps.events?.emit('run.started', { routineId: routine.id, runId, total, trigger: options.trigger });
    const { outcomes, abortedBecause, fatal } = await deliverNotices(
      plan.due,
      {
        runId,
        routineId: routine.id,
        runDate: options.date,
        account,
        mailer: deps.mailerFor(account.id),
        describe: ruleOrigin,
        signal: signal ?? undefined,
      },
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
    if (fatal) {
      // The ledger or the lock is gone: record the end if the disk still lets us, then say why.
      if (!signal?.aborted)
        await runLog
          .record({
            ...started,
            status: 'aborted',
            finishedAt: clock.now().toISOString(),
            counts: report.counts,
            reason: fatal.message,
          })
          .catch(() => {});
      deps.events?.emit('run.finished', {
        routineId: routine.id,
        report: { ...report, status: 'aborted', reason: fatal.message },
      });
      throw fatal;
    }
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
   * included) or as "Executar agora" would (honourCalendar false), without taking the send lock or
   * counting as a run: for composing them ahead, and for Início's account of today.
   */
  function dueOn(
    routineId: string,
    date: string,
    honourCalendar = true,
  ): { skipBecause: string | null; due: Notice[] } {
    const { routine, skipBecause } = loadRoutine(routineId, { date, honourCalendar });
    if (skipBecause) return { skipBecause, due: [] };
    switch (routine.task) {
      case 'send_email':
        return { skipBecause: null, due: planSend(routine, date).plan.due };
    }
  }

  return {
    runRoutine,
    dueOn,
    runsOn,
    isRunning: (routineId: string) => active.has(routineId),
    busy: () => active.size > 0,
    idle: async () => {
      while (active.size > 0) await new Promise((r) => setTimeout(r, 50));
    },
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
    account: null,
    due: [],
    outcomes: [],
    skipped: [],
    counts: { sent: 0, failed: 0, pending: 0, skipped: 0, uncertain: 0 },
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
  accountId: string,
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
      .map((s): DeliveryRecord => ({
        key: s.key,
        status: 'skipped',
        at: now.toISOString(),
        invoiceId: s.invoiceId,
        customerId: s.customerId,
        origin: 'rule',
        ruleId: s.ruleId,
        kind: s.kind,
        days: s.days,
        dueDate: s.dueDate,
        referenceDate: s.referenceDate,
        ...(s.mode === 'test' ? { mode: 'test' as const } : {}),
        accountId,
        runId,
        routineId,
        reasonCode: s.reason,
        reason: SKIP_REASONS[s.reason],
      }))
  );
}

const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
