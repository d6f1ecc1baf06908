// How the routines screen words things: a schedule in plain Portuguese, and a new routine's id.
import type { Schedule } from '../../../shared/domain';
import { uniqueSlug } from '../../../shared/slug';

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

/** "Todos os dias às 08:10:00", "Seg, Qua às 09:00:00", "Dias 5, 20 às 07:00:00", "Dia 31 às … (em meses sem dia 31, …)". */
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
      const latest = days.at(-1) ?? 0;
      const shorter = latest > 28 ? ` (em meses sem dia ${latest}, no último dia do mês)` : '';
      return `${days.length === 1 ? 'Dia' : 'Dias'} ${days.join(', ')} às ${schedule.time}${shorter}`;
    }
  }
}

/** A readable id for a new routine, from its description ("Envio de faturas" → "envio-de-faturas"). */
export function routineId(description: string, taken: ReadonlySet<string>): string {
  return uniqueSlug(description, taken, 'rotina');
}
