// Clientes: the list (search, situation filter, sort by any column, pages) and the edit form's save.
import type { CustomerView, recordsContract } from '../../../shared/contract/records';
import type { Customer } from '../../../shared/domain';
import type { CustomerSort } from '../../../shared/invoice-situation';
import { keptBounceMarks } from '../../../shared/recipients';
import type { ApiContext } from '../context';
import { conflict, invalid, notFound } from '../errors';
import type { DomainHandlers } from '../types';
import { sortText } from './invoice-query';
import { cachedOrdering, type Ordering } from './order';
import { customerMatches, parseQuery } from './search';
import { pageOf } from './views';

type Handlers = DomainHandlers<
  Pick<typeof recordsContract, 'customers.list' | 'customers.save' | 'customers.remove'>
>;

const collator = new Intl.Collator('pt-BR', { sensitivity: 'base', numeric: true });
const digits = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');

export function customerHandlers(ctx: ApiContext): Handlers {
  const store = ctx.engine.store;
  // Open invoices per customer: one pass over the invoices per change, not per request.
  let openCounts: Map<string, number> | null = null;
  ctx.engine.events.subscribe((e) => {
    if (e.name === 'store.changed' && (e.payload as { area: string }).area === 'records') openCounts = null;
  });
  const openInvoices = () => {
    if (!openCounts) {
      openCounts = new Map();
      for (const inv of store.invoices())
        if (inv.status === 'open') openCounts.set(inv.customerId, (openCounts.get(inv.customerId) ?? 0) + 1);
    }
    return openCounts;
  };
  // Empty values last whichever way a column is read ascending: "—" is not a name.
  const keys: Record<CustomerSort, (c: Customer) => string | number> = {
    name: (c) => sortText(c.name),
    document: (c) => digits(c.document) || '\uffff',
    email: (c) => sortText(c.email ?? '') || '\uffff',
    city: (c) => sortText(c.address?.city ?? '') || '\uffff',
    openInvoices: (c) => openInvoices().get(c.id) ?? 0,
  };
  const orderings = new Map<CustomerSort, Ordering>();
  const ordering = (sort: CustomerSort) => {
    let o = orderings.get(sort);
    if (!o) {
      const key = keys[sort];
      const compare =
        sort === 'name'
          ? (a: Customer, b: Customer) => collator.compare(a.name, b.name)
          : (a: Customer, b: Customer) => {
              const ka = key(a);
              const kb = key(b);
              return ka < kb ? -1 : ka > kb ? 1 : collator.compare(a.name, b.name);
            };
      // cachedOrdering breaks ties by position, newest first; ascending here, reversed for desc.
      o = cachedOrdering(() => store.customers(), compare, ctx.engine.events);
      orderings.set(sort, o);
    }
    return o;
  };
  const view = (c: Customer): CustomerView => ({ ...c, openInvoices: openInvoices().get(c.id) ?? 0 });

  return {
    async 'customers.list'({ page, pageSize, search, filter, sort, direction }) {
      const list = store.customers();
      const ascending = ordering(sort ?? 'name').positions();
      const order = direction === 'desc' ? ascending.slice().reverse() : ascending;
      const q = parseQuery(search);
      if (!q && !filter) return pageOf(order, page, pageSize, (i) => view(list[i]!));
      const matches: number[] = [];
      for (const i of order) {
        const c = list[i]!;
        if (filter === 'active' && !c.active) continue;
        if (filter === 'inactive' && c.active) continue;
        if (filter === 'opted_out' && !c.emailOptOut) continue;
        if (q && !customerMatches(c, q)) continue;
        matches.push(i);
      }
      return pageOf(matches, page, pageSize, (i) => view(list[i]!));
    },
    async 'customers.save'({ create, openInvoices: _counted, ...customer }) {
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
