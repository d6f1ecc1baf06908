// A payable e-mail, end to end on a real app and a real SMTP server: the PIX QR code inline (read back by
// ZXing), the logo inline, the headers a mailbox provider looks at, and an invoice with nothing to pay
// with held back — in Simular, the run, the history and Início — unless its layout is a pure reminder.
import { describe, expect, it } from 'vitest';
import { noticeKey } from '../../shared/calendar';
import type { DashboardSummary } from '../../shared/contract/overview';
import type { DeliveryView } from '../../shared/contract/records';
import type { Page } from '../../shared/contract/method';
import type { RoutineRun, RoutineSimulation } from '../../shared/contract/routines';
import { SKIP_REASONS } from '../../shared/reasons';
import { noticeMessageId } from '../../main/services/delivery';
import type { ReceivedMail } from '../support/smtp-server';
import { testApis, useSmtpServer } from '../support/api';
import { baseDocument, invoice } from '../support/documents';
import { decodeSymbols, pngLogo, requireDecoders } from '../support/images';
import { testLine, testPix } from '../support/payment-codes';

const smtp = useSmtpServer();
const open = testApis();
const RUN_DATE = '2021-03-05'; // after_due 13 for invoices due 20/02/2021
const COMPANY_EMAIL = 'financeiro@provedor.example';

const REMINDER_HTML =
  '<p>Olá, {{cliente.nome}}! A fatura {{fatura.numero}} venceu em {{fatura.vencimento}}. Fale com {{empresa.nome}}.</p>';

async function document(account: Record<string, unknown> = {}) {
  const base = baseDocument(smtp.port);
  return baseDocument(smtp.port, {
    company: { ...(base.company as object), email: COMPANY_EMAIL, logo: await pngLogo(200) },
    smtpAccounts: [{ ...(base.smtpAccounts as object[])[0], ...account }],
    layouts: [
      {
        id: 'lembrete',
        name: 'Lembrete sem cobrança',
        subject: 'Lembrete',
        html: REMINDER_HTML,
        reminder: true,
      },
    ],
    billingMethods: [
      (base.billingMethods as object[])[0],
      {
        id: 'carne',
        name: 'Carnê',
        sendRules: [{ id: 'r2', kind: 'after_due', days: 13, layoutId: 'lembrete' }],
      },
    ],
    customers: [
      { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
      { id: 'c2', name: 'José Pereira', email: 'jose@cliente.example' },
      { id: 'c3', name: 'Ana Souza', email: 'ana@cliente.example', emailOptOut: true },
      { id: 'c4', name: 'Rui Lima', email: 'rui@cliente.example' },
    ],
    invoices: [
      invoice('f1', { customerId: 'c1', pixCode: testPix(9990, 'f1') }),
      invoice('f2', { customerId: 'c2', digitableLine: null }),
      invoice('f3', { customerId: 'c3' }),
      invoice('f4', { customerId: 'c4', billingMethodId: 'carne', digitableLine: null }),
    ],
  });
}

const byTo = (mails: ReceivedMail[], to: string) => mails.find((m) => m.to.includes(to))!;

describe('a payable e-mail', () => {
  it('Simular and the run hold back the invoice with nothing to pay with; the reminder layout still goes', async () => {
    const api = await open({ document: await document() });
    const simulation = await api.ok<RoutineSimulation>('routines.simulate', {
      routineId: 'diaria',
      date: RUN_DATE,
    });
    expect(simulation.due.map((n) => n.invoiceId).sort()).toEqual(['f1', 'f4']);
    expect(simulation.skipped.map((s) => [s.invoiceId, s.reason]).sort()).toEqual([
      ['f2', 'no_payment_means'],
      ['f3', 'customer_opted_out'],
    ]);

    const run = await api.ok<RoutineRun>('routines.runNow', { routineId: 'diaria', date: RUN_DATE });
    expect(run.counts).toMatchObject({ sent: 2, skipped: 2, failed: 0, pending: 0 });
    const mails = await smtp.waitForMessages(2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['maria@cliente.example', 'rui@cliente.example']);

    // The history says why José got nothing; Início counts it until the invoice gets a way to pay.
    const history = await api.ok<Page<DeliveryView>>('deliveries.list', { status: 'skipped' });
    const held = history.items.find((d) => d.invoiceId === 'f2')!;
    expect(held).toMatchObject({ reasonCode: 'no_payment_means', reason: SKIP_REASONS.no_payment_means });
    expect(held.reason).toMatch(/^sem meio de pagamento/);
    expect((await api.ok<DashboardSummary>('dashboard.summary')).noPaymentMeans).toBe(1);
    await api.app.update((tx) => tx.upsertInvoices([{ ...tx.invoice('f2')!, pixCode: testPix(9990, 'f2') }]));
    expect((await api.ok<DashboardSummary>('dashboard.summary')).noPaymentMeans).toBe(0);
  });

  it('carries the QR code and the logo inline, and the headers that keep it out of spam', async () => {
    await requireDecoders();
    const api = await open({ document: await document() });
    await api.ok('routines.runNow', { routineId: 'diaria', date: RUN_DATE });
    const mails = await smtp.waitForMessages(2);
    const maria = byTo(mails, 'maria@cliente.example');
    const f1 = api.app.store.invoice('f1')!;

    // The QR image is a related part the HTML refers to by cid, and it reads back as the copia e cola.
    const raw = maria.raw.toString('latin1');
    expect(raw).toMatch(/Content-Type: multipart\/related; type="text\/html"/);
    expect(raw).toContain('Content-ID: <pix-qrcode@regua>');
    expect(raw).toContain('Content-ID: <empresa-logo@regua>');
    const qr = maria.attachments.find((a) => a.filename === 'pix-qrcode.png')!;
    expect(qr.contentType).toBe('image/png');
    expect(await decodeSymbols(qr.content)).toEqual([`QR-Code:${f1.pixCode}`]);
    const logo = maria.attachments.find((a) => a.filename === 'logotipo.png')!;
    expect(await decodeSymbols(logo.content)).toEqual(['QR-Code:logo']); // the test logo is a QR code
    // mailparser resolves each cid: reference to its part, as a mail client shows it.
    for (const image of [qr, logo])
      expect(maria.html).toContain(`src="data:image/png;base64,${image.content.toString('base64')}"`);
    // The linha digitável grouped as the bank prints it, in the text part too.
    expect(maria.text).toContain(testLine('2021-02-20', 9990));

    // Headers: unsubscribe and replies go to the office; the Message-ID is the notice's own.
    const key = noticeKey({ invoiceId: 'f1', kind: 'after_due', days: 13, dueDate: '2021-02-20' });
    expect(raw).toContain(`List-Unsubscribe: <mailto:${COMPANY_EMAIL}?subject=Descadastrar>`);
    expect(raw).toMatch(new RegExp(`^Reply-To: ${COMPANY_EMAIL}\\r$`, 'm'));
    expect(maria.messageId).toBe(noticeMessageId(key, 'cobranca@provedor.example'));

    // A reminder layout that shows no code carries no QR code.
    const rui = byTo(mails, 'rui@cliente.example');
    expect(rui.attachments.some((a) => a.filename === 'pix-qrcode.png')).toBe(false);
  });

  it("uses the account's own Reply-To when it has one", async () => {
    const api = await open({ document: await document({ replyTo: 'atendimento@provedor.example' }) });
    await api.ok('routines.runNow', { routineId: 'diaria', date: RUN_DATE });
    const maria = byTo(await smtp.waitForMessages(2), 'maria@cliente.example');
    const raw = maria.raw.toString('latin1');
    expect(raw).toMatch(/^Reply-To: atendimento@provedor\.example\r$/m);
    expect(raw).toContain(`List-Unsubscribe: <mailto:${COMPANY_EMAIL}?subject=Descadastrar>`);
  });

  it('Enviar por e-mail refuses an invoice with nothing to pay with, unless the layout is a reminder', async () => {
    const api = await open({ document: await document() });
    const preview = await api.ok<{ warnings: { blocking: boolean; message: string }[] }>('invoices.preview', {
      invoiceId: 'f2',
      layoutId: 'boleto-apos-vencimento',
    });
    expect(preview.warnings).toContainEqual({
      blocking: true,
      message: expect.stringMatching(/^A fatura não tem meio de pagamento/),
    });
    const refused = await api.call('invoices.send', { invoiceId: 'f2', layoutId: 'boleto-apos-vencimento' });
    expect(api.failure(refused).message).toMatch(/^A fatura não tem meio de pagamento/);
    const sent = await api.ok<DeliveryView>('invoices.send', { invoiceId: 'f2', layoutId: 'lembrete' });
    expect(sent.status).toBe('sent');
    expect((await smtp.waitForMessages(1)).map((m) => m.to[0])).toEqual(['jose@cliente.example']);
  });

  it('never e-mails a customer marked "não recebe e-mails", by rule or by hand', async () => {
    const api = await open({ document: await document() });
    await api.ok('routines.runNow', { routineId: 'diaria', date: RUN_DATE });
    const refused = await api.call('invoices.send', { invoiceId: 'f3', layoutId: 'boleto-apos-vencimento' });
    expect(api.failure(refused).message).toContain('O cliente optou por não receber e-mails.');
    const mails = await smtp.waitForMessages(2);
    expect(mails.flatMap((m) => m.to)).not.toContain('ana@cliente.example');
  });
});
