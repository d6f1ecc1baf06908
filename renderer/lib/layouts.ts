// The e-mail layouts as choices: the pre-registered ones (always present in main), offered when
// layouts.list cannot be loaded, and the one written for each kind of rule.
import type { LayoutEntry } from '../../shared/records';
import type { RuleKind } from '../../shared/rule-kinds';

export interface LayoutOption {
  value: string;
  label: string;
}

export const PRE_REGISTERED_LAYOUTS: LayoutOption[] = [
  { value: 'boleto-emissao', label: 'Boleto Bancário – Fatura Gerada' },
  { value: 'boleto-antes-vencimento', label: 'Boleto Bancário – Antes do Vencimento' },
  { value: 'boleto-no-vencimento', label: 'Boleto Bancário – No Vencimento' },
  { value: 'boleto-apos-vencimento', label: 'Boleto Bancário – Após Vencimento' },
];

/** The pre-registered layout written for each kind of rule. */
export const SUGGESTED_LAYOUT: Record<RuleKind, string> = {
  after_issue: 'boleto-emissao',
  before_due: 'boleto-antes-vencimento',
  on_due: 'boleto-no-vencimento',
  after_due: 'boleto-apos-vencimento',
};

export const toLayoutOption = (layout: Pick<LayoutEntry, 'id' | 'name'>): LayoutOption => ({
  value: layout.id,
  label: layout.name,
});
