// Target 4: peak RSS of the app working on 100k invoices, measured in a child process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Row } from './stats';

export const PEAK_RSS_TARGET_MB = 400;

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

export async function benchMemory(dataDir: string): Promise<Row[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [RUN_TS, CHILD, dataDir], {
    maxBuffer: 1 << 20,
    timeout: 120_000,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
    maxRssKiB: number;
    steps: [string, number][];
    due: number;
  };
  const peakMb = result.maxRssKiB / 1024;
  return [
    {
      metric: 'peak RSS, 100k invoices: open+plan+save+upsert',
      measured: `${peakMb.toFixed(0)} MB`,
      target: `< ${PEAK_RSS_TARGET_MB} MB`,
      ratio: `${(peakMb / PEAK_RSS_TARGET_MB).toFixed(2)}× of budget`,
      pass: peakMb < PEAK_RSS_TARGET_MB,
    },
    {
      metric: 'RSS after each step (MB)',
      measured: result.steps.map(([step, mb]) => `${step} ${mb}`).join(', '),
      target: '',
      pass: null,
    },
  ];
}
