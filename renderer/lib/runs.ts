// How a routine's run reads wherever it shows (Início, Rotinas): its status, what started it, its counts.
import type { RunCounts, RunStatus, RunTrigger } from '../../shared/records';
import { plural } from './format';

export const RUN_STATUS: Record<RunStatus, { label: string; color: string }> = {
  running: { label: 'em execução', color: 'blue' },
  completed: { label: 'concluída', color: 'green' },
  skipped: { label: 'não executada', color: 'gray' },
  aborted: { label: 'abortada', color: 'red' },
  interrupted: { label: 'interrompida', color: 'orange' },
};

export const TRIGGER_LABEL: Record<RunTrigger, string> = {
  schedule: 'agendada',
  manual: 'manual',
  'catch-up': 'recuperação',
  watch: 'arquivo novo na pasta',
};

/** "3 enviados · 1 falha · 0 pendentes · 5 ignorados" (or joined by another separator). */
export function describeCounts(counts: RunCounts, separator = ' · '): string {
  return [
    plural(counts.sent, 'enviado', 'enviados'),
    plural(counts.failed, 'falha', 'falhas'),
    plural(counts.pending, 'pendente', 'pendentes'),
    plural(counts.skipped, 'ignorado', 'ignorados'),
  ].join(separator);
}
