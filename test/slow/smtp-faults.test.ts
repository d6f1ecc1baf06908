// `regua run` against an SMTP server that misbehaves the ways real ones do: down at start, the
// connection closed in the middle of a message, 421 throttling for a while, 452, 550 for one
// recipient, no answer after the message, one second per reply. Whatever happens: nothing recorded
// as sent that the server did not accept, nothing received twice, every notice accounted for with
// its reason, and each run finishes (the next one sends what was left pending).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { checkAccounts } from '../support/ledger-check';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const N = 20;
const DATE = '2021-03-05'; // "after due 13" of invoices due 20/02/2021

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  await smtp.restart(); // up, no faults, whatever the last test did
  await smtp.clear();
});

async function dataDir() {
  const dir = await tempDir();
  const doc = baseDocument(smtp.port, {
    customers: Array.from({ length: N }, (_, i) => ({
      id: `c${i}`,
      name: `Cliente ${i}`,
      email: `c${i}@cliente.example`,
    })),
    invoices: Array.from({ length: N }, (_, i) => invoice(`f${i}`, { customerId: `c${i}` })),
  });
  const imported = await runCli(['--data-dir', dir, 'import', await writeDocument(dir, doc)]);
  expect(imported.stderr).toBe('');
  return dir;
}

/** `regua run` for the day; it must finish, and leave a finished run record (not `running`). */
async function run(dir: string, env: Record<string, string> = {}): Promise<CliResult> {
  const result = await runCli(['--data-dir', dir, 'run', '--date', DATE], { env, timeoutMs: 180_000 });
  expect(result.code, result.stderr).not.toBeNull();
  expect(result.stderr).not.toMatch(/erro inesperado|Error:|at .*\.(ts|js|mjs):\d+/);
  const runs = (await readFile(join(dir, 'runs.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { status: string });
  expect(runs.at(-1)!.status).toMatch(/^(completed|aborted)$/);
  return result;
}

describe('regua run against a misbehaving SMTP server', () => {
  it('down at start: every notice stays pending with the reason; the next run sends them all', async () => {
    const dir = await dataDir();
    await smtp.stop();
    const first = await run(dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/INTERROMPIDA: O servidor 127\.0\.0\.1 recusou a conexão na porta \d+/);
    const down = await checkAccounts(dir, smtp, N, 'down');
    expect(down.count('pending')).toBe(N);
    await smtp.restart();
    expect((await run(dir)).code).toBe(0);
    const after = await checkAccounts(dir, smtp, N, 'after');
    expect([after.count('sent'), after.received]).toEqual([N, N]);
  });

  it('the connection closed in the middle of a message: that one is uncertain, never resent; the rest go', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ closeMidData: { times: 1 } });
    await run(dir);
    await run(dir); // what the first run left pending
    const accounts = await checkAccounts(dir, smtp, N);
    expect(accounts.count('uncertain')).toBeGreaterThanOrEqual(1);
    expect(accounts.count('sent') + accounts.count('uncertain')).toBe(N);
    expect(accounts.received).toBe(accounts.count('sent')); // the dropped message never arrived
  });

  it('421 throttling for a moment: the connections are opened again and every notice goes in the same run', async () => {
    const dir = await dataDir();
    await smtp.setFaults({
      data: { code: 421, message: '4.7.0 Try again later, closing connection', times: 4 },
    });
    // More attempts than faults: even if all four 421s meet the same notice, its fifth attempt goes
    // through. (With the tests' default of two, two 421s on one notice stop the run, as they should.)
    expect((await run(dir, { REGUA_RETRY_ATTEMPTS: '5' })).code).toBe(0);
    const accounts = await checkAccounts(dir, smtp, N);
    expect([accounts.count('sent'), accounts.received]).toEqual([N, N]);
  });

  it('421 throttling for a while: the run stops, leaves the rest pending, and the next run sends them', async () => {
    const dir = await dataDir();
    await smtp.setFaults({
      data: { code: 421, message: '4.7.0 Try again later, closing connection', times: -1 },
    });
    const first = await run(dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(
      /INTERROMPIDA: O servidor 127\.0\.0\.1 está indisponível no momento e encerrou a conexão/,
    );
    const throttled = await checkAccounts(dir, smtp, N, 'throttled');
    expect([throttled.count('pending'), throttled.received]).toEqual([N, 0]);
    await smtp.setFaults({}); // the throttling is over
    expect((await run(dir)).code).toBe(0);
    const after = await checkAccounts(dir, smtp, N, 'after');
    expect([after.count('sent'), after.received]).toEqual([N, N]);
  });

  it('452 for a few messages: retried with backoff in the same run, all sent', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ data: { code: 452, message: '4.3.1 Insufficient system storage', times: 3 } });
    const result = await run(dir, { REGUA_RETRY_ATTEMPTS: '3' });
    expect(result.code, result.stdout).toBe(0);
    const accounts = await checkAccounts(dir, smtp, N);
    expect([accounts.count('sent'), accounts.received]).toEqual([N, N]);
  });

  it('452 for one recipient every time: that notice stays pending for the next run, the rest are sent', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ rcpt: [{ match: '^c7@', code: 452, message: '4.2.2 Mailbox full' }] });
    expect((await run(dir)).code).toBe(1);
    const accounts = await checkAccounts(dir, smtp, N);
    expect(accounts.count('sent')).toBe(N - 1);
    expect([...accounts.states].filter(([, s]) => s === 'pending').map(([k]) => k.split('|')[0])).toEqual([
      'f7',
    ]);
  });

  it('550 for one recipient: that notice fails with the server’s answer, never retried; the rest are sent', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ rcpt: [{ match: '^c3@', code: 550, message: '5.1.1 User unknown' }] });
    expect((await run(dir)).code).toBe(1);
    await run(dir); // a failed notice is not sent again by the next run
    const accounts = await checkAccounts(dir, smtp, N);
    expect(accounts.count('sent')).toBe(N - 1);
    expect([...accounts.states].filter(([, s]) => s === 'failed').map(([k]) => k.split('|')[0])).toEqual([
      'f3',
    ]);
    expect(accounts.received).toBe(N - 1);
  });

  it('no answer after the message (the server kept it): uncertain, not resent; the rest go on the next run', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ silentAfterData: { times: 1 } });
    await run(dir, { REGUA_SMTP_TIMEOUT_MS: '3000' });
    await run(dir, { REGUA_SMTP_TIMEOUT_MS: '3000' });
    const accounts = await checkAccounts(dir, smtp, N);
    expect(accounts.count('uncertain')).toBeGreaterThanOrEqual(1);
    expect(accounts.count('sent') + accounts.count('uncertain')).toBe(N);
    // The unanswered message did arrive: received ⊆ sent ∪ uncertain, and more than what is "sent".
    expect(accounts.received).toBeGreaterThan(accounts.count('sent'));
  });

  it('the connection closed after the message, before the reply (the server kept it): uncertain, never sent twice', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ silentAfterData: { times: 1, close: true } });
    await run(dir);
    await run(dir);
    const accounts = await checkAccounts(dir, smtp, N);
    expect(accounts.count('uncertain')).toBeGreaterThanOrEqual(1);
    expect(accounts.count('sent') + accounts.count('uncertain')).toBe(N);
    expect(accounts.received).toBeGreaterThan(accounts.count('sent'));
  });

  it('one second per reply: slow, but every notice is sent once and the run completes', async () => {
    const dir = await dataDir();
    await smtp.setFaults({ replyDelayMs: 1000 });
    expect((await run(dir)).code).toBe(0);
    const accounts = await checkAccounts(dir, smtp, N);
    expect([accounts.count('sent'), accounts.received]).toEqual([N, N]);
  });
});
