// PLACEHOLDER: replaced by the routines handlers.
import { routinesContract } from '../../shared/contract/routines';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function routinesHandlers(_ctx: ApiContext): DomainHandlers<typeof routinesContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(routinesContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof routinesContract
  >;
}
