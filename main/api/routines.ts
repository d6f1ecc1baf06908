// Rotinas: the schedules that run the sending. Saving re-arms the scheduler; simulating is a dry run
// of the real runner (same plan, nothing sent or recorded); "Executar agora" is a manual run for today.
import { type Routine, type Settings, companyTimezone } from '../../shared/domain';
import type { RunRecord } from '../../shared/records';
import type { RoutineView, InvoiceSummary, routinesContract } from '../../shared/contract/routines';
import { stat } from 'node:fs/promises';
import { resolvePreset } from '../services/import/saved-presets';
import { calendarSkipReason } from '../services/routine-calendar';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import type { ApiContext } from './context';
import { conflict, invalid, notFound } from './errors';
import type { DomainHandlers } from './types';

export function routinesHandlers(ctx: ApiContext): DomainHandlers<typeof routinesContract> {
  const { store, runLog, runner } = ctx.engine;
  const scheduler = () => ctx.engine.scheduler;

  const findRoutine = (id: string): Routine => {
    const routine = store.settings().routines.find((r) => r.id === id);
    if (!routine) throw notFound('Rotina');
    return routine;
  };

  /** The newest record of each routine: a run's later records (completed, aborted) replace its first. */
  const latestRuns = (): Map<string, RunRecord> => {
    const latest = new Map<string, RunRecord>();
    for (const run of runLog.all()) {
      const seen = latest.get(run.routineId);
      if (!seen || run.startedAt >= seen.startedAt) latest.set(run.routineId, run);
    }
    return latest;
  };

  const views = (): RoutineView[] => {
    const next = new Map(
      scheduler()
        .nextRuns()
        .map((n) => [n.routineId, n.at.toISOString()]),
    );
    const last = latestRuns();
    const accounts = new Map(store.settings().smtpAccounts.map((a) => [a.id, a]));
    return store.settings().routines.map((routine) => {
      const account = routine.task === 'send_email' ? accounts.get(routine.smtpAccountId) : undefined;
      return {
        ...routine,
        nextRunAt: next.get(routine.id) ?? null,
        lastRun: last.get(routine.id) ?? null,
        running: runner.isRunning(routine.id),
        account: account
          ? {
              label: `${account.name || account.fromName} <${account.fromAddress}>`,
              testMode: account.id === TEST_MODE_ACCOUNT_ID,
            }
          : null,
      };
    });
  };

  /** An account or billing method the routine names must exist: the run would fail otherwise. */
  const checkReferences = (routine: Routine, settings: Settings) => {
    const errors: Record<string, string> = {};
    if (routine.task === 'import_files') {
      const target = settings.routines.find((r) => r.id === routine.beforeRoutineId);
      if (routine.beforeRoutineId && target?.task !== 'send_email')
        errors.beforeRoutineId = 'escolha uma rotina Enviar Email cadastrada';
      if (routine.presetId && !resolvePreset(settings, routine.presetId))
        errors.presetId = 'modelo de importação não encontrado: escolha outro';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      return;
    }
    if (!settings.smtpAccounts.some((a) => a.id === routine.smtpAccountId))
      errors.smtpAccountId = 'escolha uma conta de e-mail cadastrada';
    const known = new Set(settings.billingMethods.map((m) => m.id));
    const unknown = routine.billingMethodIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      errors.billingMethodIds = `${unknown.length === 1 ? 'uma forma de cobrança escolhida não existe mais' : 'formas de cobrança escolhidas não existem mais'}: escolha de novo`;
    if (Object.keys(errors).length > 0) throw invalid(errors);
  };

  const invoicesOf = (invoiceIds: Iterable<string>): Record<string, InvoiceSummary> => {
    const out: Record<string, InvoiceSummary> = {};
    for (const id of invoiceIds) {
      if (out[id]) continue;
      const invoice = store.invoice(id);
      if (!invoice) continue;
      out[id] = {
        number: invoice.number,
        customerName: store.customer(invoice.customerId)?.name ?? invoice.customerId,
        amountCents: invoice.amountCents,
        dueDate: invoice.dueDate,
      };
    }
    return out;
  };

  return {
    async 'routines.list'() {
      await runLog.sync();
      return views();
    },

    async 'routines.options'() {
      const settings = store.settings();
      return {
        today: ctx.engine.today(),
        timezone: companyTimezone(settings),
        smtpAccounts: settings.smtpAccounts.map((a) => ({
          id: a.id,
          label: `${a.name || a.fromName} <${a.fromAddress}>`,
        })),
        billingMethods: settings.billingMethods.map((m) => ({ id: m.id, name: m.name, active: m.active })),
      };
    },

    async 'routines.save'(routine) {
      if (routine.task === 'import_files') {
        const problem = await folderProblem(routine.folder);
        if (problem) throw invalid({ folder: problem });
      }
      await ctx.engine.update((tx) => {
        const settings = tx.settings();
        checkReferences(routine, settings);
        const current = settings.routines;
        const exists = current.some((r) => r.id === routine.id);
        tx.setSettings({
          ...settings,
          routines: exists ? current.map((r) => (r.id === routine.id ? routine : r)) : [...current, routine],
        });
      });
      await runLog.sync();
      return views().find((v) => v.id === routine.id)!;
    },

    async 'routines.remove'({ id }) {
      const routine = findRoutine(id);
      if (runner.isRunning(id))
        throw conflict(`a rotina "${routine.description}" está em execução: aguarde o fim para removê-la`);
      await ctx.engine.update((tx) =>
        tx.setSettings({ ...tx.settings(), routines: tx.settings().routines.filter((r) => r.id !== id) }),
      );
    },

    async 'routines.simulate'({ routineId, date }) {
      const routine = findRoutine(routineId);
      const report = await runner.runRoutine(routineId, {
        date,
        trigger: 'manual',
        honourCalendar: false,
        dryRun: true,
      });
      return {
        ...report,
        calendarNote: calendarSkipReason(routine, date, store.settings(), ctx.engine.holidays),
        invoices: invoicesOf([...report.due, ...report.skipped].map((n) => n.invoiceId)),
      };
    },

    async 'routines.runNow'({ routineId, date }) {
      const routine = findRoutine(routineId);
      if (runner.isRunning(routineId))
        throw conflict(`a rotina "${routine.description}" já está em execução`);
      const report = await runner.runRoutine(routineId, {
        date: date ?? ctx.engine.today(),
        trigger: 'manual',
        honourCalendar: false,
      });
      const unsent = report.outcomes.filter((o) => o.status !== 'sent').map((o) => o.notice.invoiceId);
      return { ...report, invoices: invoicesOf(unsent) };
    },

    async 'runs.list'({ routineId, limit }) {
      await runLog.sync();
      return runLog
        .all()
        .filter((r) => !routineId || r.routineId === routineId)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
        .slice(0, limit);
    },
  };
}

/** Why a watched folder cannot be used, or null. */
async function folderProblem(folder: string): Promise<string | null> {
  try {
    return (await stat(folder)).isDirectory() ? null : 'não é uma pasta: informe o caminho de uma pasta';
  } catch {
    return 'pasta não encontrada: crie a pasta ou confira o caminho (e se a unidade de rede está conectada)';
  }
}
