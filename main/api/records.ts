// PLACEHOLDER: replaced by the records handlers.
import { recordsContract } from '../../shared/contract/records';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function recordsHandlers(_ctx: ApiContext): DomainHandlers<typeof recordsContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(recordsContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof recordsContract
  >;
}
