// Target 1: planNotices deciding one run date over 100k invoices × 8 rules.
import { planNotices, type LedgerState } from '../../shared/notices';
import type { Customer, Invoice } from '../../shared/domain';
import { noticeKey, referenceDate } from '../../shared/calendar';
import { BILLING_METHOD, RUN_DATE, rng, type Dataset } from './data';
import { median, ms, quantile, timeIt, type Row } from './stats';

export const PLANNER_TARGET_MS = 250;

export async function benchPlanner(dataset: Dataset): Promise<Row[]> {
  const invoiceIndex = new Map<string, Invoice>(dataset.invoices.map((i) => [i.id, i]));
  const customerIndex = new Map<string, Customer>(dataset.customers.map((c) => [c.id, c]));
  const ledger = pastLedger(dataset.invoices);
  const input = {
    runDate: RUN_DATE,
    window: { from: RUN_DATE, to: RUN_DATE },
    billingMethods: [BILLING_METHOD],
    invoices: dataset.invoices,
    invoiceById: (id: string) => invoiceIndex.get(id),
    customerById: (id: string) => customerIndex.get(id),
    ledgerState: (key: string) => ledger.get(key),
    pending: [],
  };
  const plan = planNotices(input);
  const samples = await timeIt(() => planNotices(input), 5, 30);
  const p50 = median(samples);
  const p95 = quantile(samples, 0.95);
  const reasons = new Map<string, number>();
  for (const s of plan.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const n = dataset.invoices.length.toLocaleString('en');
  return [
    {
      metric: `planner ${n} inv × 8 rules, median`,
      measured: ms(p50),
      target: `< ${PLANNER_TARGET_MS} ms`,
      ratio: `${(p50 / PLANNER_TARGET_MS).toFixed(2)}× of budget`,
      pass: p50 < PLANNER_TARGET_MS,
    },
    {
      metric: 'planner p95 (30 runs after 5 warm-up)',
      measured: ms(p95),
      target: `< ${PLANNER_TARGET_MS} ms`,
      ratio: `${(p95 / PLANNER_TARGET_MS).toFixed(2)}× of budget`,
      pass: p95 < PLANNER_TARGET_MS,
    },
    {
      metric: 'planner due / skipped',
      measured: `${plan.due.length} / ${plan.skipped.length}`,
      target: '',
      ratio: top.map(([r, c]) => `${r} ${c}`).join(', '),
      pass: null,
    },
  ];
}

/** A ledger as after weeks of daily runs: every open invoice's earlier notices sent, ~2% of today's too. */
function pastLedger(invoices: readonly Invoice[]): Map<string, LedgerState> {
  const random = rng(7);
  const ledger = new Map<string, LedgerState>();
  for (const invoice of invoices) {
    if (invoice.status !== 'open') continue;
    for (const rule of BILLING_METHOD.sendRules) {
      const ref = referenceDate(rule, invoice);
      if (ref < RUN_DATE || (ref === RUN_DATE && random() < 0.02))
        ledger.set(
          noticeKey({ invoiceId: invoice.id, kind: rule.kind, days: rule.days, dueDate: invoice.dueDate }),
          'sent',
        );
    }
  }
  return ledger;
}
