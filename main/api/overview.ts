// PLACEHOLDER: replaced by the overview handlers.
import { overviewContract } from '../../shared/contract/overview';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function overviewHandlers(_ctx: ApiContext): DomainHandlers<typeof overviewContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(overviewContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof overviewContract
  >;
}
