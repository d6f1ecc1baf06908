// The run report a routine starts from and the first run-log record of a run, shared by the
// sending (runner.ts) and the "Importar arquivos" task (import-run.ts).
import { randomUUID } from 'node:crypto';
import type { Routine } from '../../shared/domain';
import type { RunRecord, RunReport, RunTrigger } from '../../shared/records';
import type { Clock } from './clock';

interface RunContext {
  date: string;
  trigger: RunTrigger;
  dryRun?: boolean;
  scheduledFor?: Date;
}

export function emptyReport(routine: Routine, options: RunContext): RunReport {
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

export function runRecord(report: RunReport, options: RunContext, clock: Clock): RunRecord {
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
