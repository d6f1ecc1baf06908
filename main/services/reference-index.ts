// Invoices by the reference days of their rules, built once for a date range: the forecast asks
// "which invoices have a notice due between D1 and D2" once per simulated run, and a year over a
// million invoices must not re-read every invoice for every day. Two passes (count, then fill) into
// flat Int32Arrays: about 4 bytes per (invoice, rule) pair that falls in the range.
import { dayNumber, referenceDay } from '../../shared/calendar';
import type { BillingMethod, Invoice } from '../../shared/domain';

export interface ReferenceIndex {
  /** Invoices with at least one rule whose reference date is in [from, to], in store order, each once. */
  invoicesBetween(from: string, to: string): Invoice[];
}

export function indexByReferenceDay(
  invoices: readonly Invoice[],
  billingMethods: readonly BillingMethod[],
  from: string,
  to: string,
): ReferenceIndex {
  const first = dayNumber(from);
  const span = Math.max(0, dayNumber(to) - first + 1);
  const rulesOf = new Map(billingMethods.map((m) => [m.id, m.sendRules]));
  const eachReference = (visit: (slot: number, invoiceIndex: number) => void) => {
    for (let i = 0; i < invoices.length; i++) {
      const invoice = invoices[i]!;
      const rules = rulesOf.get(invoice.billingMethodId);
      if (!rules || rules.length === 0) continue;
      const due = dayNumber(invoice.dueDate);
      const issue = dayNumber(invoice.issueDate);
      for (const rule of rules) {
        const slot = referenceDay(rule.kind, rule.days, issue, due) - first;
        if (slot >= 0 && slot < span) visit(slot, i);
      }
    }
  };
  // starts[d]..starts[d+1] are the entries of day d.
  const starts = new Int32Array(span + 1);
  eachReference((slot) => starts[slot + 1]!++);
  for (let d = 0; d < span; d++) starts[d + 1]! += starts[d]!;
  const entries = new Int32Array(starts[span]!);
  const fill = starts.slice(0, span);
  eachReference((slot, i) => (entries[fill[slot]!++] = i));

  // An invoice with two rules on the same days is listed once per query: stamped with the query.
  const stamp = new Int32Array(invoices.length);
  let query = 0;
  return {
    invoicesBetween(windowFrom, windowTo) {
      const a = Math.max(0, dayNumber(windowFrom) - first);
      const b = Math.min(span - 1, dayNumber(windowTo) - first);
      query++;
      const found: number[] = [];
      for (let k = starts[a] ?? 0, end = b >= a ? starts[b + 1]! : k; k < end; k++) {
        const i = entries[k]!;
        if (stamp[i] === query) continue;
        stamp[i] = query;
        found.push(i);
      }
      found.sort((x, y) => x - y);
      return found.map((i) => invoices[i]!);
    },
  };
}
