// Which invoices Faturas shows and in what order: the filters (situation on the company's clock,
// customer, billing method, due-date range, search) and a sort by any column over the whole list,
// computed once per change and per day rather than per request (100k invoices sorted on every
// keystroke would be the slowest part of a search). Also resolves a bulk action's "all matching".
import type { InvoiceFilter } from '../../../shared/contract/records';
import type { Customer, Invoice, Settings } from '../../../shared/domain';
import {
  invoiceSituation,
  type InvoiceSituation,
  type InvoiceSort,
  type SortDirection,
} from '../../../shared/invoice-situation';
import type { EventBus } from '../../services/events';
import { invoiceMatches, matchingCustomerIds, normalize, parseQuery } from './search';

/** What a filter is checked against: the store, or the data inside an update. */
export interface InvoiceSource {
  invoices(): readonly Invoice[];
  customers(): readonly Customer[];
  customer(id: string): Customer | undefined;
  settings(): Readonly<Settings>;
}

/** A predicate for one filter, prepared once per request (the customers a search finds, today). */
export function invoiceFilterOf(
  source: Pick<InvoiceSource, 'customers'>,
  filter: InvoiceFilter,
  today: string,
): ((inv: Invoice) => boolean) | null {
  const q = parseQuery(filter.search ?? '');
  const { status, customerId, billingMethodId, dueFrom, dueTo } = filter;
  if (!q && !status && !customerId && !billingMethodId && !dueFrom && !dueTo) return null;
  const customers = q ? matchingCustomerIds(source.customers(), q) : null;
  return (inv) =>
    (!status || invoiceSituation(inv, today) === status) &&
    (!customerId || inv.customerId === customerId) &&
    (!billingMethodId || inv.billingMethodId === billingMethodId) &&
    (!dueFrom || inv.dueDate >= dueFrom) &&
    (!dueTo || inv.dueDate <= dueTo) &&
    (!q || customers!.has(inv.customerId) || invoiceMatches(inv, q));
}

/** Every invoice matching a filter, in the store's order. */
export function invoicesMatching(source: InvoiceSource, filter: InvoiceFilter, today: string): Invoice[] {
  const matches = invoiceFilterOf(source, filter, today);
  const all = source.invoices();
  return matches ? all.filter(matches) : [...all];
}

/** Text that sorts as people expect with plain `<`: no case or accents, "X-9" before "X-10". */
export const sortText = (text: string) => normalize(text).replace(/\d+/g, (d) => d.padStart(12, '0'));

// Overdue first: that is what a clerk sorting by situation is after.
const SITUATION_RANK: Record<InvoiceSituation, number> = { overdue: 0, open: 1, paid: 2, cancelled: 3 };

type Key = string | number;

function keysFor(source: InvoiceSource, list: readonly Invoice[], sort: InvoiceSort, today: string): Key[] {
  switch (sort) {
    case 'number':
      return list.map((i) => sortText(i.number));
    case 'customer': {
      const names = new Map<string, string>();
      return list.map((i) => {
        let name = names.get(i.customerId);
        if (name === undefined) {
          name = sortText(source.customer(i.customerId)?.name ?? '');
          names.set(i.customerId, name);
        }
        return name;
      });
    }
    case 'billingMethod': {
      const names = new Map(source.settings().billingMethods.map((m) => [m.id, sortText(m.name)]));
      return list.map((i) => names.get(i.billingMethodId) ?? sortText(i.billingMethodId));
    }
    case 'issueDate':
      return list.map((i) => i.issueDate);
    case 'dueDate':
      return list.map((i) => i.dueDate);
    case 'amount':
      return list.map((i) => i.amountCents);
    case 'situation':
      return list.map((i) => SITUATION_RANK[invoiceSituation(i, today)]);
  }
}

/** Positions into `list`, ascending by the column, ties by due date then number. */
function sortedPositions(source: InvoiceSource, list: readonly Invoice[], sort: InvoiceSort, today: string) {
  const keys = keysFor(source, list, sort, today);
  const numbers = sort === 'number' ? (keys as string[]) : list.map((i) => sortText(i.number));
  const cmp = (a: Key, b: Key) => (a < b ? -1 : a > b ? 1 : 0);
  const positions = new Uint32Array(list.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  positions.sort(
    (a, b) =>
      cmp(keys[a]!, keys[b]!) ||
      cmp(list[a]!.dueDate, list[b]!.dueDate) ||
      cmp(numbers[a]!, numbers[b]!) ||
      a - b,
  );
  return positions;
}

export interface InvoiceOrderings {
  /** Positions into `source.invoices()`, in display order. */
  positions(sort: InvoiceSort, direction: SortDirection, today: string): Uint32Array;
}

export function invoiceOrderings(source: InvoiceSource, events: EventBus): InvoiceOrderings {
  const cache = new Map<string, Uint32Array>();
  let seen: readonly Invoice[] | null = null;
  let seenLength = -1;
  // An edit may change a sort key (a due date, a customer's or a billing method's name) in place.
  events.subscribe((e) => {
    if (e.name === 'store.changed' && (e.payload as { area: string }).area !== 'deliveries') cache.clear();
  });
  return {
    positions(sort, direction, today) {
      const list = source.invoices();
      if (seen !== list || seenLength !== list.length) {
        cache.clear();
        seen = list;
        seenLength = list.length;
      }
      // Only the situation depends on the day.
      const key = `${sort}|${direction}|${sort === 'situation' ? today : ''}`;
      let positions = cache.get(key);
      if (!positions) {
        const asc = `${sort}|asc|${sort === 'situation' ? today : ''}`;
        let ascending = cache.get(asc);
        if (!ascending) cache.set(asc, (ascending = sortedPositions(source, list, sort, today)));
        positions = direction === 'asc' ? ascending : ascending.slice().reverse();
        cache.set(key, positions);
      }
      return positions;
    },
  };
}
