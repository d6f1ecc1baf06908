// `regua run` as a user runs it: whole processes of the bundled command (`node bin/regua.js run`),
// start included, N on-due notices with PDFs, against a bare pooled nodemailer process sending the
// same-sized messages to the same local SMTP server, rounds alternated so all see the same noise.
// Prepared: `regua prepare` ran before (not timed). Cold: nothing prepared, the run composes on its
// worker threads while it sends; also with REGUA_COMPOSE_WORKERS=0 (in-process), with 2 workers and,
// on Linux, held to one core (taskset).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Company } from '../../shared/domain';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';
import { defaultPoolSize } from '../../main/services/compose-pool';
import { createDocuments } from '../../main/services/documents';
import { loadDefaultLayouts, renderLayout } from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { BILLING_METHOD, RUN_DATE, generateDataset, settingsDocument, writeDataDir } from './data';
import type { Row } from './stats';

export const PREPARED_RATIO_TARGET = 0.75;
export const COLD_RATIO_TARGET = 0.6;
const NOTICES = Number(process.env.REGUA_BENCH_NOTICES ?? 2000);
const ROUNDS = 3;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REGUA = join(ROOT, 'bin', 'regua.js');
const BARE = join(ROOT, 'test', 'bench', 'bare-send.mjs');
// 07:00 in São Paulo on the run date: the routine's 08:10 slot has not come yet.
const NOW = `${RUN_DATE}T10:00:00.000Z`;

// Linux: a run can be held to one core, to show what the second one brings.
const TASKSET =
  process.platform === 'linux' ? ['/usr/bin/taskset', '/bin/taskset'].find(existsSync) : undefined;

const exec = (args: string[], env: Record<string, string> = {}, oneCore = false) =>
  promisify(execFile)(
    oneCore ? TASKSET! : process.execPath,
    oneCore ? ['-c', '0', process.execPath, ...args] : args,
    {
      cwd: ROOT,
      env: { ...process.env, REGUA_NOW: NOW, ...env },
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );

/** Seconds of a whole process, checked against what the server stored. */
async function timed(
  smtp: TestSmtpServer,
  args: string[],
  env: Record<string, string> = {},
  oneCore = false,
) {
  await smtp.clear();
  const start = performance.now();
  await exec(args, env, oneCore);
  const seconds = (performance.now() - start) / 1000;
  const stored = (await readdir(smtp.dir)).filter((f) => f.endsWith('.eml')).length;
  if (stored !== NOTICES) throw new Error(`SMTP server stored ${stored} messages, expected ${NOTICES}`);
  return seconds;
}

export async function benchCliRun(root: string): Promise<Row[]> {
  if (!(await ensureCliBundle()))
    throw new Error('the CLI bundle could not be built (is esbuild installed?)');
  // The test server stores every message as two files; on this disk that alone took 1.8-6.1 s of its
  // CPU for the same 2,000 messages, from one round to the next, on the two cores the senders share.
  // In memory (tmpfs, where there is one) the server costs ~1 s and the same for everyone, closer to
  // the in-memory sink of the issue's measurement (aiosmtpd). Régua's own data stays on the disk.
  const smtpDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : root, 'regua-bench-smtp-'));
  const smtp = await startSmtpServer({ dir: smtpDir });
  try {
    const dataset = generateDataset(NOTICES, 11, { dueOffset: 0 });
    const template = join(root, 'cli-template');
    await writeDataDir(template, dataset, smtp.port, true);
    const message = join(root, 'cli-message.json');
    await writeFile(message, JSON.stringify(await sampleMessage(dataset)));
    let n = 0;
    const fresh = async () => {
      const dir = join(root, `cli-run-${++n}`);
      await cp(template, dir, { recursive: true });
      return dir;
    };
    const run = (dir: string) => ['bin/regua.js', '--data-dir', dir, 'run', '--date', RUN_DATE];

    const times: Record<'bare' | 'prepared' | 'cold' | 'inProcess' | 'two', number[]> = {
      bare: [],
      prepared: [],
      cold: [],
      inProcess: [],
      two: [],
    };
    for (let r = 0; r < ROUNDS; r++) {
      times.bare.push(await timed(smtp, [BARE, String(smtp.port), String(NOTICES), message]));
      const prepared = await fresh();
      await exec([REGUA, '--data-dir', prepared, 'prepare', '--routine', 'diaria', '--date', RUN_DATE]);
      times.prepared.push(await timed(smtp, run(prepared)));
      times.cold.push(await timed(smtp, run(await fresh())));
      await rm(prepared, { recursive: true, force: true });
    }
    times.inProcess.push(await timed(smtp, run(await fresh()), { REGUA_COMPOSE_WORKERS: '0' }));
    times.two.push(await timed(smtp, run(await fresh()), { REGUA_COMPOSE_WORKERS: '2' }));
    // The same cold run on one core (the SMTP server still has both): how it scales with cores.
    const cores = availableParallelism();
    const oneCore = TASKSET && cores > 1 ? await timed(smtp, run(await fresh()), {}, true) : null;

    const best = (xs: number[]) => Math.min(...xs);
    const bare = best(times.bare);
    const all = (xs: number[]) => xs.map((x) => `${x.toFixed(1)} s`).join(', ');
    const row = (metric: string, xs: number[], target?: number): Row => ({
      metric,
      measured: `${best(xs).toFixed(1)} s (${(NOTICES / best(xs)).toFixed(0)} msg/s)`,
      target: target ? `≥ ${target} of bare` : xs === times.bare ? 'baseline' : 'info',
      ratio: `${(bare / best(xs)).toFixed(2)} of bare${xs.length > 1 ? ` (runs: ${all(xs)})` : ''}`,
      pass: target ? bare / best(xs) >= target : null,
    });
    const pool = defaultPoolSize({});
    return [
      row(`bare pooled nodemailer process, ${NOTICES} msgs with PDF, best of ${ROUNDS}`, times.bare),
      row(
        `regua run after regua prepare (bundled CLI, start incl.), best of ${ROUNDS}`,
        times.prepared,
        PREPARED_RATIO_TARGET,
      ),
      row(
        `regua run cold, ${pool} compose worker(s) on ${availableParallelism()} cores, best of ${ROUNDS}`,
        times.cold,
        COLD_RATIO_TARGET,
      ),
      row('  regua run cold, composing in-process (REGUA_COMPOSE_WORKERS=0)', times.inProcess),
      row('  regua run cold, 2 compose workers (REGUA_COMPOSE_WORKERS=2)', times.two),
      ...(oneCore === null
        ? []
        : [
            {
              metric: '  regua run cold held to 1 core (taskset -c 0), its default pool',
              measured: `${oneCore.toFixed(1)} s (${(NOTICES / oneCore).toFixed(0)} msg/s)`,
              target: 'info',
              ratio: `${(oneCore / best(times.cold)).toFixed(2)}× the time on ${cores} cores`,
              pass: null,
            },
          ]),
      {
        metric: '  load average after the runs (1/5/15 min)',
        measured: loadavg()
          .map((l) => l.toFixed(1))
          .join(' '),
        target: '',
        pass: null,
      },
    ];
  } finally {
    await smtp.stop();
    await rm(smtpDir, { recursive: true, force: true });
  }
}

/** One notice as Régua composes it (on-due layout), whose parts the bare process sends to everyone. */
async function sampleMessage(dataset: ReturnType<typeof generateDataset>) {
  const ctx = {
    company: settingsDocument(0).company as Company,
    customer: dataset.customers[0]!,
    invoice: dataset.invoices[0]!,
    billingMethodName: BILLING_METHOD.name,
    runDate: RUN_DATE,
    attachInvoice: true,
  };
  const layout = loadDefaultLayouts(assetsDir()).find((l) => l.id === 'boleto-no-vencimento')!;
  const pdf = await createDocuments().invoicePdf(ctx);
  return {
    ...renderLayout(layout, ctx),
    pdf: { filename: pdf.filename, base64: pdf.content.toString('base64') },
  };
}
