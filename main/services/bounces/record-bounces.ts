// Turns bounces of our notices into history: the notice becomes `bounced` with the reason in the
// office's words (through the send lane, like every ledger write), and an address that is gone for
// good is marked on the customer (through the engine's update) so no notice goes to it again until
// it is edited. Running it twice over the same bounce changes nothing the second time.
import type { BounceDetail, DeliveryRecord } from '../../../shared/records';
import { parseEmailList } from '../../../shared/email-list';
import { withBounceMark } from '../../../shared/recipients';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger';
import type { SendLane } from '../send-lane';
import type { StoreTx } from '../store/store';
import type { BounceReport } from './parse-bounce';
import { describeBounce } from './reasons';

export interface RecordBouncesDeps {
  ledger: Ledger;
  lane: SendLane;
  clock: Clock;
  update<T>(fn: (tx: StoreTx) => T): Promise<T>;
}

/** What became of one report: only the first two let its message be moved out of the way. */
export type BounceOutcome =
  | { kind: 'recorded'; key: string; customerId: string; reasons: string[] }
  /** Already in the history (read before, or the notice changed since): handled. */
  | { kind: 'handled' }
  /** About a message the history does not know, or only a delay: left where it is. */
  | { kind: 'not-ours' }
  | { kind: 'not-final' };

const norm = (a: string) => a.trim().toLowerCase();
/** How long a reading waits for a run of another process to finish with the ledger. */
const LANE_WAIT_MS = 120_000;
const FINAL_STATES = new Set(['sent', 'uncertain', 'bounced']);

/** Message-ID (lower case) → notice key, newest send first. */
function messageIndex(ledger: Ledger): Map<string, string> {
  const index = new Map<string, string>();
  for (const r of ledger.history()) if (r.messageId) index.set(r.messageId.toLowerCase(), r.key);
  return index;
}

function judge(report: BounceReport, ledger: Ledger, index: Map<string, string>, now: Date) {
  const failed = report.recipients.filter((r) => r.action === 'failed');
  const byId = report.messageIds.map((id) => index.get(id)).find(Boolean);
  const key = byId ?? (report.noticeKey && ledger.latest(report.noticeKey) ? report.noticeKey : undefined);
  const latest = key ? ledger.latest(key) : undefined;
  if (!latest || latest.mode === 'test') return { outcome: { kind: 'not-ours' } as const };
  if (failed.length === 0) return { outcome: { kind: 'not-final' } as const };
  if (!FINAL_STATES.has(latest.status)) return { outcome: { kind: 'handled' } as const };
  // Only addresses this notice went to: after an edit and a resend, an old bounce is history.
  const sentTo = new Set((latest.to ?? []).map(norm));
  const relevant = failed.filter((r) => sentTo.size === 0 || sentTo.has(norm(r.address)));
  const known = new Set(
    (latest.status === 'bounced' ? (latest.bounce ?? []) : []).map((b) => norm(b.address)),
  );
  const fresh = relevant.filter((r) => !known.has(norm(r.address)));
  // Read again after a crash between the ledger and the customer: the marks are applied again (no-op if there).
  const marksOf = (list: typeof relevant) =>
    list.map((r) => ({ ...describeBounce(r), address: r.address })).filter((m) => m.permanent);
  if (fresh.length === 0)
    return {
      outcome: { kind: 'handled' } as const,
      customerId: latest.customerId,
      permanent: marksOf(relevant),
    };
  const details: BounceDetail[] = [
    ...(latest.status === 'bounced' ? (latest.bounce ?? []) : []),
    ...fresh.map((r) => ({
      address: r.address,
      status: r.status,
      diagnostic: r.diagnostic,
      permanent: describeBounce(r).permanent,
    })),
  ];
  const reasons = details.map((d) => describeBounce(d).reason);
  const record: DeliveryRecord = {
    ...latest,
    status: 'bounced',
    at: now.toISOString(),
    reasonCode: 'bounced',
    reason: reasons.join('; '),
    smtpResponse: details.map((d) => `${d.address}: ${d.diagnostic ?? d.status ?? ''}`).join('\n'),
    bounce: details,
  };
  return {
    outcome: { kind: 'recorded', key: latest.key, customerId: latest.customerId, reasons } as const,
    record,
    customerId: latest.customerId,
    permanent: marksOf(relevant),
  };
}

export async function recordBounces(
  deps: RecordBouncesDeps,
  reports: readonly BounceReport[],
): Promise<BounceOutcome[]> {
  if (reports.length === 0) return [];
  const marks: { customerId: string; address: string; reason: string }[] = [];
  const outcomes = await deps.lane.shared(async () => {
    // The lane's holder has the ledger as every process left it.
    const index = messageIndex(deps.ledger);
    const now = deps.clock.now();
    const results: BounceOutcome[] = [];
    for (const report of reports) {
      const judged = judge(report, deps.ledger, index, now);
      results.push(judged.outcome);
      // Two reports on one notice in the same reading: the second builds on the first.
      if ('record' in judged && judged.record) await deps.ledger.record([judged.record]);
      if ('permanent' in judged && judged.permanent)
        for (const p of judged.permanent)
          marks.push({ customerId: judged.customerId, address: p.address, reason: p.reason });
    }
    return results;
  }, LANE_WAIT_MS);
  if (marks.length) {
    const at = deps.clock.now().toISOString();
    await deps.update((tx) => {
      const changed = new Map<string, NonNullable<ReturnType<StoreTx['customer']>>>();
      for (const m of marks) {
        const customer = changed.get(m.customerId) ?? tx.customer(m.customerId);
        if (!customer) continue;
        if (!parseEmailList(customer.email).valid.some((v) => norm(v) === norm(m.address))) continue;
        if (customer.bouncedEmails?.some((b) => norm(b.address) === norm(m.address))) continue;
        changed.set(customer.id, {
          ...customer,
          bouncedEmails: withBounceMark(customer.bouncedEmails, { address: m.address, reason: m.reason, at }),
        });
      }
      if (changed.size) tx.upsertCustomers([...changed.values()]);
    });
  }
  return outcomes;
}
