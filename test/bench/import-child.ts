// The 50,000-line CSV import, in its own process so its peak RSS is the import's alone: open the
// engine on a data dir with two billing methods, import the file through the one import path
// (parse, plan and write under the lock), then import it again (nothing changes).
// Prints one JSON line: the first import's wall and CPU time and the peak RSS up to its end, the
// second's time, and what they reported.
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../main/engine';
import { importFile } from '../../main/services/import/apply';

const [dataDir, csv] = process.argv.slice(2);
if (!dataDir || !csv) throw new Error('usage: import-child.ts <dataDir> <file.csv>');

const app = await createEngine({ dataDir });
const request = async () => ({
  bytes: await readFile(csv),
  fileName: basename(csv),
  baseDir: dirname(csv),
  onlyValid: true,
});
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const c0 = cpuMs();
const first = await importFile(app, await request());
const firstMs = performance.now() - t0;
const firstCpuMs = cpuMs() - c0;
const firstMaxRssKiB = process.resourceUsage().maxRSS;
const t1 = performance.now();
const second = await importFile(app, await request());
const secondMs = performance.now() - t1;
await app.close();
console.log(
  JSON.stringify({
    firstMs,
    firstCpuMs,
    firstMaxRssKiB,
    secondMs,
    rejectedLines: new Set(first.rejected.map((r) => r.line)).size,
    invoicesCreated: first.counts?.invoices.created ?? 0,
    secondSummary: second.summary,
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
