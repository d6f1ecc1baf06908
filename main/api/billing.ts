// PLACEHOLDER: replaced by the billing handlers.
import { billingContract } from '../../shared/contract/billing';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function billingHandlers(_ctx: ApiContext): DomainHandlers<typeof billingContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(billingContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof billingContract
  >;
}
