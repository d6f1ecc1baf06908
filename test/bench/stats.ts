// Small measuring helpers shared by the bench sections.
import { performance } from 'node:perf_hooks';

export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at] ?? NaN;
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

/** Runs `fn` `warmup` times untimed, then `iterations` times; returns each timed duration in ms. */
export async function timeIt(fn: () => unknown, warmup: number, iterations: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export interface Row {
  metric: string;
  measured: string;
  target: string;
  /** Null for an informational row. */
  pass: boolean | null;
  ratio?: string;
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

export function printTable(rows: readonly Row[]): void {
  const cells = rows.map((r) => [
    r.metric,
    r.measured,
    r.target,
    r.ratio ?? '',
    r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['metric', 'measured', 'target', 'ratio', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}
