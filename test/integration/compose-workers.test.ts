// A cold run (nothing prepared) composes its e-mails on worker threads (compose-pool.ts) while it
// sends: a real app, the real `regua` command, a real SMTP server. What matters: the same bytes as a
// prepared run, a notice whose composition kills its worker is left pending alone, and the command exits.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offsetClock } from '../../main/services/clock';
import { WORKER_LOST } from '../../main/services/compose-pool';
import type { ReceivedMail } from '../support/smtp-server';
import { testApis, useSmtpServer } from '../support/api';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { buildPixCode } from '../../shared/br';

const smtp = useSmtpServer();
const open = testApis();

const RUN_DATE = '2021-03-05'; // after_due 13 for invoices due 20/02/2021
const BEFORE_SLOT = new Date('2021-03-05T10:00:00Z');
const CRASHING = new URL('../fixtures/compose-worker-crash.mjs', import.meta.url);

const names = ['Maria da Silva', 'José Pereira', 'Ana Souza', 'Paulo Lima'];
const customers = names.map((name, i) => ({
  id: `c${i + 1}`,
  name,
  email: `${name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/\W/g, '')}@cliente.example`,
}));
const pix = (txid: string) =>
  buildPixCode({
    key: 'financeiro@provedor.example',
    merchantName: 'PROVEDOR EXEMPLO',
    merchantCity: 'SAO PAULO',
    amountCents: 9990,
    txid,
  });
const document = () =>
  baseDocument(smtp.port, {
    customers,
    invoices: [
      invoice('f1', { customerId: 'c1', pixCode: pix('f1') }),
      invoice('crash', { customerId: 'c2', pixCode: pix('crash') }),
      invoice('f3', { customerId: 'c3' }),
      invoice('f4', { customerId: 'c4', pixCode: pix('f4') }),
    ],
  });

const run = (app: Awaited<ReturnType<typeof open>>['app']) =>
  app.runner.runRoutine('diaria', { date: RUN_DATE, trigger: 'schedule', honourCalendar: true });

/** The message as received, but for the send time and nodemailer's random multipart boundaries. */
const wire = (m: ReceivedMail) =>
  m.raw
    .toString('latin1')
    .replace(/^Date: .*\r\n/m, '')
    .replace(/--_NmP-[\w-]+?-Part_\d+/g, 'BOUNDARY');
const byTo = (mails: ReceivedMail[]) => new Map(mails.map((m) => [m.to.join(), wire(m)]));

describe('a cold run', () => {
  it('composes on worker threads the bytes a run prepared on the main thread sends', async () => {
    const opts = { document: document(), clock: offsetClock(BEFORE_SLOT) };
    const warm = await open({ ...opts, composePool: { size: 0 } });
    expect((await warm.app.preparer.prepare())[0]).toMatchObject({ composed: 4, problems: [] });
    expect((await run(warm.app)).outcomes.map((o) => o.preparedAhead)).toEqual([true, true, true, true]);
    const warmMails = await smtp.waitForMessages(4);

    await smtp.clear();
    const cold = await open({ ...opts, composePool: { size: 2 } });
    const report = await run(cold.app);
    expect(report.counts.sent).toBe(4);
    expect(report.outcomes.map((o) => o.preparedAhead)).toEqual([false, false, false, false]);
    expect(byTo(await smtp.waitForMessages(4))).toEqual(byTo(warmMails));
    // What a run composes itself is not written to the message cache (it cost more than composing).
    expect(await readdir(join(cold.app.dataDir, 'cache', 'messages')).catch(() => [])).toHaveLength(0);
  });

  it('says the routine is no longer running by the time a screen hears "run.finished"', async () => {
    const { app } = await open({ document: document(), clock: offsetClock(BEFORE_SLOT) });
    // What a screen does on the event: ask again on a later turn of the event loop.
    const seen: boolean[] = [];
    const heard = new Promise<void>((resolve) =>
      app.events.subscribe((e) => {
        if (e.name !== 'run.finished') return;
        setImmediate(() => {
          seen.push(app.runner.isRunning('diaria'));
          resolve();
        });
      }),
    );
    await run(app);
    await heard;
    expect(seen).toEqual([false]);
  });

  it('leaves pending only the notice whose composition killed its worker, and sends the others', async () => {
    const { app } = await open({
      document: document(),
      clock: offsetClock(BEFORE_SLOT),
      composePool: { size: 1, entry: CRASHING },
    });
    const report = await run(app);
    expect(report.counts).toMatchObject({ sent: 3, pending: 1, failed: 0 });
    const crashed = report.outcomes.find((o) => o.notice.invoiceId === 'crash')!;
    expect(crashed).toMatchObject({ status: 'pending', detail: WORKER_LOST });
    expect((await smtp.waitForMessages(3)).map((m) => m.to.join()).sort()).toEqual([
      'ana@cliente.example',
      'maria@cliente.example',
      'paulo@cliente.example',
    ]);
    const records = app.ledger.history().filter((r) => r.invoiceId === 'crash');
    expect(records.map((r) => [r.status, r.reasonCode])).toEqual([['pending', 'document']]);
  });

  it('runs from the bundled `regua` command on the bundle’s own worker, and the command exits', async () => {
    const dataDir = await tempDir();
    const env = { REGUA_NOW: BEFORE_SLOT.toISOString(), REGUA_DEBUG_COMPOSE: '1' };
    const doc = { ...document(), invoices: (document().invoices as object[]).filter((_, i) => i !== 1) };
    const imported = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc)], {
      env,
    });
    expect(imported.code, imported.stderr).toBe(0);

    const sent = await runCli(['--data-dir', dataDir, 'run', '--date', RUN_DATE], { env });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('3 enviado(s), 0 falha(s), 0 pendente(s)');
    expect(sent.stderr).toContain('processo auxiliar iniciado (compose-worker.mjs)');
    expect(await smtp.waitForMessages(3)).toHaveLength(3);
  });
});
