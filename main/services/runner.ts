// One routine run on date D: decide whether it runs (schedule, holidays), which reference dates it
// covers (catch-up), plan, journal, deliver. A real run goes through the send lane: one at a time
// in this process, the send lock held across processes for all of it, so the same notice is never
// in flight twice. A dry run (Simular, `--dry-run`, the preparer) takes no lock and never waits.
import { randomUUID } from 'node:crypto';
import { isImportRoutine, type Routine, type SendEmailRoutine } from '../../shared/domain';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { planNotices, type Notice, type SkippedNotice } from '../../shared/notices';
import { isReminderLayout } from '../../shared/payment-means';
import { runWindow } from '../../shared/schedule';
import { formatDateBR } from '../../shared/calendar';
import { deliverNotices, ruleOrigin, type DeliveryDeps, type DeliveryOutcome } from './delivery';
import { calendarSkipReason, type HolidayCalendar } from './routine-calendar';
import type { LayoutRegistry } from './layout-registry';
import type { FolderImporter } from './import/folder';
import { runImport } from './import-run';
import { stalePayments } from './payments-guard';
import { heldNote, skipRecords } from './skip-records';
import { emptyReport, runRecord } from './run-records';
import type { Mailer } from './mailer';
import type { RunLog, RunTrigger } from './run-log';
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
  layouts: Pick<LayoutRegistry, 'get'>;
  events?: EventBus;
  runLog: RunLog;
  holidays: HolidayCalendar;
  mailerFor(accountId: string): Mailer;
  lane: SendLane;
  /** Picks up what other processes wrote, before planning. */
  refresh(): Promise<void>;
  /** The watched folders of "Importar arquivos" routines. */
  folders: FolderImporter;
  /** Today in the company's time zone. */
  today(): string;
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
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (active.get(routineId) ?? 1) - 1;
      if (left > 0) active.set(routineId, left);
      else active.delete(routineId);
    };
    try {
      return await deps.lane.exclusive(async (signal) => {
        await deps.refresh();
        try {
          return await execute(routineId, options, signal);
        } finally {
          // As soon as the run is over, not once the lane's lock is given back (file work that can
          // take a while on a busy machine): a screen that reloads on "run.finished" must not be told
          // the routine is still running, or its Executar agora stays disabled.
          release();
        }
      });
    } finally {
      release();
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
        if (!options.dryRun) await importsBefore(routine, options, signal);
        return sendEmail(routine, options, report, signal);
      case 'import_files':
        return runImport(deps, routine, options, report);
    }
  }

  /** The "Importar arquivos" routines set to run right before this sending: the morning's files land first. */
  async function importsBefore(routine: SendEmailRoutine, options: RunOptions, signal: AbortSignal | null) {
    const linked = deps.store
      .settings()
      .routines.filter(isImportRoutine)
      .filter((r) => r.active && r.beforeRoutineId === routine.id);
    for (const imports of linked) {
      if (signal?.aborted) return;
      try {
        await runImport(deps, imports, options, emptyReport(imports, options));
      } catch {
        // Its own run record says what went wrong; the sending goes on with the data as it is.
      }
    }
    if (linked.length) await deps.refresh();
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
    // The freshness guard, as of when the notices would go out (never earlier than today).
    const today = deps.today();
    const stale = stalePayments(settings, deps.holidays, date > today ? date : today).filter((s) =>
      methods.some((m) => m.id === s.billingMethodId),
    );
    const common = {
      runDate: date,
      billingMethods: methods,
      invoices: store.invoices(),
      invoiceById: store.invoice,
      customerById: store.customer,
      ledgerState: ledger.state,
      reminderLayout: (id: string) => isReminderLayout(deps.layouts.get(id)),
      mode,
    };
    const heldMethods = new Set(stale.map((s) => s.billingMethodId));
    const plan = planNotices({ ...common, window, pending: ledger.pending(mode), heldMethods });
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
      stale,
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
    const { account, mode, window, uncovered, stale, plan } = planSend(routine, options.date);
    report.window = window;
    report.account = {
      id: account.id,
      label: `${account.name || account.fromName} <${account.fromAddress}>`,
      testMode: mode === 'test',
    };
    if (uncovered)
      report.reason = `dias de ${formatDateBR(uncovered.from)} a ${formatDateBR(uncovered.to)} ficaram fora da janela de recuperação (${routine.catchUp ? `${routine.catchUpDays} dia(s)` : 'recuperação desligada'}): os avisos desses dias não foram enviados e estão no histórico`;
    const held = heldNote(plan.skipped, stale);
    if (held) report.reason = report.reason ? `${report.reason}; ${held}` : held;
    report.due = plan.due;
    report.skipped = plan.skipped;
    report.counts.skipped = plan.skipped.length;
    if (options.dryRun) return report;

    const runId = `${options.date}.${routine.id}.${randomUUID().slice(0, 8)}`;
    report.runId = runId;
    const started = runRecord(report, options, clock);
    await runLog.record(started);
    await ledger.record(
      skipRecords(
        plan.skipped,
        { runId, routineId: routine.id, accountId: account.id },
        clock.now(),
        ledger,
        stale,
      ),
    );

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
      case 'import_files':
        return { skipBecause: null, due: [] };
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

const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
