// Target 4: peak RSS of the app working on 100k invoices, measured in a child process: the code
// bundled as the desktop app ships it (the verdict), and run from source through tsx as `regua`
// does after npm install (whose loader adds its own ~30-40 MB).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { MAIN_BUNDLE } from '../../scripts/bundle-options.mjs';
import type { Row } from './stats';

export const PEAK_RSS_TARGET_MB = 400;

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
// Two levels below the root, like out/main/index.js, so the app finds assets/ the same way (and
// outside out/, which the installers pack).
const BUNDLED_CHILD = fileURLToPath(new URL('../../test-results/bench/memory-child.mjs', import.meta.url));

interface ChildResult {
  maxRssKiB: number;
  steps: [string, number, number][];
}

// The peak depends on when V8 happens to collect the parse/stringify garbage, so it varies by run;
// the budget is for the worst of a few.
const RUNS = 3;

async function peaks(command: string[]): Promise<ChildResult[]> {
  const results: ChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, command, {
      maxBuffer: 1 << 20,
      timeout: 120_000,
    });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
  }
  return results;
}

const worstOf = (results: ChildResult[]) => {
  const mb = results.map((r) => r.maxRssKiB / 1024);
  const worst = Math.max(...mb);
  return { mb, worst, run: results[mb.indexOf(worst)]! };
};

export async function benchMemory(dataDir: string): Promise<Row[]> {
  await build({ ...MAIN_BUNDLE, sourcemap: false, entryPoints: [CHILD], outfile: BUNDLED_CHILD });
  const shipped = worstOf(await peaks([BUNDLED_CHILD, dataDir]));
  const source = worstOf(await peaks([RUN_TS, CHILD, dataDir]));
  const runs = (mb: number[]) => `runs: ${mb.map((p) => p.toFixed(0)).join(', ')} MB`;
  return [
    {
      metric: `peak RSS, 100k invoices, app as shipped (bundled), worst of ${RUNS}`,
      measured: `${shipped.worst.toFixed(0)} MB`,
      target: `< ${PEAK_RSS_TARGET_MB} MB`,
      ratio: `${(shipped.worst / PEAK_RSS_TARGET_MB).toFixed(2)}× of budget (${runs(shipped.mb)})`,
      pass: shipped.worst < PEAK_RSS_TARGET_MB,
    },
    {
      metric: '  its worst run, RSS / peak so far after each step (MB)',
      measured: shipped.run.steps.map(([step, rss, peak]) => `${step} ${rss}/${peak}`).join(', '),
      target: '',
      pass: null,
    },
    {
      metric: `  the same from source through tsx (regua CLI), worst of ${RUNS}`,
      measured: `${source.worst.toFixed(0)} MB`,
      target: 'info',
      ratio: `${(source.worst / PEAK_RSS_TARGET_MB).toFixed(2)}× of budget (${runs(source.mb)})`,
      pass: null,
    },
  ];
}
