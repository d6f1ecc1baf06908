// The ledger's running tally (Início's counts) must say what a walk over the whole history says,
// after every append, whatever the order of states, modes and reasons.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLedger } from '../../main/services/ledger';
import { latestBucket, quarterOf } from '../../main/services/ledger-tally';
import type { DeliveryRecord } from '../../shared/records';

/** The tally recomputed the slow way, from the whole history. */
function walk(history: readonly DeliveryRecord[]) {
  const latestRecord = new Map<string, DeliveryRecord>();
  for (const r of history) latestRecord.set(r.key, r);
  const latest = new Map<string, number>();
  const unpayable = new Map<string, string>();
  for (const r of latestRecord.values()) {
    if (r.mode === 'test') continue;
    const b = latestBucket(r.status, r.reasonCode);
    latest.set(b, (latest.get(b) ?? 0) + 1);
    if (r.status === 'skipped' && r.reasonCode === 'no_payment_means') unpayable.set(r.key, r.invoiceId);
  }
  const real = new Map<number, { sent: number; failed: number }>();
  const testSent = new Map<number, number>();
  for (const r of history) {
    if (r.status !== 'sent' && r.status !== 'failed') continue;
    const q = quarterOf(r.at)!;
    if (r.mode === 'test') {
      if (r.status === 'sent') testSent.set(q, (testSent.get(q) ?? 0) + 1);
    } else {
      const c = real.get(q) ?? { sent: 0, failed: 0 };
      c[r.status]++;
      real.set(q, c);
    }
  }
  return { latest, unpayable, real, testSent };
}

const record = fc.record({
  key: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
  status: fc.constantFrom('sending', 'sent', 'pending', 'failed', 'skipped', 'uncertain', 'bounced'),
  reasonCode: fc.option(fc.constantFrom('no_payment_means', 'payments_stale', 'outside_catch_up_window'), {
    nil: undefined,
  }),
  test: fc.boolean(),
  minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
});

describe('the ledger tally', () => {
  it('agrees with a walk over the history after every append, and after a reload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regua-tally-'));
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(record, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
          async (batches) => {
            const file = join(dir, `deliveries-${run++}.jsonl`);
            const ledger = createLedger(file);
            await ledger.load();
            for (const batch of batches) {
              await ledger.record(
                batch.map((b): DeliveryRecord => ({
                  key: b.key,
                  status: b.status,
                  at: new Date(Date.UTC(2026, 2, 1) + b.minute * 60_000).toISOString(),
                  invoiceId: `f-${b.key}`,
                  customerId: 'c1',
                  dueDate: '2026-03-01',
                  origin: 'rule',
                  ruleId: 'r',
                  kind: 'on_due',
                  days: 0,
                  referenceDate: '2026-03-01',
                  ...(b.reasonCode ? { reasonCode: b.reasonCode } : {}),
                  ...(b.test ? { mode: 'test' as const } : {}),
                })),
              );
              expect(ledger.tally()).toEqual(walk(ledger.history()));
            }
            const reread = createLedger(file);
            await reread.load();
            expect(reread.tally()).toEqual(walk(ledger.history()));
            await Promise.all([ledger.close(), reread.close()]);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
