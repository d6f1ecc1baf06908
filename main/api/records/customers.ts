// Clientes: the list (search, situation filter, pages) and the edit form's save.
import type { recordsContract } from '../../../shared/contract/records';
import type { Customer } from '../../../shared/domain';
import { keptBounceMarks } from '../../../shared/recipients';
import type { ApiContext } from '../context';
import { conflict, invalid, notFound } from '../errors';
import type { DomainHandlers } from '../types';
import { cachedOrdering } from './order';
import { customerMatches, parseQuery } from './search';
import { pageOf } from './views';

type Handlers = DomainHandlers<
  Pick<typeof recordsContract, 'customers.list' | 'customers.save' | 'customers.remove'>
>;

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
    async 'customers.save'({ create, ...customer }) {
      await ctx.engine.update((tx) => {
        const current = tx.customer(customer.id);
        if (create && current)
          throw invalid({ id: `já existe um cliente com o código ${customer.id} (${current.name})` });
        // Bounce marks are the bounce reader's: a save keeps those of addresses still there, or lifts them.
        const bouncedEmails = keptBounceMarks(current?.bouncedEmails, customer.email, customer.bouncedEmails);
        tx.upsertCustomers([{ ...customer, bouncedEmails }]);
      });
      return store.customer(customer.id)!;
    },
    async 'customers.remove'({ id, withInvoices }) {
      return ctx.engine.update((tx) => {
        const customer = tx.customer(id);
        if (!customer) throw notFound('Cliente');
        const invoices = tx
          .invoices()
          .filter((i) => i.customerId === id)
          .map((i) => i.id);
        if (invoices.length && !withInvoices)
          throw conflict(
            `${customer.name} tem ${invoices.length === 1 ? '1 fatura' : `${invoices.length} faturas`}: remova também as faturas, ou mantenha o cliente (pode marcá-lo como inativo)`,
          );
        tx.removeInvoices(invoices);
        tx.removeCustomers([id]);
        return { invoicesRemoved: invoices.length };
      });
    },
  };
}
