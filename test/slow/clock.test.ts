// The real `regua daemon`, run in UTC, against São Paulo slots. Firing checks use real node-schedule
// timers a few seconds ahead (the system clock cannot be changed here): the slot fires at its second
// for the São Paulo date, and a daemon paused across its slot (SIGSTOP, as a computer asleep) runs it
// when it wakes (SIGCONT). Planning checks set the daemon's clock with REGUA_NOW just after the
// 23:59:59 slot of 31/12 and the 00:00:00 slot of 01/01: the catch-up at start runs the right date.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, formatDateBR } from '../../shared/calendar';
import { dateInZone, slotInstant } from '../../shared/schedule';
import { collect, runCli, spawnCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const SP = 'America/Sao_Paulo';
const UTC = { TZ: 'UTC' };
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  await smtp.clear();
});

/** A data dir with a daily routine at `time` (São Paulo) and one notice that falls on `day`. */
async function dataDirFor(day: string, time: string) {
  const dataDir = await tempDir();
  const doc = baseDocument(smtp.port, {
    invoices: [invoice('f1', { issueDate: addDays(day, -30), dueDate: addDays(day, -13) })],
    routines: [
      {
        id: 'diaria',
        description: 'Envio',
        task: 'send_email',
        schedule: { frequency: 'daily', time },
        runOnHolidays: true,
        smtpAccountId: 'principal',
      },
    ],
  });
  const imported = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc)]);
  expect(imported.stderr).toBe('');
  return dataDir;
}

interface RunLine {
  date: string;
  trigger: string;
  status: string;
  scheduledFor?: string;
  startedAt: string;
}
const runsOf = async (dataDir: string) =>
  (await readFile(join(dataDir, 'runs.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RunLine);

/** Output of a running process, and a wait for a line matching `pattern`. */
function watch(child: ChildProcess) {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    output: () => out,
    async waitFor(pattern: RegExp, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return pattern.exec(out)!;
    },
  };
}

/** A slot `secondsAhead` from now, to the second, as the routine's time and date in São Paulo. */
function slotAhead(secondsAhead: number) {
  const fireAt = new Date(Math.ceil((Date.now() + secondsAhead * 1000) / 1000) * 1000);
  const time = fireAt.toLocaleTimeString('en-GB', { timeZone: SP, hour12: false });
  const day = dateInZone(fireAt, SP);
  return { fireAt, time, day, instant: slotInstant(day, time, SP).toISOString() };
}

describe('regua daemon in UTC, São Paulo slots (firing checks, real timers)', () => {
  it('fires the slot at its second, for the São Paulo date', async () => {
    const slot = slotAhead(15);
    const dataDir = await dataDirFor(slot.day, slot.time);
    const daemon = spawnCli(['--data-dir', dataDir, 'daemon'], { env: UTC });
    const done = collect(daemon, 120_000);
    const out = watch(daemon);
    const [, armedFor] = await out.waitFor(/próxima execução de diaria: (\S+)/);
    expect(armedFor).toBe(slot.instant);
    await out.waitFor(new RegExp(`rotina diaria ${formatDateBR(slot.day)} \\(schedule\\): 1 enviado`));
    daemon.kill('SIGTERM');
    await done;
    const [run] = (await runsOf(dataDir)).filter((r) => r.status === 'completed');
    expect(run).toMatchObject({ date: slot.day, trigger: 'schedule', scheduledFor: slot.instant });
    expect(run!.startedAt >= slot.instant).toBe(true); // never early
    expect(await smtp.messages()).toHaveLength(1);
  });

  it('a daemon paused across its slot (SIGSTOP, a computer asleep) runs the slot when it wakes', async () => {
    const slot = slotAhead(15);
    const dataDir = await dataDirFor(slot.day, slot.time);
    const daemon = spawnCli(['--data-dir', dataDir, 'daemon'], { env: UTC });
    const done = collect(daemon, 120_000);
    const out = watch(daemon);
    await out.waitFor(/próxima execução de diaria/);
    daemon.kill('SIGSTOP');
    // Asleep until well after the slot: nothing may run meanwhile.
    await new Promise((r) => setTimeout(r, Math.max(0, slot.fireAt.getTime() - Date.now()) + 5_000));
    expect(await runsOf(dataDir)).toEqual([]);
    const wokeAt = new Date().toISOString();
    daemon.kill('SIGCONT');
    await out.waitFor(new RegExp(`rotina diaria ${formatDateBR(slot.day)} \\(schedule\\): 1 enviado`));
    daemon.kill('SIGTERM');
    await done;
    const runs = (await runsOf(dataDir)).filter((r) => r.status === 'completed');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ date: slot.day, trigger: 'schedule', scheduledFor: slot.instant });
    expect(runs[0]!.startedAt >= wokeAt).toBe(true); // it ran on waking, for the slot it slept through
    expect(await smtp.messages()).toHaveLength(1);
  });
});

describe('regua daemon in UTC at the edges of the São Paulo day (planning checks, REGUA_NOW)', () => {
  const cases = [
    // 23:59:59 of 31/12 in São Paulo is already 01/01 in UTC: the run is for 31/12.
    { time: '23:59:59', now: '2027-01-01T02:59:59.500Z', day: '2026-12-31' },
    // 00:00:00 of 01/01 in São Paulo is 03:00:00Z: the run is for 01/01.
    { time: '00:00:00', now: '2027-01-01T03:00:00.500Z', day: '2027-01-01' },
    // A leap day, just after its midnight slot.
    { time: '00:00:00', now: '2028-02-29T03:00:01.000Z', day: '2028-02-29' },
  ];
  for (const c of cases)
    it(`a ${c.time} slot, the daemon started at ${c.now}: runs for ${formatDateBR(c.day)}`, async () => {
      const dataDir = await dataDirFor(c.day, c.time);
      // The slot before it ran; this one is missed when the daemon starts, so it runs at once.
      const before = await runCli(['--data-dir', dataDir, 'run', '--date', addDays(c.day, -1)]);
      expect(before.code, before.stderr).toBe(0);
      const daemon = spawnCli(['--data-dir', dataDir, 'daemon'], { env: { ...UTC, REGUA_NOW: c.now } });
      const done = collect(daemon, 120_000);
      const out = watch(daemon);
      await out.waitFor(/próxima execução de diaria/);
      await out.waitFor(new RegExp(`rotina diaria ${formatDateBR(c.day)} \\(catch-up\\): 1 enviado`));
      daemon.kill('SIGTERM');
      await done;
      const run = (await runsOf(dataDir)).find((r) => r.trigger === 'catch-up' && r.status === 'completed');
      expect(run).toMatchObject({ date: c.day, scheduledFor: slotInstant(c.day, c.time, SP).toISOString() });
      const [mail] = await smtp.messages();
      expect(mail!.text).toContain(formatDateBR(addDays(c.day, -13))); // the invoice due 13 days before
    });
});
