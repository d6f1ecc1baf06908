// The freshness guard with the real command: payments imported by retorno on 10/03 (Tuesday) are
// stale after 2 business days, so the run of 13/03 holds the after-due notices (and says why in the
// history); the window moves on and they are not lost; a retorno on 16/03 releases them: the one
// it paid gets "fatura paga", the other is sent.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../shared/records';
import { useSmtpServer } from '../support/api';
import { runCli } from '../support/cli';
import { cnab240Retorno, type RetornoTitle } from '../support/cnab-writer';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { invoiceLine, invoicesCsv, windows1252 } from '../support/import-files';

const smtp = useSmtpServer();
let dir: string;
const at = (iso: string) => ({ env: { REGUA_NOW: iso } });
const regua = (now: string, ...args: string[]) =>
  runCli(['--data-dir', join(dir, 'dados'), ...args], at(now));

const DUE = '2026-03-10';
const lines = [1, 2, 3].map((i) => invoiceLine(i, { due: DUE, amountCents: 9990 }));
const paid = (i: number): RetornoTitle => ({
  nossoNumero: lines[i]!.nossoNumero,
  code: '06',
  dueDate: DUE,
  amountCents: 9990,
  paidCents: 9990,
  date: '2026-03-10',
});

beforeEach(async () => {
  dir = await tempDir('regua-guard-');
  const doc = baseDocument(smtp.port, {
    billingMethods: [
      {
        id: 'boleto',
        name: 'Boleto Bancário',
        importedPayments: { staleAfterBusinessDays: 2 },
        sendRules: [
          { id: 'no', kind: 'on_due', days: 0, layoutId: 'boleto-no-vencimento' },
          { id: 'apos-3', kind: 'after_due', days: 3, layoutId: 'boleto-apos-vencimento' },
        ],
      },
    ],
    customers: [],
    invoices: [],
  });
  const now = '2026-03-09T13:00:00Z';
  expect((await regua(now, 'import', await writeDocument(dir, doc))).code).toBe(0);
  const csv = join(dir, 'boletos.csv');
  await writeFile(csv, windows1252(invoicesCsv(lines)));
  expect((await regua(now, 'import', csv)).code).toBe(0);
});

async function importRetorno(now: string, name: string, titles: RetornoTitle[]) {
  const file = join(dir, name);
  await writeFile(file, cnab240Retorno('756', titles));
  const result = await regua(now, 'import', file);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function run(now: string, date: string): Promise<RunReport> {
  const result = await regua(now, 'run', '--date', date, '--json');
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as RunReport[])[0]!;
}

const history = async (invoiceId: string) =>
  JSON.parse((await regua('2026-03-16T20:00:00Z', 'history', '--invoice', invoiceId, '--json')).stdout) as {
    status: string;
    kind: string;
    reasonCode?: string;
    reason?: string;
  }[];

describe('the freshness guard', () => {
  it('holds after-due notices while payments are stale, keeps them as the window moves on, releases them when a retorno arrives', async () => {
    // On the due date the on-due notices go out: they are never held.
    expect(await importRetorno('2026-03-10T13:00:00Z', 'R0310.RET', [paid(0)])).toContain(
      'pagamentos atualizados: Boleto Bancário',
    );
    const onDue = await run('2026-03-10T14:00:00Z', DUE);
    expect(onDue.counts.sent).toBe(2); // F1 was paid by the retorno

    // 13/03 (Friday): 3 business days since 10/03, more than 2: held.
    const held = await run('2026-03-13T11:15:00Z', '2026-03-13');
    expect(held.counts.sent).toBe(0);
    expect(held.skipped.map((s) => [s.invoiceId, s.reason]).sort()).toEqual([
      ['F1', 'invoice_paid'],
      ['F2', 'payments_stale'],
      ['F3', 'payments_stale'],
    ]);
    expect(held.reason).toBe(
      '2 avisos de atraso retidos até chegar um retorno ou Liberar envio (Boleto Bancário: Os pagamentos não são atualizados desde 10/03: avisos de atraso podem ir para quem já pagou)',
    );
    const f2 = (await history('F2')).filter((h) => h.kind === 'after_due');
    expect(f2).toEqual([
      expect.objectContaining({
        status: 'pending',
        reasonCode: 'payments_stale',
        reason:
          'Retido: os pagamentos não são atualizados desde 10/03: avisos de atraso podem ir para quem já pagou (Boleto Bancário). Sai quando chegar um retorno ou em Liberar envio.',
      }),
    ]);

    // 16/03 (Monday): the window is 14–16/03, the held notices' day (13/03) is behind it. Still held, not lost.
    const monday = await run('2026-03-16T11:15:00Z', '2026-03-16');
    expect(monday.counts.sent).toBe(0);
    expect(
      monday.skipped
        .filter((s) => s.reason === 'payments_stale')
        .map((s) => s.invoiceId)
        .sort(),
    ).toEqual(['F2', 'F3']);
    expect((await history('F2')).filter((h) => h.kind === 'after_due')).toHaveLength(1); // journaled once

    // A retorno arrives (it paid F2): fresh again. The next run lets them go.
    await importRetorno('2026-03-16T12:00:00Z', 'R0316.RET', [paid(1)]);
    const released = await run('2026-03-16T12:05:00Z', '2026-03-16');
    expect(released.outcomes.map((o) => [o.notice.invoiceId, o.status])).toEqual([['F3', 'sent']]);
    expect(released.skipped.find((s) => s.invoiceId === 'F2')?.reason).toBe('invoice_paid');
    expect((await history('F2')).at(-1)).toMatchObject({ status: 'skipped', reason: 'fatura paga' });
    // On the due date F2 and F3; after the retorno, F3's after-due notice. Nothing to F1, nothing twice.
    expect((await smtp.messages()).map((m) => m.envelopeTo[0]).sort()).toEqual([
      'cliente2@provedor.example',
      'cliente3@provedor.example',
      'cliente3@provedor.example',
    ]);
  });
});
