// Load with the screens open: a big "Executar agora" run (50,000 notices by default) against the real
// test SMTP server while the API keeps answering what the open screens ask for (Faturas, Clientes,
// Início, the run's progress), in the process that runs it, as the desktop app and `regua serve` do.
// Measures each answer's latency, follows the run's progress events and samples the memory.
// Shared by `npm run bench` (the `load` section: the figures, < 200 ms the target) and
// test/slow/load-screens.test.ts (correctness only: progress right, no request failed, memory bounded).
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHandlers, invoke } from '../../main/api/index';
import { createEngine } from '../../main/engine';
import type { RunCounts } from '../../shared/records';
import { startSmtpServer } from '../support/smtp-server';
import { generateDataset, RUN_DATE, writeDataDir } from './data';
import { ms, quantile, type Row } from './stats';

/** What the open screens ask for, in turn, while the run goes on. */
const SCREEN_CALLS: [string, unknown][] = [
  ['invoices.list', { page: 1, pageSize: 50 }],
  ['customers.list', { page: 1, pageSize: 50 }],
  ['dashboard.summary', {}],
  ['scheduler.status', {}],
  ['runs.list', { routineId: 'diaria', limit: 20 }],
  ['invoices.list', { page: 37, pageSize: 50, status: 'open' }],
];

export interface LoadResult {
  notices: number;
  runMs: number;
  report: { status: string; counts: RunCounts };
  /** Latency of every screen call, ms, by method. */
  latencies: Map<string, number[]>;
  failures: string[];
  /** run.progress events in order. */
  progress: { done: number; total: number; counts: RunCounts }[];
  /** When each progress event arrived, ms since the run started. */
  progressAt: number[];
  /** The ledger's latest state per key at the end, counted. */
  ledger: Record<string, number>;
  messagesReceived: number;
  rssPeakMb: number;
  heapPeakMb: number;
}

/**
 * Runs the routine over `notices` open invoices on one day, with the screens polling every `gapMs`
 * (`screens: false`: nobody asks, the run alone, for comparison).
 */
export async function loadRun(
  root: string,
  notices = 50_000,
  gapMs = 100,
  { screens: withScreens = true } = {},
): Promise<LoadResult> {
  await mkdir(join(root, 'smtp-load'), { recursive: true });
  const smtp = await startSmtpServer({ dir: join(root, 'smtp-load') });
  const dataDir = join(root, 'load');
  try {
    // One "after due 13" notice per invoice on RUN_DATE, without the PDF nor the PIX QR code image
    // (the run, not the drawing: composing cold is the sending bench's concern). The boleto's
    // linha digitável is the way to pay.
    const dataset = generateDataset(notices, 11, { dueOffset: -13 });
    dataset.invoices = dataset.invoices.map((invoice) => ({ ...invoice, pixCode: null }));
    await writeDataDir(dataDir, dataset, smtp.port, false);
    const now = new Date(`${RUN_DATE}T12:00:00Z`);
    const app = await createEngine({
      dataDir,
      clock: { now: () => now },
      retry: { attempts: 2, delayMs: 100 },
    });
    try {
      await app.update((tx) => {
        const settings = tx.settings();
        tx.setSettings({
          ...settings,
          billingMethods: settings.billingMethods.map((m) => ({
            ...m,
            sendRules: m.sendRules.map((r) => ({ ...r, attachInvoice: false })),
          })),
        });
      });
      const handlers = createHandlers({ engine: app });
      const progress: LoadResult['progress'] = [];
      const progressAt: number[] = [];
      let started = performance.now();
      const unsubscribe = app.events.subscribe((e) => {
        if (e.name !== 'run.progress') return;
        progress.push(e.payload);
        progressAt.push(performance.now() - started);
      });
      const latencies = new Map<string, number[]>();
      const failures: string[] = [];
      let rssPeak = 0;
      let heapPeak = 0;
      const sample = () => {
        const m = process.memoryUsage();
        rssPeak = Math.max(rssPeak, m.rss);
        heapPeak = Math.max(heapPeak, m.heapUsed);
      };
      const sampler = setInterval(sample, 100);
      let running = withScreens;
      const screens = (async () => {
        for (let i = 0; running; i++) {
          const [name, input] = SCREEN_CALLS[i % SCREEN_CALLS.length]!;
          const t = performance.now();
          const result = await invoke(handlers, name, input);
          const took = performance.now() - t;
          if (!result.ok) failures.push(`${name}: ${result.error.code}: ${result.error.message}`);
          latencies.set(name, [...(latencies.get(name) ?? []), took]);
          await new Promise((r) => setTimeout(r, gapMs));
        }
      })();
      started = performance.now();
      const result = await invoke(handlers, 'routines.runNow', { routineId: 'diaria', date: RUN_DATE });
      const runMs = performance.now() - started;
      running = false;
      await screens;
      clearInterval(sampler);
      sample();
      unsubscribe();
      if (!result.ok) throw new Error(`routines.runNow: ${result.error.message}`);
      const report = result.value as LoadResult['report'];
      const ledger: Record<string, number> = {};
      const latest = new Map<string, string>();
      for (const r of app.ledger.history()) latest.set(r.key, r.status);
      for (const status of latest.values()) ledger[status] = (ledger[status] ?? 0) + 1;
      return {
        notices,
        runMs,
        report,
        latencies,
        failures,
        progress,
        progressAt,
        ledger,
        messagesReceived: (await readdir(smtp.dir)).filter((f) => f.endsWith('.eml')).length,
        rssPeakMb: rssPeak / 2 ** 20,
        heapPeakMb: heapPeak / 2 ** 20,
      };
    } finally {
      await app.close();
    }
  } finally {
    await smtp.stop();
  }
}

export const LOAD_LATENCY_TARGET_MS = 200;

/** Notices per second over the first and the last tenth of the run. */
export function startEndRates(r: LoadResult): { start: number; end: number } {
  const at = r.progressAt;
  const tenth = Math.max(1, Math.floor(at.length / 10));
  const rate = (from: number, to: number) => ((to - from) / (at[to]! - at[from]!)) * 1000;
  if (at.length < 3) return { start: NaN, end: NaN };
  return { start: rate(0, tenth), end: rate(at.length - 1 - tenth, at.length - 1) };
}

const perSecond = (r: LoadResult) => (r.notices / r.runMs) * 1000;

/** The bench's `load` section: the run alone, then the same run with the screens asking. */
export async function benchLoad(root: string): Promise<Row[]> {
  const notices = Number(process.env.REGUA_LOAD_NOTICES ?? 50_000);
  const alone = await loadRun(join(root, 'alone'), notices, 100, { screens: false });
  const r = await loadRun(join(root, 'screens'), notices, 100);
  const all = [...r.latencies.values()].flat();
  const ratio = perSecond(r) / perSecond(alone);
  const rows: Row[] = [];
  for (const [label, run] of [
    ['alone', alone],
    ['with the screens polling', r],
  ] as const) {
    const { start, end } = startEndRates(run);
    rows.push({
      metric: `load: ${notices.toLocaleString('en')}-notice run, ${label}`,
      measured: `${(run.runMs / 1000).toFixed(1)} s`,
      target: 'info',
      ratio: `${perSecond(run).toFixed(0)} msg/s (first tenth ${start.toFixed(0)}, last ${end.toFixed(0)}); rss peak ${run.rssPeakMb.toFixed(0)} MB`,
      pass: run.report.counts.sent === notices ? null : false,
    });
  }
  rows.push({
    metric: '  run rate with the screens / alone',
    measured: ratio.toFixed(2),
    target: '≥ 0.8',
    ratio: `${all.length} screen calls, ${r.failures.length} failed`,
    pass: ratio >= 0.8 && r.failures.length === 0,
  });
  for (const [name, xs] of [['all screen calls', all] as const, ...r.latencies]) {
    const p95 = quantile(xs, 0.95);
    rows.push({
      metric: `  ${name}: p50 / p95 / max`,
      measured: `${ms(quantile(xs, 0.5))} / ${ms(p95)} / ${ms(Math.max(...xs))}`,
      target: `p95 < ${LOAD_LATENCY_TARGET_MS} ms`,
      pass: p95 < LOAD_LATENCY_TARGET_MS,
    });
  }
  rows.push({
    metric: '  memory peak with the screens: rss / heap',
    measured: `${r.rssPeakMb.toFixed(0)} MB / ${r.heapPeakMb.toFixed(0)} MB`,
    target: 'info',
    pass: null,
  });
  return rows;
}
