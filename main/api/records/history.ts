// The history as staff read it: the latest state of each notice, newest first. Folded once per
// ledger change (the journal only grows), not on every page or keystroke.
import { companyTimezone } from '../../../shared/domain';
import type { DeliveryStatus } from '../../../shared/contract/records';
import { addDays, type DeliveryMode } from '../../../shared/calendar';
import { slotInstant } from '../../../shared/schedule';
import type { DeliveryRecord, Ledger } from '../../services/ledger';
import type { ReadStore } from '../../services/store/store';
import { invoiceMatches, matchingCustomerIds, parseQuery, textMatches } from './search';

export interface HistoryFilter {
  search: string;
  mode?: DeliveryMode;
  /** Days (YYYY-MM-DD, inclusive) of the record's instant in the company's time zone. */
  from?: string | null;
  to?: string | null;
  status?: DeliveryStatus | null;
  customerId?: string | null;
}

export function foldedHistory(ledger: Ledger): () => readonly DeliveryRecord[] {
  let folded: DeliveryRecord[] = [];
  let seenLength = -1;
  return () => {
    const all = ledger.history();
    if (all.length !== seenLength) {
      const latest = new Map<string, DeliveryRecord>();
      for (const r of all) latest.set(r.key, r);
      // ISO instants sort as strings; ties keep journal order reversed (the later write first).
      folded = [...latest.values()].reverse();
      folded.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      seenLength = all.length;
    }
    return folded;
  };
}

export function filterHistory(
  records: readonly DeliveryRecord[],
  filter: HistoryFilter,
  store: ReadStore,
): DeliveryRecord[] {
  const tz = companyTimezone(store.settings());
  const fromAt = filter.from ? slotInstant(filter.from, '00:00:00', tz).toISOString() : null;
  const toAt = filter.to ? slotInstant(addDays(filter.to, 1), '00:00:00', tz).toISOString() : null;
  const q = parseQuery(filter.search);
  const customers = q ? matchingCustomerIds(store.customers(), q) : null;
  const out: DeliveryRecord[] = [];
  for (const r of records) {
    if ((r.mode ?? 'live') !== (filter.mode ?? 'live')) continue;
    if (filter.status && r.status !== filter.status) continue;
    if (filter.customerId && r.customerId !== filter.customerId) continue;
    if (fromAt && r.at < fromAt) continue;
    if (toAt && r.at >= toAt) continue;
    if (q && !customers!.has(r.customerId)) {
      const invoice = store.invoice(r.invoiceId);
      if (!(invoice && invoiceMatches(invoice, q)) && !textMatches(r.to?.join(' '), q)) continue;
    }
    out.push(r);
  }
  return out;
}
