// Target 3: a small settings change saved while 100k invoices are stored never rewrites them.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine } from '../../main/engine';
import { DATA_FILES } from '../../main/services/store/store';
import { median, ms, quantile, timeIt, type Row } from './stats';

export const SETTINGS_SAVE_TARGET_MS = 50;

export async function benchSettingsSave(dataDir: string): Promise<Row[]> {
  // Through the engine, as the screens save: the write lock and the queue are part of the cost.
  const engine = await createEngine({ dataDir });
  const store = engine.store;
  const invoicesFile = join(dataDir, DATA_FILES.invoices);
  const customersFile = join(dataDir, DATA_FILES.customers);
  const before = await Promise.all([stat(invoicesFile), stat(customersFile)]);
  let n = 0;
  const save = () =>
    engine.update((tx) => {
      const settings = tx.settings();
      const routines = settings.routines.map((r) => ({
        ...r,
        description: `Envio diário de faturas #${++n}`,
      }));
      tx.setSettings({ ...settings, routines });
    });
  const samples = await timeIt(save, 3, 20);
  await engine.close();
  const after = await Promise.all([stat(invoicesFile), stat(customersFile)]);
  const untouched = before.every((b, i) => b.mtimeMs === after[i]!.mtimeMs && b.size === after[i]!.size);
  const settingsOnDisk = (await stat(join(dataDir, DATA_FILES.settings))).mtimeMs;
  const p50 = median(samples);
  const count = store.invoices().length.toLocaleString('en');
  return [
    {
      metric: `settings save, ${count} invoices stored (median of 20)`,
      measured: `${ms(p50)} (p95 ${ms(quantile(samples, 0.95))})`,
      target: `< ${SETTINGS_SAVE_TARGET_MS} ms`,
      ratio: `${(p50 / SETTINGS_SAVE_TARGET_MS).toFixed(2)}× of budget`,
      pass: p50 < SETTINGS_SAVE_TARGET_MS,
    },
    {
      metric: 'invoices.json / customers.json mtime after saves',
      measured: untouched ? 'unchanged' : 'CHANGED',
      target: 'unchanged',
      ratio: settingsOnDisk > before[0]!.mtimeMs ? 'settings.json rewritten' : 'settings.json NOT rewritten',
      pass: untouched && settingsOnDisk > before[0]!.mtimeMs,
    },
  ];
}
