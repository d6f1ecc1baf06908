import type { Handlers } from '../../shared/api';

/** The handlers of one contract domain. */
export type DomainHandlers<C> = Pick<Handlers, keyof C & keyof Handlers>;
