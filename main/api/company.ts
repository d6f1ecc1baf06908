// PLACEHOLDER: replaced by the company handlers.
import { companyContract } from '../../shared/contract/company';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function companyHandlers(_ctx: ApiContext): DomainHandlers<typeof companyContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(companyContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof companyContract
  >;
}
