// E-mails composed ahead of the run (composer.ts, preparer.ts): a real app on a temp dir, the real
// `regua` command and a real SMTP server. What matters: a prepared run sends exactly what a cold
// run sends, nothing stale ever goes out, and problems show up before the run.
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offsetClock } from '../../main/services/clock';
import { withLayout } from '../../main/services/layout-registry';
import type { ReceivedMail } from '../support/smtp-server';
import { applyTestDocument, testApis, useSmtpServer } from '../support/api';
import { collect, runCli, spawnCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { buildBankLine, buildPixCode } from '../../shared/br';

const smtp = useSmtpServer();
const open = testApis();

const RUN_DATE = '2021-03-05'; // after_due 13 for invoices due 20/02/2021
const BEFORE_SLOT = new Date('2021-03-05T10:00:00Z'); // 07:00 in São Paulo; the routine runs 08:10

const customers = [
  { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
  { id: 'c2', name: 'José Pereira', email: 'jose@cliente.example' },
  { id: 'c3', name: 'Ana Souza', email: 'ana@cliente.example' },
];

async function document(extra: { pdfFile?: string } = {}) {
  return baseDocument(smtp.port, {
    customers,
    invoices: [
      invoice('f1', {
        customerId: 'c1',
        digitableLine: buildBankLine({
          bankCode: '237',
          dueDate: '2021-02-20',
          amountCents: 9990,
          freeField: '3381090000000000101234560',
        }),
        pixCode: buildPixCode({
          key: 'financeiro@provedor.example',
          merchantName: 'PROVEDOR EXEMPLO',
          merchantCity: 'SAO PAULO',
          amountCents: 9990,
          txid: 'f1',
        }),
      }),
      invoice('f2', { customerId: 'c2', amountCents: 12990 }),
      invoice('f3', { customerId: 'c3', pdfPath: extra.pdfFile ?? null }),
    ],
  });
}

async function openWith(doc: Record<string, unknown>, now = BEFORE_SLOT) {
  const api = await open({ document: doc, clock: offsetClock(now) });
  return api.app;
}

const run = (app: Awaited<ReturnType<typeof openWith>>) =>
  app.runner.runRoutine('diaria', { date: RUN_DATE, trigger: 'schedule', honourCalendar: true });

/** What a customer receives, independent of transport details (Message-ID, Date). */
const content = (m: ReceivedMail) => ({
  to: m.to,
  subject: m.subject,
  html: m.html,
  text: m.text,
  attachments: m.attachments.map((a) => ({ filename: a.filename, type: a.contentType, content: a.content })),
});
const byRecipient = (mails: ReceivedMail[]) =>
  mails.map(content).sort((a, b) => a.to.join().localeCompare(b.to.join()));

async function pdfFile(text: string) {
  const file = join(await tempDir(), 'fatura-f3.pdf');
  await writeFile(file, `%PDF-1.4\n% ${text}\n%%EOF\n`);
  return file;
}

describe('a run whose e-mails were prepared ahead', () => {
  it('sends exactly what a cold run sends, and reads every message from the preparation', async () => {
    const file = await pdfFile('arquivo do ERP');
    const doc = await document({ pdfFile: file });

    const prepared = await openWith(doc);
    const [result] = await prepared.preparer.prepare();
    expect(result).toMatchObject({
      routineId: 'diaria',
      date: RUN_DATE,
      composed: 3,
      ready: 0,
      problems: [],
    });
    expect((await readdir(join(prepared.dataDir, 'cache', 'messages'))).length).toBe(3);
    const warm = await run(prepared);
    expect(warm.counts.sent).toBe(3);
    expect(warm.outcomes.map((o) => o.preparedAhead)).toEqual([true, true, true]);
    const warmRaw = await smtp.waitForMessages(3);
    const warmMails = byRecipient(warmRaw);

    await smtp.clear();
    const cold = await run(await openWith(doc));
    expect(cold.counts.sent).toBe(3);
    expect(cold.outcomes.map((o) => o.preparedAhead)).toEqual([false, false, false]);
    const coldRaw = await smtp.waitForMessages(3);
    const coldMails = byRecipient(coldRaw);

    expect(warmMails).toEqual(coldMails);
    // Byte for byte, but for the send time and nodemailer's random multipart boundaries.
    const wire = (m: ReceivedMail) =>
      m.raw
        .toString('latin1')
        .replace(/^Date: .*\r\n/m, '')
        .replace(/--_NmP-[\w-]+?-Part_\d+/g, 'BOUNDARY');
    const byTo = (mails: ReceivedMail[]) => new Map(mails.map((m) => [m.to.join(), wire(m)]));
    expect(byTo(warmRaw)).toEqual(byTo(coldRaw));
    const pdfs = (m: (typeof warmMails)[number]) => m.attachments.filter((a) => a.type === 'application/pdf');
    expect(warmMails.map((m) => pdfs(m).map((a) => a.filename))).toEqual([
      ['fatura-N-f3.pdf'],
      ['fatura-N-f2.pdf'],
      ['fatura-N-f1.pdf'],
    ]);
    // The PIX invoice's QR code rides inline, prepared or not (compared byte for byte above).
    expect(warmMails.map((m) => m.attachments.filter((a) => a.type === 'image/png').length)).toEqual([
      0, 0, 1,
    ]);
  });

  const company = (name: string) => ({ ...(baseDocument(0).company as object), name });
  const staleCases: {
    what: string;
    change: Record<string, unknown> | 'layout';
    recomposed: string[];
    shows: { to: string; part: 'subject' | 'text'; text: string };
  }[] = [
    {
      what: "an invoice's amount",
      change: { invoices: [invoice('f1', { customerId: 'c1', amountCents: 15000 })] },
      recomposed: ['f1'],
      shows: { to: 'maria@cliente.example', part: 'text', text: 'R$ 150,00' },
    },
    {
      what: "a customer's name",
      change: { customers: [{ ...customers[1]!, name: 'José Pereira Neto' }] },
      recomposed: ['f2'],
      shows: { to: 'jose@cliente.example', part: 'text', text: 'José Pereira Neto' },
    },
    {
      what: "the company's name",
      change: { company: company('Fibra Nova Telecom') },
      recomposed: ['f1', 'f2', 'f3'],
      shows: { to: 'ana@cliente.example', part: 'text', text: 'Fibra Nova Telecom' },
    },
    {
      what: "the layout's subject",
      change: 'layout',
      recomposed: ['f1', 'f2', 'f3'],
      shows: { to: 'maria@cliente.example', part: 'subject', text: 'Aviso: N-f1 vencida' },
    },
  ];
  it.each(staleCases)(
    'never sends a stale message: $what changed after the preparation is composed again',
    async ({ change, recomposed, shows }) => {
      const app = await openWith(await document());
      await app.preparer.prepare();
      if (change === 'layout') {
        const layout = app.layouts.get('boleto-apos-vencimento')!;
        await app.update((tx) =>
          tx.setSettings(
            withLayout(tx.settings(), { ...layout, subject: 'Aviso: {{fatura.numero}} vencida' }),
          ),
        );
      } else {
        await applyTestDocument(app, { format: 'regua/v1', ...change });
      }

      const report = await run(app);
      expect(report.counts.sent).toBe(3);
      const composedInRun = report.outcomes.filter((o) => !o.preparedAhead).map((o) => o.notice.invoiceId);
      expect(composedInRun.sort()).toEqual(recomposed);
      const mail = (await smtp.waitForMessages(3)).find((m) => m.to.includes(shows.to))!;
      expect(mail[shows.part]).toContain(shows.text);
    },
  );

  it('does not send a message prepared for one day on another: a catch-up counts the days anew', async () => {
    const app = await openWith(await document());
    const day = (date: string) =>
      app.runner.runRoutine('diaria', { date, trigger: 'schedule', honourCalendar: true });
    expect((await day('2021-03-04')).counts.sent).toBe(0);
    await app.preparer.prepare({ routineId: 'diaria', date: RUN_DATE });
    // The 05/03 run never happened (the machine was off); the 06/03 run catches its notices up.
    const report = await day('2021-03-06');
    expect(report.counts.sent).toBe(3);
    expect(report.outcomes.some((o) => o.preparedAhead)).toBe(false);
    const mail = (await smtp.waitForMessages(3)).find((m) => m.to.includes('maria@cliente.example'))!;
    expect(mail.html).toMatch(/Dias em atraso<\/td>\s*<td[^>]*>14<\/td>/);
  });

  it("attaches the invoice's own PDF file as it is when sending, not as it was when preparing", async () => {
    const file = await pdfFile('primeira versão');
    const app = await openWith(await document({ pdfFile: file }));
    await app.preparer.prepare();
    await writeFile(file, '%PDF-1.4\n% segunda versão\n%%EOF\n');

    const report = await run(app);
    expect(report.outcomes.every((o) => o.preparedAhead)).toBe(true);
    const mails = await smtp.waitForMessages(3);
    const ana = mails.find((m) => m.to.includes('ana@cliente.example'))!;
    expect(ana.attachments[0]!.content.toString()).toContain('segunda versão');
  });

  it('treats a damaged prepared file as not prepared, and sends the notice all the same', async () => {
    const app = await openWith(await document());
    await app.preparer.prepare();
    const dir = join(app.dataDir, 'cache', 'messages');
    const [first, second, third] = (await readdir(dir)).sort();
    await writeFile(join(dir, first!), '{"key": "torn');
    await writeFile(join(dir, second!), '');
    const whole = await readFile(join(dir, third!));
    await writeFile(join(dir, third!), whole.subarray(0, whole.length - 10)); // the PDF cut short

    const report = await run(app);
    expect(report.counts.sent).toBe(3);
    expect(report.outcomes.filter((o) => o.preparedAhead)).toHaveLength(0);
    expect(await smtp.waitForMessages(3)).toHaveLength(3);
  });
});

describe('preparing the next run', () => {
  it('reports the notices that could not be composed, before the run, and prepares the others', async () => {
    const app = await openWith(await document({ pdfFile: '/nao/existe/fatura-f3.pdf' }));
    const [result] = await app.preparer.prepare();
    expect(result!.composed).toBe(2);
    expect(result!.problems).toEqual([
      {
        notice: expect.objectContaining({ invoiceId: 'f3' }),
        message: 'arquivo PDF da fatura não encontrado: /nao/existe/fatura-f3.pdf',
      },
    ]);
    // A second pass finds the others ready.
    const [again] = await app.preparer.prepare();
    expect(again).toMatchObject({ composed: 0, ready: 2 });
  });

  it("prepares each routine's next slot that the calendar lets run", async () => {
    const doc = await document();
    // Friday 05/03/2021 is a company holiday and the routine does not run on holidays.
    const app = await openWith(
      {
        ...doc,
        routines: [{ ...(doc.routines as object[])[0]!, runOnHolidays: false }],
        holidays: [{ date: '2021-03-05', name: 'Aniversário da cidade' }],
      },
      new Date('2021-03-04T15:00:00Z'), // Thursday 12:00 in São Paulo, after that day's slot
    );
    const results = await app.preparer.prepare();
    expect(results.map((r) => r.date)).toEqual(['2021-03-06']);
  });

  it('prepares again after staff delete the cache folder while the program runs', async () => {
    const app = await openWith(await document());
    await app.preparer.prepare();
    await rm(join(app.dataDir, 'cache'), { recursive: true });
    const [again] = await app.preparer.prepare();
    expect(again).toMatchObject({ composed: 3, ready: 0, problems: [] });
  });

  it('stops at a storage failure, and the run composes its e-mails itself', async () => {
    const app = await openWith(await document());
    // Where the cache's folder should be there is a file: every write fails.
    await writeFile(join(app.dataDir, 'cache'), 'not a folder');
    await expect(app.preparer.prepare()).rejects.toThrow(/ENOTDIR|EEXIST/);
    const report = await run(app);
    expect(report.counts.sent).toBe(3);
    await rm(join(app.dataDir, 'cache'));
  });

  it('forgets messages prepared for runs long gone, and keeps the ones still wanted', async () => {
    const app = await openWith(await document());
    const dir = join(app.dataDir, 'cache', 'messages');
    await app.preparer.prepare();
    const wanted = await readdir(dir);
    const aged = async (name: string, days: number) => {
      const when = new Date(Date.now() - days * 24 * 3600_000); // file times are the machine's own
      await utimes(join(dir, name), when, when);
    };
    const gone = `${'0'.repeat(64)}.msg`;
    const recent = `${'1'.repeat(64)}.msg`;
    await writeFile(join(dir, gone), '{}');
    await writeFile(join(dir, recent), '{}');
    await aged(gone, 3);
    await aged(recent, 1);
    for (const name of wanted) await aged(name, 3); // old, but the next run still wants them

    await app.preparer.prepare();
    expect((await readdir(dir)).sort()).toEqual([...wanted, recent].sort());
  });

  it('works in the background once the scheduler starts, and again after data changes', async () => {
    const api = await open({
      document: await document(),
      clock: offsetClock(BEFORE_SLOT),
      prepare: { startDelayMs: 0, changeDelayMs: 0 },
    });
    const heard: string[] = [];
    try {
      await api.app.start({ onPrepared: (m) => heard.push(m) });
      await expect.poll(() => heard, { timeout: 10_000 }).toHaveLength(1);
      expect(heard[0]).toBe(
        'próxima execução de diaria (05/03/2021): 3 e-mail(s) prontos (3 preparados agora)',
      );

      api.app.events.emit('store.changed', { area: 'records' });
      await expect.poll(() => heard, { timeout: 10_000 }).toHaveLength(2);
      expect(heard[1]).toBe(
        'próxima execução de diaria (05/03/2021): 3 e-mail(s) prontos (0 preparados agora)',
      );
    } finally {
      await api.app.scheduler.stop();
    }
  });
});

describe('regua prepare and the daemon', () => {
  it('prepares from the command line, says what it found, and the daemon does it by itself', async () => {
    const dataDir = await tempDir();
    const regua = (args: string[], env: Record<string, string> = {}) =>
      runCli(['--data-dir', dataDir, ...args], { env: { REGUA_NOW: BEFORE_SLOT.toISOString(), ...env } });
    const imported = await regua(['import', await writeDocument(dataDir, await document())]);
    expect(imported.code, imported.stderr).toBe(0);

    expect((await regua(['prepare', '--routine', 'diaria'])).code).toBe(2);
    const first = await regua(['prepare']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe(
      'próxima execução de diaria (05/03/2021): 3 e-mail(s) prontos (3 preparados agora)',
    );

    const daemon = spawnCli(['--data-dir', dataDir, 'daemon'], {
      env: { REGUA_NOW: BEFORE_SLOT.toISOString(), REGUA_PREPARE_DELAY_MS: '0' },
    });
    const exited = collect(daemon);
    let out = '';
    daemon.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out, { timeout: 20_000 }).toContain('e-mail(s) prontos');
    daemon.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    expect(out).toContain(
      'próxima execução de diaria (05/03/2021): 3 e-mail(s) prontos (0 preparados agora)',
    );

    const sent = await regua(['run', '--date', RUN_DATE]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain(
      '3 enviado(s), 0 falha(s), 0 pendente(s), 0 incerto(s), 0 ignorado(s) · 3 e-mail(s) preparados com antecedência',
    );
  });
});
