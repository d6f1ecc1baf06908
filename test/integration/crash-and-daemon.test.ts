// Killing the process mid-run, corrupt files and the headless daemon: the real command, a real SMTP server.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { useSmtpServer } from '../support/api';
import { IN_FLIGHT } from '../../main/services/delivery';

const smtp = useSmtpServer();
let dataDir: string;

beforeEach(async () => {
  dataDir = await tempDir();
});

const regua = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
const customers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    name: `Cliente ${i}`,
    email: `c${i}@cliente.example`,
  }));
const invoices = (n: number) =>
  Array.from({ length: n }, (_, i) => invoice(`f${i}`, { customerId: `c${i}` }));

async function importDoc(doc: Record<string, unknown>) {
  const result = await regua('import', await writeDocument(dataDir, doc));
  expect(result.code, result.stderr).toBe(0);
}

describe('a run killed mid-send', () => {
  it('sends nothing twice after a restart, and flags the in-flight notices as uncertain', async () => {
    const total = 30;
    await importDoc(baseDocument(smtp.port, { customers: customers(total), invoices: invoices(total) }));
    // The server stores each message, then waits before answering: a kill in that gap is the case
    // where a naive retry would send a duplicate.
    await smtp.setFaults({ dataDelayMs: 300 });
    const child = spawnCli(['--data-dir', dataDir, 'run', '--date', '2021-03-05']);
    const exited = collect(child);
    await smtp.waitForMessages(8, 30_000);
    child.kill('SIGKILL');
    const killed = await exited;
    expect(killed.signal).toBe('SIGKILL');
    await smtp.setFaults({});

    const resumed = await regua('run', '--date', '2021-03-05', '--json');
    const [report] = JSON.parse(resumed.stdout) as {
      counts: { sent: number };
      skipped: { reason: string }[];
    }[];
    const uncertain = report!.skipped.filter((s) => s.reason === 'uncertain').length;
    const alreadySent = report!.skipped.filter((s) => s.reason === 'already_sent').length;

    const mails = await smtp.messages();
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length); // no duplicate notice
    expect(alreadySent + uncertain + report!.counts.sent).toBe(total); // every notice accounted for
    // Whatever is recorded as sent reached the server. An uncertain notice was journaled `sending`
    // before it was handed to the pool and may or may not have gone out: never resent by itself.
    expect(mails.length).toBeGreaterThanOrEqual(alreadySent + report!.counts.sent);
    expect(mails.length).toBeLessThanOrEqual(alreadySent + uncertain + report!.counts.sent);
    expect(uncertain).toBeGreaterThan(0);
    expect(uncertain).toBeLessThanOrEqual(IN_FLIGHT);

    const history = JSON.parse((await regua('history', '--status', 'uncertain', '--json')).stdout) as {
      reason: string;
    }[];
    expect(history).toHaveLength(uncertain);
    expect(history[0]!.reason).toMatch(/interrompido/);

    const third = await regua('run', '--date', '2021-03-05', '--json');
    expect((JSON.parse(third.stdout) as { counts: { sent: number } }[])[0]!.counts.sent).toBe(0);
    expect(await smtp.messages()).toHaveLength(mails.length);
  });
});

describe('a corrupt data file', () => {
  it('stops with a message naming the file and the newest good backup, and leaves the file untouched', async () => {
    await importDoc(baseDocument(smtp.port));
    const file = join(dataDir, 'settings.json');
    const broken = (await readFile(file, 'utf8')).slice(0, 50);
    await writeFile(file, broken);
    const result = await regua('run', '--date', '2021-03-05');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/backups\/\d{4}-\d{2}-\d{2}\/settings\.json/);
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect(await smtp.messages()).toHaveLength(0);
  });
});

describe('regua daemon', () => {
  it('catches up the slot missed while it was not running, then stops cleanly on SIGTERM', async () => {
    await importDoc(baseDocument(smtp.port));
    expect((await regua('run', '--date', '2021-03-03')).code).toBe(0);
    // "Now" is 05/03/2021 12:00 in São Paulo: the 08:10 slots of 04/03 and 05/03 were missed.
    const child = spawnCli(['--data-dir', dataDir, 'daemon'], { env: { REGUA_NOW: '2021-03-05T15:00:00Z' } });
    const exited = collect(child);
    const [mail] = await smtp.waitForMessages(1, 30_000);
    expect(mail!.subject).toContain('N-f1');
    child.kill('SIGTERM');
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rotina diaria 05\/03\/2021 \(catch-up\): 1 enviado/);
    expect(result.stdout).toMatch(/próxima execução de diaria: 2021-03-06T11:10:00/);
    expect(result.stdout).toContain('regua daemon encerrado');
    const runs = (await readFile(join(dataDir, 'runs.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { trigger: string; status: string; window: unknown });
    expect(runs.at(-1)).toMatchObject({
      trigger: 'catch-up',
      status: 'completed',
      window: { from: '2021-03-04', to: '2021-03-05' },
    });
  });
});
