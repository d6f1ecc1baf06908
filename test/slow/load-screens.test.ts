// A 50,000-notice "Executar agora" while the screens keep asking (Faturas, Clientes, Início, the run's
// progress): every request answered, the progress bar right (counts never go back, the last one is
// the run's report and the ledger's), every notice sent once, memory bounded by a generous limit.
// Latencies are figures, not assertions: `npm run bench -- load` prints p50/p95/max against 200 ms.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { quantile } from '../bench/stats';
import { loadRun } from '../bench/load';

// 20,000 by default, what fits the slow suite's ~3 minutes on a loaded 2-core machine (the run goes
// at ~150-200 notices a second with the screens asking); REGUA_LOAD_NOTICES=50000 runs the issue's
// size (~5-6 minutes), and `npm run bench -- load` measures it.
const NOTICES = Number(process.env.REGUA_LOAD_NOTICES ?? 20_000);
/** Generous: the 50,000 invoices and customers themselves live in memory; a leak per notice would not fit. */
const RSS_LIMIT_MB = 1536;

it(`a ${NOTICES.toLocaleString('en')}-notice run with the screens open: progress right, no request failed`, async () => {
  const root = await mkdtemp(join(tmpdir(), 'regua-load-'));
  try {
    const r = await loadRun(root, NOTICES);
    const all = [...r.latencies.values()].flat();
    console.log(
      `load-screens: ${NOTICES} notices in ${(r.runMs / 1000).toFixed(1)} s; ${all.length} screen calls, ` +
        `p50 ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms, ` +
        `max ${Math.max(...all).toFixed(1)} ms; rss peak ${r.rssPeakMb.toFixed(0)} MB, heap ${r.heapPeakMb.toFixed(0)} MB`,
    );
    expect(r.failures).toEqual([]);
    expect(all.length).toBeGreaterThan(10);
    expect(r.report.status).toBe('completed');
    expect(r.report.counts.sent).toBe(NOTICES);
    expect(r.messagesReceived).toBe(NOTICES);
    expect(r.ledger).toEqual({ sent: NOTICES });
    // The progress bar: never goes back, each count within the total, ends where the report ends.
    expect(r.progress.length).toBeGreaterThan(0);
    for (let i = 1; i < r.progress.length; i++) {
      const [a, b] = [r.progress[i - 1]!, r.progress[i]!];
      expect(b.done, `progress ${i}`).toBeGreaterThanOrEqual(a.done);
      for (const k of ['sent', 'failed', 'pending', 'skipped', 'uncertain'] as const)
        expect(b.counts[k], `progress ${i} ${k}`).toBeGreaterThanOrEqual(a.counts[k]);
    }
    for (const p of r.progress) {
      expect(p.total).toBe(NOTICES);
      expect(p.done).toBeLessThanOrEqual(p.total);
      expect(p.counts.sent + p.counts.failed + p.counts.pending + p.counts.uncertain).toBeLessThanOrEqual(
        p.done,
      );
    }
    const last = r.progress.at(-1)!;
    expect(last.done).toBe(NOTICES);
    expect(last.counts).toEqual(r.report.counts);
    expect(r.rssPeakMb).toBeLessThan(RSS_LIMIT_MB);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
