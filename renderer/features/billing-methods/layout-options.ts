// The choices for "Layout de Envio de Email". They come from layouts.list; when that answer is not
// available, the pre-registered layouts (always present in main) and the ones the rules already use
// are still offered, so rules can be kept up to date.
import type { BillingMethodView } from '../../../shared/contract/billing';
import type { RuleKind } from '../../../shared/rule-kinds';
import { useApi } from '../../lib/use-api';

export interface LayoutOption {
  value: string;
  label: string;
}

const PRE_REGISTERED: LayoutOption[] = [
  { value: 'boleto-emissao', label: 'Boleto Bancário – Fatura Gerada' },
  { value: 'boleto-antes-vencimento', label: 'Boleto Bancário – Antes do Vencimento' },
  { value: 'boleto-no-vencimento', label: 'Boleto Bancário – No Vencimento' },
  { value: 'boleto-apos-vencimento', label: 'Boleto Bancário – Após Vencimento' },
];

/** The pre-registered layout written for each kind of rule: the form's first suggestion. */
export const SUGGESTED_LAYOUT: Record<RuleKind, string> = {
  after_issue: 'boleto-emissao',
  before_due: 'boleto-antes-vencimento',
  on_due: 'boleto-no-vencimento',
  after_due: 'boleto-apos-vencimento',
};

export function useLayoutOptions(method: BillingMethodView | undefined): {
  options: LayoutOption[];
  /** Why the full list could not be loaded, when it could not. */
  unavailable: string | null;
} {
  const layouts = useApi('layouts.list', {});
  if (layouts.data) {
    return {
      options: layouts.data.map((l) => ({ value: l.id, label: l.name })),
      unavailable: null,
    };
  }
  const options = [...PRE_REGISTERED];
  for (const rule of method?.sendRules ?? [])
    if (rule.layoutName && !options.some((o) => o.value === rule.layoutId))
      options.push({ value: rule.layoutId, label: rule.layoutName });
  return { options, unavailable: layouts.error };
}
