// PLACEHOLDER: replaced by the setup handlers.
import { setupContract } from '../../shared/contract/setup';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function setupHandlers(_ctx: ApiContext): DomainHandlers<typeof setupContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(setupContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof setupContract
  >;
}
