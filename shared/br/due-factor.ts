// The boleto's "fator de vencimento": days since a base date, in 4 digits. It reached 9999 on
// 21/02/2025 and restarted at 1000 on 22/02/2025 (FEBRABAN; Bradesco's cobrança layout manual
// reproduces the rule), so every factor names two dates 9,000 days apart.
import { addDays, daysBetween, isCalendarDate } from '../calendar';

const OLD_BASE = '1997-10-07'; // factor 0 of the first cycle; 1000 = 03/07/2000
const RESET = '2025-02-22'; // factor 1000 of the second cycle
const CYCLE = 9000;

/** The factor printed for `dueDate`, or null when the date is outside what 4 digits can say. */
export function dueFactorOf(dueDate: string): number | null {
  if (!isCalendarDate(dueDate)) return null;
  const sinceReset = daysBetween(RESET, dueDate);
  if (sinceReset >= 0) return sinceReset < CYCLE ? 1000 + sinceReset : null;
  const sinceBase = daysBetween(OLD_BASE, dueDate);
  return sinceBase >= 1000 ? sinceBase : null;
}

/**
 * The due date a factor names: of its two candidates, the one nearest `reference` (default: the
 * cycle that started on 22/02/2025). Factor 0 means "no due date".
 */
export function dueDateOfFactor(factor: number, reference?: string): string | null {
  if (factor === 0) return null;
  if (factor < 1000) return addDays(OLD_BASE, factor);
  const recent = addDays(RESET, factor - 1000);
  const old = addDays(OLD_BASE, factor);
  if (!reference || !isCalendarDate(reference)) return recent;
  return Math.abs(daysBetween(reference, old)) < Math.abs(daysBetween(reference, recent)) ? old : recent;
}
