// The engine under real faults, the slow way: a disk that fills up during "Executar agora" in
// `regua serve` (five times), the daemon killed mid-run and restarted the same day, two imports at
// once, an import beside the screens saving, a manual send during a CLI run, and `regua serve`
// under a thousand malformed requests. Real processes, a real SMTP server, a real tmpfs.
import { connect } from 'node:net';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { canMountTmpfs, mountSmallDisk } from '../support/tmpfs';
import { ledgerOf, receivedOnce } from '../support/ledger-check';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  await smtp.clear();
  await smtp.setFaults({});
});

const people = (n: number, prefix = 'c') =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    name: `Cliente ${prefix}${i}`,
    email: `${prefix}${i}@cliente.example`,
  }));
const bills = (n: number, prefix = 'c') =>
  Array.from({ length: n }, (_, i) =>
    invoice(`f-${prefix}${i}`, { customerId: `${prefix}${i}`, number: `N-${prefix}${i}` }),
  );

async function importInto(dataDir: string, doc: Record<string, unknown>, name = 'doc.json') {
  const result = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc, name)], {
    timeoutMs: 300_000,
  });
  expect(result.stderr).toBe('');
  return result;
}

async function expectNoDuplicates() {
  return (await receivedOnce(smtp)).length;
}

describe.runIf(canMountTmpfs)('a disk that fills up during "Executar agora" in regua serve', () => {
  it('five times: no duplicate, no corrupt file, the program starts again, every notice accounted for', async () => {
    const N = 150;
    for (let round = 1; round <= 5; round++) {
      const disk = await mountSmallDisk(8 * 1024);
      let served: Served | null = null;
      try {
        await smtp.clear();
        const dataDir = join(disk.dir, 'dados');
        await mkdir(dataDir);
        await importInto(dataDir, baseDocument(smtp.port, { customers: people(N), invoices: bills(N) }));
        const env = { REGUA_NOW: '2021-03-05T10:00:00Z', REGUA_PREPARE_DELAY_MS: '600000' };
        served = await startServe(dataDir, env);
        await smtp.setFaults({ dataDelayMs: 20 });
        const first = apiCall(served, 'routines.runNow', { routineId: 'diaria', date: '2021-03-05' }).then(
          () => null,
          (e: Error) => e,
        );
        await smtp.waitForMessages(20 + round * 10, 60_000);
        await disk.fill();
        const failure = await first;
        expect(failure?.message, `round ${round}`).toMatch(/Não há espaço livre no disco/);
        expect(failure!.message).not.toMatch(/ENOSPC|Error:/);
        const atFailure = (await smtp.messages()).length;
        // Nothing is sent after the failed run ends.
        await new Promise((r) => setTimeout(r, 500));
        expect((await smtp.messages()).length).toBe(atFailure);

        await disk.free();
        await served.stop();
        served = await startServe(dataDir, env); // the program starts again on the same files
        await smtp.setFaults({});
        await apiCall(served, 'routines.runNow', { routineId: 'diaria', date: '2021-03-05' });
        const received = await expectNoDuplicates();
        const latest = await ledgerOf(dataDir);
        const states = [...latest.values()].map((r) => r.status);
        expect(states).toHaveLength(N);
        expect(states.every((s) => ['sent', 'pending', 'uncertain'].includes(s))).toBe(true);
        const sent = states.filter((s) => s === 'sent').length;
        const uncertain = states.filter((s) => s === 'uncertain').length;
        // Whatever is recorded as sent reached the server; an uncertain notice may or may not have.
        expect(received).toBeGreaterThanOrEqual(sent);
        expect(received).toBeLessThanOrEqual(sent + uncertain);
        expect(uncertain).toBeLessThanOrEqual(10);
      } finally {
        await served?.stop();
        await disk.unmount();
      }
    }
  });
});

describe('regua daemon killed in the middle of its run', () => {
  it('resumes the interrupted slot when restarted the same day: nothing waits for tomorrow', async () => {
    const N = 400;
    const dataDir = await tempDir();
    await importInto(dataDir, baseDocument(smtp.port, { customers: people(N), invoices: bills(N) }));
    // The routine ran yesterday; today's slot (05/03 08:10) has passed when the daemon starts.
    const yesterday = await runCli(['--data-dir', dataDir, 'run', '--date', '2021-03-04']);
    expect(yesterday.code).toBe(0);
    const env = { REGUA_NOW: '2021-03-05T12:00:00Z', REGUA_PREPARE_DELAY_MS: '600000' };
    await smtp.setFaults({ dataDelayMs: 30 });
    const first = spawnCli(['--data-dir', dataDir, 'daemon'], { env });
    const firstDone = collect(first, 300_000);
    await smtp.waitForMessages(100, 120_000);
    first.kill('SIGKILL');
    await firstDone;
    const beforeRestart = (await smtp.messages()).length;
    expect(beforeRestart).toBeLessThan(N);

    await smtp.setFaults({});
    const second = spawnCli(['--data-dir', dataDir, 'daemon'], {
      env: { ...env, REGUA_NOW: '2021-03-05T12:05:00Z' },
    });
    const secondDone = collect(second, 300_000);
    const latestState = async () => [...(await ledgerOf(dataDir)).values()].map((r) => r.status);
    await expect
      .poll(async () => (await latestState()).filter((s) => s === 'sent' || s === 'uncertain').length, {
        timeout: 180_000,
        interval: 500,
      })
      .toBe(N);
    second.kill('SIGTERM');
    const out = await secondDone;
    expect(out.stdout).toMatch(/rotina diaria 05\/03\/2021 \(catch-up\)/);
    const received = await expectNoDuplicates();
    const states = await latestState();
    const sent = states.filter((s) => s === 'sent').length;
    const uncertain = states.filter((s) => s === 'uncertain').length;
    expect(uncertain).toBeLessThanOrEqual(10);
    expect(received).toBeGreaterThanOrEqual(sent);
    expect(received).toBeLessThanOrEqual(sent + uncertain);
    const runs = (await readFile(join(dataDir, 'runs.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { date: string; status: string });
    expect(runs.filter((r) => r.date === '2021-03-05').map((r) => r.status)).toEqual(
      expect.arrayContaining(['interrupted', 'completed']),
    );
  });
});

describe('two writers at once', () => {
  it('two regua import at once, five times: both imports land whole', async () => {
    for (let round = 0; round < 5; round++) {
      const dataDir = await tempDir();
      await importInto(dataDir, baseDocument(smtp.port, { customers: [], invoices: [] }));
      const a = { format: 'regua/v1', customers: people(8000, 'a'), invoices: bills(8000, 'a') };
      const b = { format: 'regua/v1', customers: people(8000, 'b'), invoices: bills(8000, 'b') };
      const [fa, fb] = [await writeDocument(dataDir, a, 'a.json'), await writeDocument(dataDir, b, 'b.json')];
      const results = await Promise.all([
        runCli(['--data-dir', dataDir, 'import', fa], { timeoutMs: 300_000 }),
        runCli(['--data-dir', dataDir, 'import', fb], { timeoutMs: 300_000 }),
      ]);
      expect(results.map((r) => r.code)).toEqual([0, 0]);
      const exported = JSON.parse(
        (await runCli(['--data-dir', dataDir, 'export'], { timeoutMs: 300_000 })).stdout,
      ) as { customers: unknown[]; invoices: unknown[] };
      expect([exported.customers.length, exported.invoices.length], `round ${round}`).toEqual([16000, 16000]);
    }
  });

  it('an import from the command line beside regua serve saving in the screens: both stay', async () => {
    const dataDir = await tempDir();
    await importInto(dataDir, baseDocument(smtp.port));
    const served = await startServe(dataDir, { REGUA_NOW: '2021-03-05T18:00:00Z' });
    try {
      // The screens have the old data loaded; the import lands; the screens save a second later.
      await apiCall(served, 'routines.list');
      await importInto(
        dataDir,
        {
          format: 'regua/v1',
          customers: people(100, 'n'),
          routines: [
            {
              id: 'nova',
              description: 'Rotina importada',
              task: 'send_email',
              schedule: { frequency: 'daily', time: '09:00:00' },
              smtpAccountId: 'principal',
            },
          ],
        },
        'novo.json',
      );
      const company = await apiCall<Record<string, unknown>>(served, 'company.get');
      await apiCall(served, 'company.save', { ...company, phone: '(11) 4002-8922' });
      const routines = await apiCall<{ id: string }[]>(served, 'routines.list');
      expect(routines.map((r) => r.id).sort()).toEqual(['diaria', 'nova']);
      const exported = JSON.parse((await runCli(['--data-dir', dataDir, 'export'])).stdout) as {
        customers: unknown[];
        routines: unknown[];
        company: { phone: string };
      };
      expect(exported.customers).toHaveLength(101);
      expect(exported.routines).toHaveLength(2);
      expect(exported.company.phone).toBe('(11) 4002-8922');
    } finally {
      await served.stop();
    }
  });

  it('a manual send in the screens during a regua run: no corrupt line, no duplicate, nothing flagged uncertain', async () => {
    const N = 200;
    const dataDir = await tempDir();
    await importInto(dataDir, baseDocument(smtp.port, { customers: people(N), invoices: bills(N) }));
    const served = await startServe(dataDir, {
      REGUA_NOW: '2021-03-05T18:00:00Z',
      REGUA_PREPARE_DELAY_MS: '600000',
    });
    try {
      await smtp.setFaults({ dataDelayMs: 20 });
      const runner = collect(spawnCli(['--data-dir', dataDir, 'run', '--date', '2021-03-05']), 300_000);
      await smtp.waitForMessages(20, 60_000);
      const manual = await apiCall<{ key: string; status: string }>(served, 'invoices.send', {
        invoiceId: 'f-c5',
        layoutId: 'boleto-apos-vencimento',
      });
      expect(manual.status).toBe('sent');
      const run = await runner;
      expect(run.code, run.stderr).toBe(0);
      const latest = await ledgerOf(dataDir); // parses whole: no line torn by two writers
      expect(latest.get(manual.key)?.status).toBe('sent');
      expect([...latest.values()].filter((r) => r.status === 'uncertain')).toEqual([]);
      expect(await expectNoDuplicates()).toBe(N + 1);
      // The screens' process reads the same journal afterwards without error.
      const history = await apiCall<{ total: number }>(served, 'deliveries.list', {});
      expect(history.total).toBe(N + 1);
    } finally {
      await served.stop();
    }
  });
});

describe('regua serve under malformed requests', () => {
  it('answers a thousand malformed requests with 4xx, stays up and keeps its schedule', async () => {
    const dataDir = await tempDir();
    // A routine due a few seconds from now (real clock): the schedule must still fire after the barrage.
    const at = new Date(Date.now() + 40_000);
    const time = at.toLocaleTimeString('en-GB', { timeZone: 'America/Sao_Paulo', hour12: false });
    await importInto(
      dataDir,
      baseDocument(smtp.port, {
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
      }),
    );
    const served = await startServe(dataDir);
    try {
      const base = served.baseUrl;
      const auth = { authorization: `Bearer ${served.token}` };
      const kinds: (() => Promise<number>)[] = [
        () => fetch(`${base}%E0%A4%A`).then((r) => r.status),
        () => fetch(`${base}assets/%C0%AF..%C0%AFetc%2Fpasswd`).then((r) => r.status),
        () => fetch(`${base}api/%E0%A4%A`, { method: 'POST', headers: auth }).then((r) => r.status),
        () =>
          fetch(`${base}api/company.save`, { method: 'POST', headers: auth, body: '{"name":' }).then(
            (r) => r.status,
          ),
        () =>
          fetch(`${base}api/company.save`, {
            method: 'POST',
            headers: auth,
            body: Buffer.from([0xc3, 0x28, 0xff]),
          }).then((r) => r.status),
        () =>
          fetch(`${base}api/nao.existe`, { method: 'POST', headers: auth, body: '{}' }).then((r) => r.status),
        () =>
          fetch(`${base}api/company.save`, { method: 'POST', headers: auth, body: '[1,2,3]' }).then(
            (r) => r.status,
          ),
        () =>
          fetch(`${base}api/routines.runNow`, {
            method: 'POST',
            headers: auth,
            body: '{"routineId":{"$gt":""}}',
          }).then((r) => r.status),
        () =>
          fetch(`${base}api/company.get`, {
            method: 'POST',
            headers: { authorization: 'Bearer errado' },
          }).then((r) => r.status),
        () => fetch(`${base}api/company.get`, { method: 'GET', headers: auth }).then((r) => r.status),
        () =>
          rawRequest(
            served.port,
            `POST /api/company.save HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nAuthorization: Bearer ${served.token}\r\nContent-Length: 999999999\r\n\r\n{`,
          ),
        () => rawRequest(served.port, 'GARBAGE\r\n\r\n'),
        () => rawRequest(served.port, 'GET /%%% HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
        () =>
          rawRequest(
            served.port,
            `POST /api/company.save HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nContent-Length: 100\r\n\r\n{"na`,
          ),
        () => rawRequest(served.port, `GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n`),
      ];
      const statuses: number[] = [];
      for (let i = 0; i < 1000; i++) statuses.push(await kinds[i % kinds.length]!());
      // Refused as the client's fault (4xx), or a validation envelope for a well-formed call: never 5xx.
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s >= 400).length).toBeGreaterThan(800);
      // Still alive: the API answers, and the schedule fires.
      const company = await apiCall<{ name: string }>(served, 'company.get');
      expect(company.name).toBe('Provedor Exemplo Ltda');
      await expect
        .poll(async () => (await apiCall<{ status: string }[]>(served, 'runs.list', { limit: 5 })).length, {
          timeout: 90_000,
          interval: 1000,
        })
        .toBeGreaterThan(0);
      expect(served.process.exitCode).toBeNull();
    } finally {
      await served.stop();
    }
  });
});

/** Sends raw bytes and resolves to the status code of the answer (0 when the connection was just closed). */
function rawRequest(port: number, text: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0) || 400));
    socket.on('error', () => resolve(400));
    socket.setTimeout(5000, () => socket.destroy());
  });
}
