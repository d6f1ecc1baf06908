// Clientes: the list (search, situation filter, pages) and the edit form's save.
import type { recordsContract } from '../../../shared/contract/records';
import type { Customer } from '../../../shared/domain';
import { keptBounceMarks } from '../../../shared/recipients';
import type { ApiContext } from '../context';
import type { DomainHandlers } from '../types';
import { cachedOrdering } from './order';
import { customerMatches, parseQuery } from './search';
import { pageOf } from './views';

type Handlers = DomainHandlers<Pick<typeof recordsContract, 'customers.list' | 'customers.save'>>;

const collator = new Intl.Collator('pt-BR', { sensitivity: 'base', numeric: true });

export function customerHandlers(ctx: ApiContext): Handlers {
  const store = ctx.engine.store;
  const byName = cachedOrdering(
    () => store.customers(),
    (a: Customer, b: Customer) => collator.compare(a.name, b.name),
    ctx.engine.events,
  );
  return {
    async 'customers.list'({ page, pageSize, search, filter }) {
      const list = store.customers();
      const order = byName.positions();
      const q = parseQuery(search);
      if (!q && !filter) return pageOf(order, page, pageSize, (i) => list[i]!);
      const matches: number[] = [];
      for (const i of order) {
        const c = list[i]!;
        if (filter === 'active' && !c.active) continue;
        if (filter === 'inactive' && c.active) continue;
        if (filter === 'opted_out' && !c.emailOptOut) continue;
        if (q && !customerMatches(c, q)) continue;
        matches.push(i);
      }
      return pageOf(matches, page, pageSize, (i) => list[i]!);
    },
    async 'customers.save'(customer) {
      await ctx.engine.update((tx) => {
        // Bounce marks are the bounce reader's: a save keeps those of addresses still there, or lifts them.
        const bouncedEmails = keptBounceMarks(
          tx.customer(customer.id)?.bouncedEmails,
          customer.email,
          customer.bouncedEmails,
        );
        tx.upsertCustomers([{ ...customer, bouncedEmails }]);
      });
      return store.customer(customer.id)!;
    },
  };
}
