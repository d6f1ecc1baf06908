// `npm run bench`: the performance targets, measured side by side in one run.
// Prints a table and exits 1 when any target is missed (or a section could not be measured).
// `npm run bench -- cli planner` runs only the named sections (sending, run, pdf, planner, settings,
// memory, import, cli, plan, load). `run`: whole `regua run` processes, prepared and cold, beside a bare one.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchCliRun } from './cli-run';
import { benchCliStart } from './cli-start';
import { generateDataset, writeDataDir } from './data';
import { benchImport } from './import';
import { benchLoad } from './load';
import { benchMemory } from './memory';
import { benchPdfCost } from './pdf-cost';
import { benchPlan } from './plan';
import { benchPlanner } from './planner';
import { benchSending } from './sending';
import { benchSettingsSave } from './settings-save';
import { ms, printTable, type Row } from './stats';

const INVOICES = 100_000;
const started = performance.now();
const root = await mkdtemp(join(tmpdir(), 'regua-bench-'));
const sections: Record<
  | 'planner'
  | 'sending'
  | 'run'
  | 'pdf'
  | 'settings'
  | 'memory'
  | 'import'
  | 'cli'
  | 'plan'
  | 'load'
  | 'setup',
  Row[]
> = {
  planner: [],
  sending: [],
  run: [],
  pdf: [],
  settings: [],
  memory: [],
  import: [],
  cli: [],
  plan: [],
  load: [],
  setup: [],
};
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in sections) || name === 'setup');
if (unknown.length) throw new Error(`unknown bench section(s): ${unknown.join(', ')}`);
// settings and memory measure the data dir the planner section writes.
const wanted = (name: keyof typeof sections) =>
  only.length === 0 ||
  only.includes(name) ||
  (name === 'planner' && only.some((n) => n === 'settings' || n === 'memory'));

async function section(name: keyof typeof sections, run: () => Promise<Row[]>): Promise<void> {
  if (!wanted(name)) return;
  const t = performance.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    sections[name].push(...(await run()));
  } catch (e) {
    sections[name].push({
      metric: `${name}: error`,
      measured: (e as Error).message,
      target: '',
      pass: false,
    });
  }
  process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

try {
  // Sending first, while this process holds no 100k dataset to garbage-collect mid-measurement.
  await section('sending', () => benchSending(root));
  await section('run', () => benchCliRun(root));
  await section('pdf', () => benchPdfCost());

  const bigDir = join(root, 'big');
  await section('planner', async () => {
    const t = performance.now();
    const dataset = generateDataset(INVOICES, 1);
    const generated = performance.now() - t;
    const rows = await benchPlanner(dataset);
    const w = performance.now();
    await writeDataDir(bigDir, dataset, 2525, false);
    sections.setup.push({
      metric: `setup: generate / write ${INVOICES.toLocaleString('en')}-invoice data dir`,
      measured: `${ms(generated)} / ${ms(performance.now() - w)}`,
      target: '',
      pass: null,
    });
    return rows;
  });
  await section('settings', () => benchSettingsSave(bigDir));
  await section('memory', () => benchMemory(bigDir));
  await section('import', () => benchImport(root));
  await section('cli', () => benchCliStart());
  await section('plan', () => benchPlan());
  await section('load', () => benchLoad(root));
} finally {
  await rm(root, { recursive: true, force: true });
}

const rows = [
  ...sections.planner,
  ...sections.sending,
  ...sections.run,
  ...sections.pdf,
  ...sections.settings,
  ...sections.memory,
  ...sections.import,
  ...sections.cli,
  ...sections.plan,
  ...sections.load,
];
console.log('');
printTable([...rows, ...sections.setup]);
const cpu = cpus();
console.log('');
console.log(
  `machine: ${cpu[0]?.model.trim() ?? 'unknown cpu'}, ${cpu.length} cores, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${process.platform}/${process.arch}, ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (wall times stretch when it is above the core count)`,
);
const failed = rows.filter((r) => r.pass === false);
console.log(
  `bench took ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    (failed.length ? `${failed.length} FAIL: ${failed.map((r) => r.metric).join('; ')}` : 'all targets met'),
);
process.exitCode = failed.length ? 1 : 0;
