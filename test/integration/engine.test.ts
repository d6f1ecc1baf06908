// The engine end to end: the real `regua` command against a real SMTP server process.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { useSmtpServer } from '../support/api';

const smtp = useSmtpServer();
let dataDir: string;

beforeEach(async () => {
  dataDir = await tempDir();
});

const regua = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

async function importDoc(doc: Record<string, unknown>) {
  const file = await writeDocument(dataDir, doc);
  const result = await regua('import', file);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

async function runJson(date: string, ...extra: string[]) {
  const result = await regua('run', '--date', date, '--json', ...extra);
  return { ...result, reports: JSON.parse(result.stdout) as RunReportJson[] };
}

interface RunReportJson {
  status: string;
  reason: string | null;
  window: { from: string; to: string } | null;
  counts: { sent: number; failed: number; pending: number; skipped: number };
  due: { key: string; invoiceId: string }[];
  outcomes: { status: string; detail: string; notice: { invoiceId: string; key: string } }[];
  skipped: { invoiceId: string; reason: string }[];
}

describe("the article's example: after_due 13, due 20/02/2021", () => {
  it('sends exactly one e-mail on the 05/03/2021 run, with the PDF and the layout subject, and never again', async () => {
    await importDoc(baseDocument(smtp.port));

    const before = await runJson('2021-03-04');
    expect(before.code).toBe(0);
    expect(before.reports[0]!.counts.sent).toBe(0);
    expect(await smtp.messages()).toHaveLength(0);

    const run = await runJson('2021-03-05');
    expect(run.code).toBe(0);
    expect(run.reports[0]!.counts).toEqual({ sent: 1, failed: 0, pending: 0, uncertain: 0, skipped: 0 });
    const [mail, ...others] = await smtp.waitForMessages(1);
    expect(others).toHaveLength(0);
    expect(mail!.envelopeTo).toEqual(['maria@cliente.example']);
    expect(mail!.subject).toBe('Fatura N-f1 em atraso – venceu em 20/02/2021');
    expect(mail!.text).toContain('20/02/2021');
    expect(mail!.text).toContain('R$ 99,90');
    expect(mail!.html).toContain('Maria da Silva');
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['fatura-N-f1.pdf']);
    expect(mail!.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mail!.messageId).toMatch(/^<regua\.[0-9a-f]{32}@provedor\.example>$/);

    const again = await runJson('2021-03-05');
    expect(again.code).toBe(0);
    expect(again.reports[0]!.counts.sent).toBe(0);
    expect(again.reports[0]!.skipped).toEqual([
      expect.objectContaining({ invoiceId: 'f1', reason: 'already_sent' }),
    ]);
    expect(await smtp.messages()).toHaveLength(1);

    const history = await regua('history', '--invoice', 'f1', '--json');
    const statuses = (JSON.parse(history.stdout) as { status: string }[]).map((r) => r.status);
    expect(statuses).toEqual(['sending', 'sent']);
  });
});

describe('rule kinds and calendar edges', () => {
  it('sends before_due, on_due and after_issue notices on their own days, across month ends and leap days', async () => {
    await importDoc(
      baseDocument(smtp.port, {
        billingMethods: [
          {
            id: 'boleto',
            name: 'Boleto Bancário',
            sendRules: [
              { id: 'antes', kind: 'before_due', days: 1, layoutId: 'boleto-antes-vencimento' },
              { id: 'no', kind: 'on_due', days: 0, layoutId: 'boleto-no-vencimento' },
              { id: 'emissao', kind: 'after_issue', days: 30, layoutId: 'boleto-emissao' },
            ],
          },
        ],
        routines: [
          {
            id: 'diaria',
            description: 'Envio',
            task: 'send_email',
            schedule: { frequency: 'daily', time: '08:10:00' },
            runOnHolidays: true,
            catchUp: false,
            smtpAccountId: 'principal',
          },
        ],
        invoices: [invoice('leap', { issueDate: '2024-01-31', dueDate: '2024-03-01' })],
      }),
    );
    // before_due 1 → 29/02/2024 (leap day); on_due → 01/03/2024; after_issue 30 from 31/01 → 01/03/2024.
    const feb28 = await runJson('2024-02-28');
    expect(feb28.reports[0]!.counts.sent).toBe(0);
    const feb29 = await runJson('2024-02-29');
    expect(feb29.reports[0]!.outcomes.map((o) => o.notice.key)).toEqual(['leap|before_due|1|2024-03-01']);
    const mar1 = await runJson('2024-03-01');
    expect(mar1.reports[0]!.outcomes.map((o) => o.notice.key).sort()).toEqual([
      'leap|after_issue|30|2024-03-01',
      'leap|on_due|0|2024-03-01',
    ]);
    const subjects = (await smtp.waitForMessages(3)).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects.some((s) => s.includes('vence hoje'))).toBe(true);
  });

  it('reports paid, cancelled, opted-out, inactive and e-mail-less invoices with their reason', async () => {
    await importDoc(
      baseDocument(smtp.port, {
        customers: [
          { id: 'c1', name: 'Maria', email: 'maria@cliente.example' },
          { id: 'c2', name: 'João', email: 'joao@cliente.example', emailOptOut: true },
          { id: 'c3', name: 'Ana', email: null },
          { id: 'c4', name: 'Zé', email: 'ze@cliente.example', active: false },
          { id: 'c5', name: 'Bia', email: 'bia@cliente.example; bia2@cliente.example' },
        ],
        invoices: [
          invoice('pago', { status: 'paid' }),
          invoice('cancelado', { status: 'cancelled' }),
          invoice('optout', { customerId: 'c2' }),
          invoice('semEmail', { customerId: 'c3' }),
          invoice('inativo', { customerId: 'c4' }),
          invoice('duplo', { customerId: 'c5' }),
        ],
      }),
    );
    const run = await runJson('2021-03-05');
    expect(run.code).toBe(0);
    const reasons = Object.fromEntries(run.reports[0]!.skipped.map((s) => [s.invoiceId, s.reason]));
    expect(reasons).toEqual({
      pago: 'invoice_paid',
      cancelado: 'invoice_cancelled',
      optout: 'customer_opted_out',
      semEmail: 'customer_no_email',
      inativo: 'customer_inactive',
    });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.envelopeTo.sort()).toEqual(['bia2@cliente.example', 'bia@cliente.example']);
    const history = JSON.parse((await regua('history', '--status', 'skipped', '--json')).stdout) as {
      invoiceId: string;
      reason: string;
    }[];
    expect(history.find((h) => h.invoiceId === 'semEmail')?.reason).toBe('cliente sem e-mail');
  });
});

describe('holidays and catch-up', () => {
  const routine = (fields: Record<string, unknown>) => ({
    id: 'diaria',
    description: 'Envio',
    task: 'send_email',
    schedule: { frequency: 'daily', time: '08:10:00' },
    smtpAccountId: 'principal',
    ...fields,
  });

  it('skips Tiradentes when runOnHolidays is false and catches the notice up on the next run', async () => {
    // after_due 13 from 08/04/2021 → 21/04/2021 (Tiradentes).
    await importDoc(
      baseDocument(smtp.port, {
        routines: [routine({ runOnHolidays: false })],
        invoices: [invoice('f1', { issueDate: '2021-03-20', dueDate: '2021-04-08' })],
      }),
    );
    expect((await runJson('2021-04-20')).reports[0]!.counts.sent).toBe(0);
    const holiday = await runJson('2021-04-21');
    expect(holiday.reports[0]!.status).toBe('skipped');
    expect(holiday.reports[0]!.reason).toBe('feriado: Tiradentes');
    expect(await smtp.messages()).toHaveLength(0);
    const next = await runJson('2021-04-22');
    expect(next.reports[0]!.window).toEqual({ from: '2021-04-21', to: '2021-04-22' });
    expect(next.reports[0]!.counts.sent).toBe(1);
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it('catches up a missed day, but not with catch-up switched off', async () => {
    await importDoc(baseDocument(smtp.port, { routines: [routine({ runOnHolidays: true })] }));
    await runJson('2021-03-03');
    const late = await runJson('2021-03-06');
    expect(late.reports[0]!.window).toEqual({ from: '2021-03-04', to: '2021-03-06' });
    expect(late.reports[0]!.counts.sent).toBe(1);

    dataDir = await tempDir();
    await importDoc(
      baseDocument(smtp.port, { routines: [routine({ runOnHolidays: true, catchUp: false })] }),
    );
    await runJson('2021-03-03');
    const literal = await runJson('2021-03-06');
    expect(literal.reports[0]!.window).toEqual({ from: '2021-03-06', to: '2021-03-06' });
    expect(literal.reports[0]!.counts.sent).toBe(0);
    expect(await smtp.messages()).toHaveLength(1);
  });

  it('drops a before_due notice caught up after its due date, with a reason', async () => {
    await importDoc(
      baseDocument(smtp.port, {
        billingMethods: [
          {
            id: 'boleto',
            name: 'Boleto',
            sendRules: [{ id: 'a', kind: 'before_due', days: 3, layoutId: 'boleto-antes-vencimento' }],
          },
        ],
        routines: [routine({ runOnHolidays: true })],
        invoices: [invoice('f1', { dueDate: '2021-03-05' })],
      }),
    );
    await runJson('2021-03-01');
    const late = await runJson('2021-03-05');
    expect(late.reports[0]!.skipped).toEqual([
      expect.objectContaining({ invoiceId: 'f1', reason: 'due_date_passed' }),
    ]);
    expect(await smtp.messages()).toHaveLength(0);
  });
});

describe('SMTP failures', () => {
  const manyInvoices = (n: number) =>
    Array.from({ length: n }, (_, i) => invoice(`f${i + 1}`, { customerId: `c${i + 1}` }));
  const manyCustomers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `c${i + 1}`,
      name: `Cliente ${i + 1}`,
      email: `c${i + 1}@cliente.example`,
    }));

  it('leaves everything pending while the server is down and delivers it on a later run', async () => {
    await importDoc(baseDocument(smtp.port, { customers: manyCustomers(3), invoices: manyInvoices(3) }));
    await smtp.stop();
    try {
      const down = await runJson('2021-03-05');
      expect(down.code).toBe(1);
      expect(down.reports[0]!.status).toBe('aborted');
      expect(down.reports[0]!.counts).toMatchObject({ sent: 0, pending: 3 });
      expect(down.reports[0]!.reason).toMatch(/^O servidor 127\.0\.0\.1 recusou a conexão na porta \d+\./);
    } finally {
      await smtp.restart();
    }
    const later = await runJson('2021-03-06');
    expect(later.code).toBe(0);
    expect(later.reports[0]!.counts.sent).toBe(3);
    const mails = await smtp.waitForMessages(3);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
    expect((await runJson('2021-03-07')).reports[0]!.counts.sent).toBe(0);
    expect(await smtp.messages()).toHaveLength(3);
  });

  it('retries a 4xx later and marks a 5xx failed with the server reply, never resending it', async () => {
    await importDoc(baseDocument(smtp.port, { customers: manyCustomers(2), invoices: manyInvoices(2) }));
    await smtp.setFaults({
      rcpt: [{ match: '^c2@', code: 550, message: '5.1.1 Mailbox does not exist' }],
      data: { code: 451, message: '4.3.0 Try again later', times: -1 },
    });
    const first = await runJson('2021-03-05');
    expect(first.code).toBe(1);
    const byInvoice = Object.fromEntries(first.reports[0]!.outcomes.map((o) => [o.notice.invoiceId, o]));
    expect(byInvoice.f1!.status).toBe('pending');
    expect(byInvoice.f1!.detail).toContain('recusou o e-mail por enquanto');
    expect(byInvoice.f2!.status).toBe('failed');
    expect(byInvoice.f2!.detail).toContain('recusou o endereço c2@');
    expect(await smtp.messages()).toHaveLength(0);

    await smtp.setFaults({ rcpt: [{ match: '^c2@', code: 550, message: '5.1.1 Mailbox does not exist' }] });
    const second = await runJson('2021-03-06');
    expect(second.reports[0]!.counts).toMatchObject({ sent: 1, failed: 0 });
    const mails = await smtp.waitForMessages(1);
    expect(mails.map((m) => m.envelopeTo[0])).toEqual(['c1@cliente.example']);

    const rerun = await runJson('2021-03-05');
    expect(rerun.reports[0]!.counts.sent).toBe(0);
    expect(rerun.reports[0]!.skipped.map((s) => [s.invoiceId, s.reason]).sort()).toEqual([
      ['f1', 'already_sent'],
      ['f2', 'already_failed'],
    ]);
    expect(await smtp.messages()).toHaveLength(1);
  });
});

describe('bad documents', () => {
  it('refuses a document with any error whole, printing each error with its JSON path', async () => {
    await importDoc(baseDocument(smtp.port));
    const before = await readFile(join(dataDir, 'invoices.json'), 'utf8');
    const file = await writeDocument(dataDir, {
      format: 'regua/v1',
      customers: [{ id: 'c9', name: 'Novo', email: 'not-an-email' }],
      billingMethods: [
        {
          id: 'pix',
          name: 'PIX',
          sendRules: [
            { id: 'x', kind: 'after_due', days: -2, layoutId: 'boleto-apos-vencimento' },
            { id: 'y', kind: 'after_due', days: 13, layoutId: 'nao-existe' },
            { id: 'z', kind: 'after_due', days: 13, layoutId: 'boleto-apos-vencimento' },
          ],
        },
      ],
      invoices: [
        invoice('f2', { dueDate: '2021-02-30' }),
        invoice('f3', { customerId: 'ninguem', amountCents: '10' }),
      ],
      extra: true,
    });
    const result = await regua('import', file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    for (const path of [
      'customers[0].email',
      'billingMethods[0].sendRules[0].days',
      'billingMethods[0].sendRules[2].days',
      'invoices[0].dueDate',
      'invoices[1].amountCents',
    ])
      expect(result.stderr).toContain(path);
    expect(result.stderr).toContain(
      'já existe a regra "Envio após Vencido com 13 dias" nesta forma de cobrança',
    );
    expect(await readFile(join(dataDir, 'invoices.json'), 'utf8')).toBe(before);
  });

  it('refuses references to unknown ids', async () => {
    await importDoc(baseDocument(smtp.port));
    const file = await writeDocument(dataDir, {
      format: 'regua/v1',
      routines: [
        {
          id: 'r2',
          description: 'Outra',
          task: 'send_email',
          schedule: { frequency: 'weekly', time: '09:00:00', weekdays: [1, 3] },
          smtpAccountId: 'nenhuma',
          billingMethodIds: ['cartao'],
        },
      ],
      invoices: [invoice('f9', { customerId: 'c404', billingMethodId: 'boleto' })],
    });
    const result = await regua('import', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('routines[0].smtpAccountId: conta de e-mail não encontrada: nenhuma');
    expect(result.stderr).toContain(
      'routines[0].billingMethodIds[0]: forma de cobrança não encontrada: cartao',
    );
    expect(result.stderr).toContain('invoices[0].customerId: cliente não encontrado: c404');
    const exported = JSON.parse((await regua('export')).stdout) as {
      routines: unknown[];
      invoices: unknown[];
    };
    expect(exported.routines).toHaveLength(1);
    expect(exported.invoices).toHaveLength(1);
  });
});
