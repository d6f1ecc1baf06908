// The choices for "Layout de Envio de Email". They come from layouts.list; when that answer is not
// available, the pre-registered layouts (always present in main) and the ones the rules already use
// are still offered, so rules can be kept up to date.
import type { BillingMethodView } from '../../../shared/contract/billing';
import { PRE_REGISTERED_LAYOUTS, toLayoutOption, type LayoutOption } from '../../lib/layouts';
import { useApi } from '../../lib/use-api';

export function useLayoutOptions(method: BillingMethodView | undefined): {
  options: LayoutOption[];
  /** Why the full list could not be loaded, when it could not. */
  unavailable: string | null;
} {
  const layouts = useApi('layouts.list', {});
  if (layouts.data) return { options: layouts.data.map(toLayoutOption), unavailable: null };
  const options = [...PRE_REGISTERED_LAYOUTS];
  for (const rule of method?.sendRules ?? [])
    if (rule.layoutName && !options.some((o) => o.value === rule.layoutId))
      options.push({ value: rule.layoutId, label: rule.layoutName });
  return { options, unavailable: layouts.error };
}
