// Início's counts over the delivery ledger, kept up to date as records are added instead of walking
// the whole history on every dashboard call: a 50,000-notice run appends 100,000 records, and the
// screens ask for the summary every few seconds while it goes on.
// - `latest`: the notices' latest states (real ones only), by status and reason code;
// - `unpayable`: real notices whose latest state is "skipped: no way to pay", by key → invoice;
// - `real` / `testSent`: sent and failed records (every record, not only the latest) per quarter of
//   an hour, UTC. Every time zone's offset is a whole number of quarter hours, so a quarter hour
//   falls on one calendar day in any zone and per-day counts can be read from these.
import type { DeliveryRecord } from '../../shared/records';

export const QUARTER_HOUR_MS = 15 * 60 * 1000;

export interface LedgerTally {
  latest: ReadonlyMap<string, number>;
  unpayable: ReadonlyMap<string, string>;
  real: ReadonlyMap<number, { sent: number; failed: number }>;
  testSent: ReadonlyMap<number, number>;
}

/** The `latest` bucket of a status and reason code. */
export const latestBucket = (status: string, reasonCode?: string) => `${status}|${reasonCode ?? ''}`;

/** The quarter hour (UTC) an ISO instant falls in, or null when it does not read as one. */
export const quarterOf = (at: string): number | null => {
  const t = Date.parse(at);
  return Number.isFinite(t) ? Math.floor(t / QUARTER_HOUR_MS) : null;
};

export function createTally() {
  const latest = new Map<string, number>();
  const unpayable = new Map<string, string>();
  const real = new Map<number, { sent: number; failed: number }>();
  const testSent = new Map<number, number>();
  const bump = (r: DeliveryRecord, by: 1 | -1) => {
    if (r.mode === 'test') return;
    const bucket = latestBucket(r.status, r.reasonCode);
    const n = (latest.get(bucket) ?? 0) + by;
    if (n) latest.set(bucket, n);
    else latest.delete(bucket);
    if (r.status === 'skipped' && r.reasonCode === 'no_payment_means') {
      if (by > 0) unpayable.set(r.key, r.invoiceId);
      else unpayable.delete(r.key);
    }
  };
  return {
    tally: { latest, unpayable, real, testSent } as LedgerTally,
    /** Counts `record`, which replaces `previous` as its notice's latest state. */
    add(record: DeliveryRecord, previous: DeliveryRecord | undefined) {
      if (previous) bump(previous, -1);
      bump(record, 1);
      if (record.status !== 'sent' && record.status !== 'failed') return;
      const quarter = quarterOf(record.at);
      if (quarter === null) return;
      if (record.mode === 'test') {
        if (record.status === 'sent') testSent.set(quarter, (testSent.get(quarter) ?? 0) + 1);
        return;
      }
      const counts = real.get(quarter) ?? { sent: 0, failed: 0 };
      counts[record.status]++;
      real.set(quarter, counts);
    },
    clear() {
      latest.clear();
      unpayable.clear();
      real.clear();
      testSent.clear();
    },
  };
}
