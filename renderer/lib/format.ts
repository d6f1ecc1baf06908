// How the screens show values: dates dd/mm/aaaa, money R$ 1.234,56, instants in local time or on the
// company's clock, counts with their noun; and the dd/mm/aaaa dates people type.
import { isCalendarDate } from '../../shared/calendar';
export { formatDateBR, formatMoneyBR } from '../../shared/calendar';
export { ruleKindLabel, RULE_KINDS } from '../../shared/rule-kinds';

export function formatDateTimeBR(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
}

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

/** "1 fatura", "1.234 faturas". */
export const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('pt-BR')} ${n === 1 ? one : many}`;

/** dd/mm/aaaa (or d/m/aaaa) typed by hand → YYYY-MM-DD, or null until it is a real date. */
export function parseDateBR(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}
