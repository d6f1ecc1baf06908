// Target 4: peak RSS of the app working on 100k invoices, measured in a child process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Row } from './stats';

export const PEAK_RSS_TARGET_MB = 400;

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

interface ChildResult {
  maxRssKiB: number;
  steps: [string, number, number][];
}

// The peak depends on when V8 happens to collect the parse/stringify garbage, so it varies by run;
// the budget is for the worst of a few.
const RUNS = 3;

export async function benchMemory(dataDir: string): Promise<Row[]> {
  const results: ChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [RUN_TS, CHILD, dataDir], {
      maxBuffer: 1 << 20,
      timeout: 120_000,
    });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
  }
  const peaks = results.map((r) => r.maxRssKiB / 1024);
  const worst = Math.max(...peaks);
  const worstRun = results[peaks.indexOf(worst)]!;
  return [
    {
      metric: `peak RSS, 100k invoices, worst of ${RUNS} runs`,
      measured: `${worst.toFixed(0)} MB`,
      target: `< ${PEAK_RSS_TARGET_MB} MB`,
      ratio: `${(worst / PEAK_RSS_TARGET_MB).toFixed(2)}× of budget (runs: ${peaks.map((p) => p.toFixed(0)).join(', ')} MB)`,
      pass: worst < PEAK_RSS_TARGET_MB,
    },
    {
      metric: 'worst run, RSS / peak so far after each step (MB)',
      measured: worstRun.steps.map(([step, rss, peak]) => `${step} ${rss}/${peak}`).join(', '),
      target: '',
      pass: null,
    },
  ];
}
