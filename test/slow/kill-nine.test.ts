// kill -9 at random points, ten times each, of `regua run`, `regua daemon` and `regua serve` (its
// "Executar agora") during a 1,000-notice run against the real test SMTP server, each killed process
// restarted to carry on. After every kill: nothing received twice, nothing recorded as sent that the
// server did not get, nothing received that the ledger does not know may have gone (sent ⊆ received ⊆
// sent ∪ uncertain ∪ the dead sender's in-flight `sending`). At the end: every notice sent or flagged
// uncertain with its reason, none lost, no run left `running`.
//
// Kill points: about a third are a random time after the start (opening the data, settling what the
// last process left, planning, the first sends); the rest wait for a random number of new messages
// at the server (mid-send, with up to ten notices between `sending` and their outcome). The seed is
// printed; REGUA_KILL_SEED=<seed> replays the same choices (the machine's timing still varies).
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IN_FLIGHT } from '../../main/services/delivery';
import { collect, runCli, spawnCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { checkAccounts, ledgerOf } from '../support/ledger-check';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const N = 1000;
const KILLS = 10;
const DAY = '2021-03-05';
const seed = Number(process.env.REGUA_KILL_SEED ?? Date.now() % 1_000_000);
console.log(`kill-nine: REGUA_KILL_SEED=${seed}`);

/** mulberry32, as the bench data uses: the same choices for the same seed. */
function rng(s: number) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  await smtp.clear();
  await smtp.setFaults({ dataDelayMs: 5 });
});

const received = async () => (await readdir(smtp.dir)).filter((f) => /^\d+\.eml$/.test(f)).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 1,000 customers whose invoices' "after due 13" notices fall on DAY; the day before already ran. */
async function thousandNotices() {
  const dataDir = await tempDir();
  const doc = baseDocument(smtp.port, {
    customers: Array.from({ length: N }, (_, i) => ({
      id: `c${i}`,
      name: `Cliente ${i}`,
      email: `c${i}@cliente.example`,
    })),
    invoices: Array.from({ length: N }, (_, i) =>
      invoice(`f${i}`, { customerId: `c${i}`, number: `N-${i}` }),
    ),
  });
  const imported = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc)], {
    timeoutMs: 120_000,
  });
  expect(imported.stderr).toBe('');
  const yesterday = await runCli(['--data-dir', dataDir, 'run', '--date', '2021-03-04']);
  expect(yesterday.code, yesterday.stderr).toBe(0);
  return dataDir;
}

/** Waits for a random kill point of this process's life, then kills it with SIGKILL. */
async function killAtRandom(child: ChildProcess, startedAt: number): Promise<string> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let point: string;
  if (random() < 0.35) {
    const ms = Math.floor(random() * 1500);
    point = `${ms} ms after start`;
    await Promise.race([sleep(Math.max(0, startedAt + ms - Date.now())), exited]);
  } else {
    const more = 1 + Math.floor(random() * 70);
    const target = (await received()) + more;
    point = `after ${more} more message(s)`;
    while ((await received()) < target && child.exitCode === null && child.signalCode === null)
      await sleep(5);
  }
  child.kill('SIGKILL');
  await exited;
  return point;
}

/** What a dead sender may leave behind, checked right after each kill. */
async function afterKill(dataDir: string, round: number, point: string) {
  const label = `kill ${round} (${point}):`;
  const accounts = await checkAccounts(dataDir, smtp, undefined, label, true);
  expect(accounts.count('sending'), `${label} notices in flight`).toBeLessThanOrEqual(IN_FLIGHT);
  return accounts;
}

/** The end: every notice accounted for, none sent twice, no run left running. */
async function atTheEnd(dataDir: string, kills: number) {
  const accounts = await checkAccounts(dataDir, smtp, N, 'end');
  expect(accounts.count('sent') + accounts.count('uncertain'), 'sent or uncertain').toBe(N);
  expect(accounts.count('uncertain')).toBeLessThanOrEqual(kills * IN_FLIGHT);
  const runs = new Map<string, string>();
  for (const line of (await readFile(join(dataDir, 'runs.jsonl'), 'utf8')).trim().split('\n')) {
    const run = JSON.parse(line) as { id: string; status: string };
    runs.set(run.id, run.status);
  }
  expect([...runs.values()].filter((s) => s === 'running')).toEqual([]);
  console.log(
    `kill-nine: ${kills} kills, ${accounts.count('sent')} sent, ${accounts.count('uncertain')} uncertain, ` +
      `${accounts.received} received, ${[...runs.values()].filter((s) => s === 'interrupted').length} runs interrupted`,
  );
}

const allSettled = async (dataDir: string) =>
  [...(await ledgerOf(dataDir)).values()].filter((r) => r.status === 'sent' || r.status === 'uncertain')
    .length;

describe('kill -9 at random points during a 1,000-notice run', () => {
  it('regua run, killed ten times and run again: nothing lost, nothing sent twice', async () => {
    const dataDir = await thousandNotices();
    for (let round = 1; round <= KILLS; round++) {
      const child = spawnCli(['--data-dir', dataDir, 'run', '--date', DAY], {
        env: { REGUA_PREPARE_DELAY_MS: '600000' },
      });
      void collect(child, 300_000).catch(() => undefined);
      const point = await killAtRandom(child, Date.now());
      await afterKill(dataDir, round, point);
    }
    const last = await runCli(['--data-dir', dataDir, 'run', '--date', DAY], { timeoutMs: 300_000 });
    expect(last.stderr).not.toMatch(/erro inesperado/);
    await atTheEnd(dataDir, KILLS);
  });

  it('regua daemon, killed ten times and started again the same day: it resumes the slot each time', async () => {
    const dataDir = await thousandNotices();
    const env = (minute: number) => ({
      REGUA_NOW: `${DAY}T15:${String(minute).padStart(2, '0')}:00Z`, // past the 08:10 slot in São Paulo
      REGUA_PREPARE_DELAY_MS: '600000',
    });
    for (let round = 1; round <= KILLS; round++) {
      const child = spawnCli(['--data-dir', dataDir, 'daemon'], { env: env(round) });
      void collect(child, 300_000).catch(() => undefined);
      const point = await killAtRandom(child, Date.now());
      await afterKill(dataDir, round, point);
    }
    const daemon = spawnCli(['--data-dir', dataDir, 'daemon'], { env: env(KILLS + 1) });
    const done = collect(daemon, 300_000);
    await expect.poll(() => allSettled(dataDir), { timeout: 240_000, interval: 500 }).toBe(N);
    daemon.kill('SIGTERM');
    const out = await done;
    expect(out.stdout).toMatch(/rotina diaria 05\/03\/2021 \(catch-up\)/);
    await atTheEnd(dataDir, KILLS);
  });

  it('regua serve, killed ten times during "Executar agora" and started again: nothing lost, nothing sent twice', async () => {
    const dataDir = await thousandNotices();
    // 07:00 in São Paulo: before the day's slot, so a restarted serve has nothing of its own to resume.
    const env = { REGUA_NOW: `${DAY}T10:00:00Z`, REGUA_PREPARE_DELAY_MS: '600000' };
    for (let round = 1; round <= KILLS; round++) {
      const served: Served = await startServe(dataDir, env);
      const startedAt = Date.now();
      void apiCall(served, 'routines.runNow', { routineId: 'diaria', date: DAY }).catch(() => undefined);
      const point = await killAtRandom(served.process, startedAt);
      await afterKill(dataDir, round, point);
    }
    const served = await startServe(dataDir, env);
    try {
      const run = await apiCall<{ status: string; reason?: string | null }>(served, 'routines.runNow', {
        routineId: 'diaria',
        date: DAY,
      });
      expect(run.status, run.reason ?? '').toBe('completed');
    } finally {
      await served.stop();
    }
    await atTheEnd(dataDir, KILLS);
  });
});
