// Which layouts the send modal offers: the registered ones, or the four pre-registered ones when the
// list cannot be loaded; and which one fits the invoice best to start with.
import type { LayoutEntry } from '../../../shared/records';

export interface LayoutOption {
  value: string;
  label: string;
}

export const PRE_REGISTERED: LayoutOption[] = [
  { value: 'boleto-emissao', label: 'Boleto Bancário – Fatura Gerada' },
  { value: 'boleto-antes-vencimento', label: 'Boleto Bancário – Antes do Vencimento' },
  { value: 'boleto-no-vencimento', label: 'Boleto Bancário – No Vencimento' },
  { value: 'boleto-apos-vencimento', label: 'Boleto Bancário – Após Vencimento' },
];

export const layoutOptions = (layouts: LayoutEntry[] | undefined): LayoutOption[] =>
  layouts?.length ? layouts.map((l) => ({ value: l.id, label: l.name })) : PRE_REGISTERED;

/** Overdue → "Após Vencimento", due today → "No Vencimento", otherwise "Antes do Vencimento". */
export function suggestedLayout(dueDate: string, today: string, options: LayoutOption[]): string | null {
  const wanted =
    dueDate < today
      ? 'boleto-apos-vencimento'
      : dueDate === today
        ? 'boleto-no-vencimento'
        : 'boleto-antes-vencimento';
  return options.find((o) => o.value === wanted)?.value ?? options[0]?.value ?? null;
}

/** Today as YYYY-MM-DD on this computer's calendar. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
