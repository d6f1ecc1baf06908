// `regua plan --json` for a whole year, as a user runs it (the real command, its own process), over
// 10k, 100k and 1M invoices × 8 rules: wall time, peak RSS and bytes written, side by side, so the
// growth can be seen to be linear. Target: under 400 MB at 100k (the output streams; it used to
// peak at 2.1 GB). The data dirs are generated once and kept under test-results/bench/plan-data/.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SCHEMA_VERSION } from '../../main/services/store/migrations/index';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';
import { datasetRecords, writeDataDir } from './data';
import { ms, type Row } from './stats';

export const PLAN_RSS_TARGET_MB = 400;
export const PLAN_SIZES = [10_000, 100_000, 1_000_000] as const;
const FROM = '2026-01-01';
const TARGET_RUNS = 3;
const TO = '2026-12-31';
/** Bump when datasetRecords or the file layout changes, so cached data dirs are made again. */
const DATA_VERSION = 1;
const CACHE = fileURLToPath(new URL('../../test-results/bench/plan-data/', import.meta.url));
const REGUA = fileURLToPath(new URL('../../bin/regua.js', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/** A file of the store, `{ schemaVersion, <key>: [...] }`, written record by record. */
function recordFile(file: string, key: string) {
  const out = createWriteStream(`${file}.tmp`);
  let first = true;
  let pending: string[] = [];
  const flush = async () => {
    if (!out.write(pending.join(''))) await once(out, 'drain');
    pending = [];
  };
  return {
    start: () => out.write(`{"schemaVersion":${SCHEMA_VERSION},"${key}":[`),
    async add(record: unknown) {
      pending.push(`${first ? '' : ','}${JSON.stringify(record)}`);
      first = false;
      if (pending.length >= 1000) await flush();
    },
    async end() {
      await flush();
      out.end(']}\n');
      await once(out, 'finish');
      await rename(`${file}.tmp`, file);
    },
  };
}

/**
 * The data dir for `count` invoices: settings imported through the engine as staff would, then the
 * customers and invoices streamed straight into their files (a million records through one
 * in-memory transaction would measure the generator, not `regua plan`).
 */
async function planDataDir(count: number): Promise<{ dir: string; generatedMs: number | null }> {
  const dir = join(CACHE, String(count));
  const stamp = JSON.stringify({ count, seed: 1, DATA_VERSION, SCHEMA_VERSION });
  if ((await readFile(join(dir, 'stamp.json'), 'utf8').catch(() => '')) === stamp)
    return { dir, generatedMs: null };
  const t = performance.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeDataDir(dir, { customers: [], invoices: [] }, 2525, false);
  const customers = recordFile(join(dir, 'customers.json'), 'customers');
  const invoices = recordFile(join(dir, 'invoices.json'), 'invoices');
  customers.start();
  invoices.start();
  for (const [customer, invoice] of datasetRecords(count, 1)) {
    await customers.add(customer);
    await invoices.add(invoice);
  }
  await Promise.all([customers.end(), invoices.end()]);
  await writeFile(join(dir, 'stamp.json'), stamp);
  return { dir, generatedMs: performance.now() - t };
}

interface PlanRun {
  ms: number;
  maxRssMB: number;
  bytes: number;
}

async function measurePlan(dataDir: string): Promise<PlanRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', REPORT_RSS, REGUA, '--data-dir', dataDir, 'plan', '--from', FROM, '--to', TO, '--json'],
    { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let bytes = 0;
  let stderr = '';
  let rss = '';
  child.stdout!.on('data', (d: Buffer) => (bytes += d.length));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  const elapsed = performance.now() - started;
  if (code !== 0) throw new Error(`regua plan exited ${code}: ${stderr.slice(0, 500)}`);
  return { ms: elapsed, maxRssMB: (JSON.parse(rss) as { maxRssKiB: number }).maxRssKiB / 1024, bytes };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const size = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

export async function benchPlan(sizes: readonly number[] = PLAN_SIZES): Promise<Row[]> {
  if (!(await ensureCliBundle())) throw new Error('the CLI bundle could not be built');
  const rows: Row[] = [];
  const runs: { count: number; run: PlanRun }[] = [];
  for (const count of sizes) {
    const { dir, generatedMs } = await planDataDir(count);
    // Where the peak lands depends on when V8 collects: the budget is for the worst of a few runs.
    const atTarget = count === 100_000;
    const tries: PlanRun[] = [];
    for (let i = 0; i < (atTarget ? TARGET_RUNS : 1); i++) tries.push(await measurePlan(dir));
    const run = tries.reduce((a, b) => (b.maxRssMB > a.maxRssMB ? b : a));
    runs.push({ count, run });
    rows.push({
      metric: `plan --json, a year, ${size(count)} invoices × 8 rules: time / peak RSS / output`,
      measured: `${(run.ms / 1000).toFixed(1)} s / ${run.maxRssMB.toFixed(0)} MB / ${mb(run.bytes)}`,
      target: atTarget ? `RSS < ${PLAN_RSS_TARGET_MB} MB` : '',
      ratio:
        (atTarget
          ? `${(run.maxRssMB / PLAN_RSS_TARGET_MB).toFixed(2)}× of budget, worst of ${TARGET_RUNS} (${tries.map((t) => t.maxRssMB.toFixed(0)).join(', ')} MB); `
          : '') +
        `${((run.ms * 1000) / count).toFixed(1)} µs and ${(run.bytes / count / 1024).toFixed(1)} KiB per invoice` +
        (generatedMs === null ? '' : `; data dir generated in ${ms(generatedMs)}`),
      pass: atTarget ? run.maxRssMB < PLAN_RSS_TARGET_MB : null,
    });
  }
  // Linear: ten times the invoices costs about ten times the time and output (within 1.5×).
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i - 1]!;
    const b = runs[i]!;
    const n = b.count / a.count;
    const time = b.run.ms / a.run.ms;
    const out = b.run.bytes / a.run.bytes;
    const rss = b.run.maxRssMB / a.run.maxRssMB;
    rows.push({
      metric: `  growth ${size(a.count)} → ${size(b.count)} (${n}× invoices): time / RSS / output`,
      measured: `×${time.toFixed(1)} / ×${rss.toFixed(1)} / ×${out.toFixed(1)}`,
      target: `time ≤ ${(n * 1.5).toFixed(0)}×`,
      ratio: 'RSS includes the ~60 MB a node process starts with',
      pass: time <= n * 1.5,
    });
  }
  return rows;
}
