// How Início words things: instants on the company's clock, run statuses and counts, short chart dates.
import type { RunCounts, RunStatus, RunTrigger } from '../../../shared/records';

/** dd/mm/aaaa HH:MM of an instant, as the company's clock shows it (not the browser's). */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const parts = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** dd/mm for chart axes. */
export const shortDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

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
};

export const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('pt-BR')} ${n === 1 ? one : many}`;

export function describeCounts(counts: RunCounts): string {
  return [
    plural(counts.sent, 'enviado', 'enviados'),
    plural(counts.failed, 'falha', 'falhas'),
    plural(counts.pending, 'pendente', 'pendentes'),
    plural(counts.skipped, 'ignorado', 'ignorados'),
  ].join(' · ');
}
