// Which layouts the send modal offers: the registered ones, or the four pre-registered ones when the
// list cannot be loaded; and which one fits the invoice best to start with.
import type { LayoutEntry } from '../../../shared/records';
import {
  PRE_REGISTERED_LAYOUTS,
  SUGGESTED_LAYOUT,
  toLayoutOption,
  type LayoutOption,
} from '../../lib/layouts';

export const layoutOptions = (layouts: LayoutEntry[] | undefined): LayoutOption[] =>
  layouts?.length ? layouts.map(toLayoutOption) : PRE_REGISTERED_LAYOUTS;

/** Overdue → "Após Vencimento", due today → "No Vencimento", otherwise "Antes do Vencimento". */
export function suggestedLayout(dueDate: string, today: string, options: LayoutOption[]): string | null {
  const wanted =
    SUGGESTED_LAYOUT[dueDate < today ? 'after_due' : dueDate === today ? 'on_due' : 'before_due'];
  return options.find((o) => o.value === wanted)?.value ?? options[0]?.value ?? null;
}

/** Today as YYYY-MM-DD on this computer's calendar. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
