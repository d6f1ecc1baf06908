// Target 4, run in its own process so its peak RSS is the app's alone:
// open the app on the 100k data dir, plan a day, prepare some of its e-mails (PDFs drawn, parts
// encoded), save a settings change, mark invoices paid, flush.
// Prints one JSON line: { maxRssKiB, steps: [[step, rssMiB, peakSoFarMiB]], due }.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine } from '../../main/engine';
import { RETRY, RUN_DATE } from './data';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: memory-child.ts <dataDir>');

const steps: [string, number, number][] = [];
const mark = (step: string) =>
  steps.push([
    step,
    Math.round(process.memoryUsage().rss / 2 ** 20),
    Math.round(process.resourceUsage().maxRSS / 1024),
  ]);

mark('modules');
const app = await createEngine({ dataDir, retry: RETRY });
mark('app open');
const report = await app.runner.runRoutine('diaria', {
  date: RUN_DATE,
  trigger: 'manual',
  honourCalendar: true,
  dryRun: true,
});
mark('planned');
// Each run composes them anew: what an earlier run prepared is removed first.
await rm(join(dataDir, 'cache'), { recursive: true, force: true });
const preparedCount = 300;
const prepared = await app.composer.prepare(report.due.slice(0, preparedCount), RUN_DATE);
if (prepared.composed !== preparedCount) throw new Error(`prepared ${JSON.stringify(prepared)}`);
mark(`${preparedCount} e-mails prepared`);
await app.update((tx) => {
  const settings = tx.settings();
  tx.setSettings({
    ...settings,
    company: settings.company && { ...settings.company, phone: '(11) 4002-8923' },
  });
});
mark('settings saved');
const paid = app.store
  .invoices()
  .filter((i) => i.status === 'open')
  .slice(0, 500)
  .map((i) => ({ ...i, status: 'paid' as const }));
await app.update((tx) => tx.upsertInvoices(paid));
mark('500 paid, written');
await app.close();
mark('closed');
if (report.due.length === 0) throw new Error('the planned day has no due notices');
console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, steps }));
