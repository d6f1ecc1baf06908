// How the routines screen words things: a schedule in plain Portuguese, instants in the company's
// time zone, run statuses, and the dd/mm/aaaa date the simulation is typed in.
import { isCalendarDate } from '../../../shared/calendar';
import type { Schedule } from '../../../shared/domain';
import type { RunStatus, RunTrigger } from '../../../shared/records';

/** ISO weekday order: index 1 = segunda … 7 = domingo. */
export const WEEKDAYS = [
  { value: 1, short: 'Seg' },
  { value: 2, short: 'Ter' },
  { value: 3, short: 'Qua' },
  { value: 4, short: 'Qui' },
  { value: 5, short: 'Sex' },
  { value: 6, short: 'Sáb' },
  { value: 7, short: 'Dom' },
] as const;

const sortedNumbers = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** "Todos os dias às 08:10:00", "Seg, Qua às 09:00:00", "Dias 5, 20 às 07:00:00". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.frequency) {
    case 'daily':
      return `Todos os dias às ${schedule.time}`;
    case 'weekly': {
      const names = sortedNumbers(schedule.weekdays).map((d) => WEEKDAYS[d - 1]?.short ?? String(d));
      return `${names.join(', ')} às ${schedule.time}`;
    }
    case 'monthly': {
      const days = sortedNumbers(schedule.monthDays);
      return `${days.length === 1 ? 'Dia' : 'Dias'} ${days.join(', ')} às ${schedule.time}`;
    }
  }
}

/** dd/mm/aaaa HH:MM of an instant, as the company's clock shows it. */
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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 enviados, 1 falha, 0 pendentes, 5 ignorados". */
export function describeCounts(counts: { sent: number; failed: number; pending: number; skipped: number }) {
  return [
    plural(counts.sent, 'enviado', 'enviados'),
    plural(counts.failed, 'falha', 'falhas'),
    plural(counts.pending, 'pendente', 'pendentes'),
    plural(counts.skipped, 'ignorado', 'ignorados'),
  ].join(', ');
}

/** YYYY-MM-DD from dd/mm/aaaa, or null until the user has typed a real date. */
export function parseDateBR(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** A readable id for a new routine, from its description ("Envio de faturas" → "envio-de-faturas"). */
export function routineId(description: string, taken: ReadonlySet<string>): string {
  const base =
    description
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'rotina';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
