// One run of an "Importar arquivos" routine, inside the send lane like every run: the files ready in
// its folder are imported one by one and moved, and the run log records what became of each file. A
// poll that finds nothing (trigger `watch`) leaves no record; a scheduled run always does.
import type { ImportFilesRoutine } from '../../shared/domain';
import type { ImportedFile, RunReport, RunTrigger } from '../../shared/records';
import type { Clock } from './clock';
import type { EventBus } from './events';
import { FolderMissingError, type FolderFile, type FolderImporter } from './import/folder';
import type { RunLog } from './run-log';
import { runRecord } from './run-records';

export interface ImportRunDeps {
  folders: FolderImporter;
  runLog: RunLog;
  clock: Clock;
  events?: EventBus;
}

export interface ImportRunOptions {
  date: string;
  trigger: RunTrigger;
  dryRun?: boolean;
  scheduledFor?: Date;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 arquivos importados; 1 recusado (movido para com-erro)". */
export function describeFiles(files: readonly ImportedFile[]): string {
  if (files.length === 0) return 'nenhum arquivo novo na pasta';
  const imported = files.filter((f) => f.status === 'imported' || f.status === 'unchanged').length;
  const refused = files.filter((f) => f.status === 'refused').length;
  const errors = files.filter((f) => f.status === 'error').length;
  return [
    imported ? plural(imported, 'arquivo importado', 'arquivos importados') : null,
    refused ? `${plural(refused, 'arquivo recusado', 'arquivos recusados')} (movido para com-erro)` : null,
    errors
      ? `${plural(errors, 'arquivo não pôde ser lido', 'arquivos não puderam ser lidos')} (fica na pasta)`
      : null,
  ]
    .filter(Boolean)
    .join('; ');
}

export async function runImport(
  deps: ImportRunDeps,
  routine: ImportFilesRoutine,
  options: ImportRunOptions,
  report: RunReport,
): Promise<RunReport> {
  const { runLog, clock } = deps;
  let files: FolderFile[];
  try {
    files = await deps.folders.ready(routine);
  } catch (e) {
    if (!(e instanceof FolderMissingError)) throw e;
    report.status = 'aborted';
    report.reason = e.message;
    // A poll keeps quiet about a share that is offline; the routine's own slot says it.
    if (options.trigger === 'watch' || options.dryRun) return report;
    await runLog.record({
      ...runRecord(report, options, clock),
      status: 'aborted',
      finishedAt: clock.now().toISOString(),
      reason: e.message,
    });
    deps.events?.emit('run.finished', { routineId: routine.id, report });
    return report;
  }
  if (files.length === 0 && options.trigger === 'watch') return report;
  if (options.dryRun) {
    report.files = await deps.folders.run(routine, files, { dryRun: true });
    report.reason = describeFiles(report.files);
    return report;
  }
  const started = runRecord(report, options, clock);
  report.runId = started.id;
  await runLog.record(started);
  deps.events?.emit('run.started', {
    routineId: routine.id,
    runId: started.id,
    total: files.length,
    trigger: options.trigger,
  });
  report.files = await deps.folders.run(routine, files);
  report.reason = describeFiles(report.files);
  await runLog.record({
    ...started,
    status: 'completed',
    finishedAt: clock.now().toISOString(),
    files: report.files,
    reason: report.reason,
  });
  deps.events?.emit('run.finished', { routineId: routine.id, report });
  return report;
}
