// PLACEHOLDER: replaced by the mail handlers.
import { mailContract } from '../../shared/contract/mail';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

export function mailHandlers(_ctx: ApiContext): DomainHandlers<typeof mailContract> {
  const todo = async (): Promise<never> => {
    throw new ApiFailure('unavailable', 'ainda não implementado');
  };
  return Object.fromEntries(Object.keys(mailContract).map((k) => [k, todo])) as unknown as DomainHandlers<
    typeof mailContract
  >;
}
