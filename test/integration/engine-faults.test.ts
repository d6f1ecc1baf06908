// Faults the engine must survive, reproduced with the real command, a real SMTP server process,
// real files and a real read-only disk: a server that never answers, routines that run twice a week,
// files that are corrupt or of the wrong shape, a data folder that cannot be written, and invoice
// PDF paths that point at devices, FIFOs or outside the imported folder.
import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { useSmtpServer } from '../support/api';
import { canMountTmpfs, mountSmallDisk } from '../support/tmpfs';

const run = promisify(execFile);
const smtp = useSmtpServer();
let dataDir: string;

beforeEach(async () => {
  dataDir = await tempDir();
});

const regua = (args: string[], env: Record<string, string> = {}) =>
  runCli(['--data-dir', dataDir, ...args], { env });

async function importDoc(doc: Record<string, unknown>) {
  const result = await regua(['import', await writeDocument(dataDir, doc)]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

interface RunJson {
  status: string;
  reason: string | null;
  window: { from: string; to: string } | null;
  counts: Record<'sent' | 'failed' | 'pending' | 'skipped' | 'uncertain', number>;
  skipped: { invoiceId: string; reason: string; referenceDate: string }[];
}
const runJson = async (date: string, env: Record<string, string> = {}) => {
  const result = await regua(['run', '--date', date, '--json'], env);
  return { ...result, reports: JSON.parse(result.stdout || '[]') as RunJson[] };
};
const history = async (...args: string[]) =>
  JSON.parse((await regua(['history', '--json', ...args])).stdout) as {
    invoiceId: string;
    status: string;
    reasonCode?: string;
    reason?: string;
  }[];

/** No English, no stack frames, no system error codes: what a clerk reads. */
function expectClerkMessage(text: string) {
  expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|ENOENT|EROFS|ENOSPC|EACCES|undefined|TypeError/);
}

describe('an SMTP server that stores the message and never answers', () => {
  it('records the notice as uncertain, never sends it again, and leaves the rest pending', async () => {
    const customers = [0, 1, 2].map((i) => ({
      id: `c${i}`,
      name: `Cliente ${i}`,
      email: `c${i}@cliente.example`,
    }));
    const invoices = [0, 1, 2].map((i) => invoice(`f${i}`, { customerId: `c${i}` }));
    await importDoc(baseDocument(smtp.port, { customers, invoices }));
    await smtp.setFaults({ dataDelayMs: 60_000 });
    const env = { REGUA_SMTP_TIMEOUT_MS: '1500', REGUA_RETRY_ATTEMPTS: '3' };
    const first = await runJson('2021-03-05', env);
    expect(first.code).toBe(1);
    const report = first.reports[0]!;
    expect(report.status).toBe('aborted');
    expect(report.reason).toMatch(/parou de responder/);
    expect(report.counts.uncertain).toBeGreaterThanOrEqual(1);
    expect(report.counts.sent).toBe(0);
    const stored = (await smtp.messages()).length;
    expect(stored).toBe(report.counts.uncertain); // what was handed over is exactly what is uncertain

    await smtp.setFaults({});
    const second = await runJson('2021-03-05', env);
    const mails = await smtp.messages();
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length); // no duplicate
    expect(second.reports[0]!.counts.sent + report.counts.uncertain).toBe(3);
    const uncertain = (await history('--status', 'uncertain')).filter(
      (r) => r.reasonCode === 'smtp_no_answer',
    );
    expect(uncertain).toHaveLength(report.counts.uncertain);
    expect(uncertain[0]!.reason).toMatch(/não será reenviada sozinha/i);
  });
});

describe('a routine on Mondays and Thursdays with catch-up of 3 days', () => {
  const monThu = {
    id: 'seg-qui',
    description: 'Segundas e quintas',
    task: 'send_email',
    schedule: { frequency: 'weekly', time: '08:10:00', weekdays: [1, 4] },
    runOnHolidays: true,
    catchUp: true,
    catchUpDays: 3,
    smtpAccountId: 'principal',
  };
  // after_due 13: due 2021-02-19 → reference Friday 2021-03-04? no: 19 + 13 = 2021-03-04 (Thursday).
  // Due 2021-02-20 → Friday 2021-03-05; due 2021-02-21 → Saturday 2021-03-06.
  const doc = () =>
    baseDocument(smtp.port, {
      routines: [monThu],
      customers: ['thu', 'fri', 'sat'].map((id) => ({ id, name: id, email: `${id}@cliente.example` })),
      invoices: [
        invoice('f-thu', { customerId: 'thu', dueDate: '2021-02-19' }),
        invoice('f-fri', { customerId: 'fri', dueDate: '2021-02-20' }),
        invoice('f-sat', { customerId: 'sat', dueDate: '2021-02-21' }),
      ],
    });

  it('sends on Monday the notices whose day fell on Friday and Saturday', async () => {
    await importDoc(doc());
    expect((await runJson('2021-03-04')).reports[0]!.counts.sent).toBe(1); // Thursday
    const monday = await runJson('2021-03-08');
    expect(monday.reports[0]!.window).toEqual({ from: '2021-03-05', to: '2021-03-08' });
    expect(monday.reports[0]!.counts.sent).toBe(2);
    const to = (await smtp.messages()).flatMap((m) => m.envelopeTo).sort();
    expect(to).toEqual(['fri@cliente.example', 'sat@cliente.example', 'thu@cliente.example']);
  });

  it('names the notices that fall outside every window when slots were missed for longer than catch-up', async () => {
    await importDoc(doc());
    expect((await runJson('2021-03-01')).reports[0]!.counts.sent).toBe(0); // a Monday, nothing due
    // The computer was off on Thursday 04/03; Monday 08/03 recovers only 2 days beyond its window.
    const monday = await runJson('2021-03-08');
    expect(monday.reports[0]!.window).toEqual({ from: '2021-03-03', to: '2021-03-08' });
    expect(monday.reports[0]!.counts.sent).toBe(3);
    // A longer absence: notices of the uncovered days are recorded, not silently dropped.
    await importDoc({
      format: 'regua/v1',
      customers: [{ id: 'old', name: 'Antiga', email: 'old@cliente.example' }],
      invoices: [invoice('f-old', { customerId: 'old', dueDate: '2021-03-02' })], // reference 15/03
    });
    const later = await runJson('2021-03-29'); // Monday; last completed run 08/03
    expect(later.reports[0]!.reason).toMatch(/fora da janela de recuperação/);
    const outside = later.reports[0]!.skipped.filter((s) => s.reason === 'outside_catch_up_window');
    expect(outside.map((s) => s.invoiceId)).toEqual(['f-old']);
    const recorded = await history('--invoice', 'f-old');
    expect(recorded).toMatchObject([{ status: 'skipped', reasonCode: 'outside_catch_up_window' }]);
  });
});

describe('corrupt or misshapen data files', () => {
  it('a garbled middle line of the history stops every command with the file and the newest good backup named', async () => {
    await importDoc(baseDocument(smtp.port));
    expect((await runJson('2021-03-05')).code).toBe(0);
    await regua(['history']); // a day's backup exists once a writing command ran
    const file = join(dataDir, 'deliveries.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, ['{"key": garbled', ...lines].join('\n'));
    for (const args of [['history'], ['run', '--date', '2021-03-06'], ['export']]) {
      const result = await regua(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(/corrompido \(linha 1 ilegível\)/);
      expectClerkMessage(result.stderr);
    }
  });

  it('a torn last line is reported by history and repaired, with a word, by the next write', async () => {
    await importDoc(baseDocument(smtp.port));
    expect((await runJson('2021-03-05')).code).toBe(0);
    const file = join(dataDir, 'deliveries.jsonl');
    await appendFile(file, '{"key":"linha-rasgada","status":"se');
    const shown = await regua(['history']);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/última linha do histórico de envios está incompleta/);
    const next = await runJson('2021-03-06');
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/estava incompleta .* foi removida/);
    expect(await readFile(file, 'utf8')).not.toContain('linha-rasgada');
    expect((await regua(['history'])).stderr).toBe('');
  });

  it('valid JSON of the wrong shape is refused with the file named and exit 2', async () => {
    await importDoc(baseDocument(smtp.port));
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ routines: 5 }));
    const result = await regua(['run', '--date', '2021-03-05']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(dataDir, 'settings.json'));
    expect(result.stderr).toContain('"routines" deveria ser uma lista de registros');
    expectClerkMessage(result.stderr);
  });
});

describe.runIf(canMountTmpfs)('a data folder that cannot be written', () => {
  it('reading commands still work; a run says in Portuguese which folder and exits 2', async () => {
    const disk = await mountSmallDisk(4096);
    try {
      dataDir = join(disk.dir, 'dados');
      await mkdir(dataDir);
      await importDoc(baseDocument(smtp.port));
      expect((await runJson('2021-03-05')).code).toBe(0);
      await run('mount', ['-o', 'remount,ro', disk.dir]);
      // A new day: the daily backup cannot be taken, and must not block reading.
      const tomorrow = { REGUA_NOW: '2030-01-02T12:00:00Z' };
      for (const args of [['history'], ['export'], ['plan', '--from', '2021-03-05', '--to', '2021-03-06']]) {
        const result = await regua(args, tomorrow);
        expect(result.code, `${args[0]}: ${result.stderr}`).toBe(0);
      }
      const write = await regua(['run', '--date', '2021-03-06'], tomorrow);
      expect(write.code).toBe(2);
      expect(write.stderr).toContain(dataDir);
      expect(write.stderr).toMatch(/não pode ser gravada/);
      expectClerkMessage(write.stderr);
      const imported = await regua(['import', join(disk.dir, 'nada.json')], tomorrow);
      expect(imported.code).toBe(2);
    } finally {
      await run('mount', ['-o', 'remount,rw', disk.dir]).catch(() => {});
      await disk.unmount();
    }
  });
});

describe('invoice PDF paths from an imported file', () => {
  it('refuses devices, FIFOs, folders, big files and paths outside the imported folder, naming the field', async () => {
    const docDir = join(dataDir, 'importar');
    await mkdir(join(docDir, 'pdfs'), { recursive: true });
    await run('mkfifo', [join(docDir, 'pdfs', 'fila.pdf')]);
    await writeFile(join(dataDir, 'fora.pdf'), '%PDF-1.4\n');
    await writeFile(
      join(docDir, 'pdfs', 'grande.pdf'),
      Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(21 * 1024 * 1024)]),
    );
    await writeFile(join(docDir, 'pdfs', 'ok.pdf'), '%PDF-1.4\n%%EOF\n');
    const paths = [
      '/dev/zero',
      'pdfs/fila.pdf',
      'pdfs',
      '../fora.pdf',
      join(dataDir, 'fora.pdf'),
      'pdfs/grande.pdf',
    ];
    const doc = baseDocument(smtp.port, {
      invoices: [
        ...paths.map((p, i) => invoice(`f${i}`, { pdfPath: p })),
        invoice('ok', { pdfPath: 'pdfs/ok.pdf' }),
      ],
    });
    const file = await writeDocument(docDir, doc);
    const result = await regua(['import', file]);
    expect(result.code).toBe(2);
    for (let i = 0; i < paths.length; i++) expect(result.stderr).toContain(`invoices[${i}].pdfPath`);
    expect(result.stderr).not.toContain(`invoices[${paths.length}].pdfPath`);
    expect(result.stderr).toMatch(/não é um arquivo comum/);
    expect(result.stderr).toMatch(/acima do limite de 20 MB/);
    expectClerkMessage(result.stderr);
    expect(JSON.parse((await regua(['export'])).stdout).invoices).toEqual([]); // nothing saved
  }, 60_000);
});
