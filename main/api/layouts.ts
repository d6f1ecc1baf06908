// PLACEHOLDER: replaced by the layouts handlers.
import { layoutsContract } from '../../shared/contract/layouts';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function layoutsHandlers(_ctx: ApiContext): DomainHandlers<typeof layoutsContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(layoutsContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof layoutsContract
  >;
}
