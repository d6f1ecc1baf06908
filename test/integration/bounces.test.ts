// Bounces read back from a real IMAP server (Dovecot): notices sent through the test SMTP server come
// back as real DSNs (an RFC 3464 report, a plain-text Postfix one) dropped into the mailbox next to a
// customer's reply. The reading marks the notices `bounced` with the reason, marks the dead address
// on the customer, moves the DSNs away (each handled once) and leaves the reply alone; the next run
// skips the customer, and editing the address lifts the mark.
import { rm } from 'node:fs/promises';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BounceReadStatus } from '../../shared/contract/deliverability';
import type { SmtpAccountView } from '../../shared/contract/mail';
import type { DashboardSummary } from '../../shared/contract/overview';
import type { DeliveryView } from '../../shared/contract/records';
import type { Page } from '../../shared/contract/method';
import type { Customer } from '../../shared/domain';
import { PROCESSED_FOLDER } from '../../main/services/bounces/mailbox';
import { testApis, useSmtpServer, type TestApi } from '../support/api';
import { bounceMessage, headerBlock } from '../support/bounces';
import { debianProgram } from '../support/debian-package';
import { baseDocument, invoice, tempDir } from '../support/documents';
import { startDovecot, type TestImapServer } from '../support/dovecot';
import { runCli } from '../support/cli';

const dovecot = await debianProgram('dovecot', 'dovecot-imapd');
const smtp = useSmtpServer();
const open = testApis();
let imap: TestImapServer;

beforeAll(async () => {
  if (dovecot.path) imap = await startDovecot(dovecot.path);
});
afterAll(async () => {
  await imap?.stop();
});

const SENDER = 'cobranca@provedor.example';

/** Two customers with a notice each, sent for real; the account reads its bounces from Dovecot. */
async function sentNotices(options: Parameters<typeof open>[0] = {}) {
  const doc = baseDocument(smtp.port);
  const [account] = doc.smtpAccounts as Record<string, unknown>[];
  const api = await open({
    ...options,
    document: {
      ...doc,
      smtpAccounts: [
        {
          ...account,
          bounceMailbox: {
            host: imap.host,
            port: imap.port,
            security: 'none',
            user: imap.user,
            password: imap.password,
          },
        },
      ],
      customers: [
        { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
        { id: 'c2', name: 'João Souza', email: 'joao@cliente.example; financeiro@joao.example' },
      ],
      invoices: [invoice('f1'), invoice('f2', { customerId: 'c2' })],
    },
  });
  await smtp.clear();
  const report = await api.app.runner.runRoutine('diaria', {
    date: '2021-03-05',
    trigger: 'manual',
    honourCalendar: false,
  });
  expect(report.counts.sent).toBe(2);
  const mails = await smtp.waitForMessages(2);
  const to = (address: string) => mails.find((m) => m.envelopeTo.includes(address))!;
  return { api, maria: to('maria@cliente.example'), joao: to('joao@cliente.example') };
}

async function imapClient() {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  return client;
}

async function folderState(folder: string) {
  const client = await imapClient();
  try {
    const status = (await client.status(folder, { messages: true, unseen: true }).catch(() => null)) || null;
    const subjects: string[] = [];
    if (status?.messages) {
      const lock = await client.getMailboxLock(folder);
      try {
        for await (const m of client.fetch('1:*', { envelope: true }))
          subjects.push(m.envelope?.subject ?? '');
      } finally {
        lock.release();
      }
    }
    return { messages: status?.messages ?? 0, unseen: status?.unseen ?? 0, subjects };
  } finally {
    await client.logout();
  }
}

const deliveries = (api: TestApi, input: Record<string, unknown> = {}) =>
  api.ok<Page<DeliveryView>>('deliveries.list', input);

describe.skipIf(dovecot.skip)('bounces read back from a real IMAP server', () => {
  it('records each bounce on its notice, marks the dead address, moves the DSNs and leaves the reply alone', async () => {
    const { api, maria, joao } = await sentNotices();
    const returned = (mail: typeof maria, recipient: string) => ({
      headers: headerBlock(mail.raw),
      messageId: mail.messageId,
      recipient,
      sender: SENDER,
    });
    await imap.deliver(await bounceMessage('postfix-rfc3464', returned(maria, 'maria@cliente.example')));
    await imap.deliver(await bounceMessage('postfix-plain', returned(joao, 'joao@cliente.example')));
    await imap.deliver(await bounceMessage('customer-reply', returned(maria, 'maria@cliente.example')));

    const status = await api.ok<BounceReadStatus>('smtp.bounces.read', { id: 'principal' });
    expect(status).toMatchObject({
      ok: true,
      recorded: 2,
      message: '2 avisos devolvidos registrados no Histórico de envios.',
    });

    const bounced = (await deliveries(api, { status: 'bounced' })).items;
    expect(bounced.map((d) => [d.customerName, d.status, d.reason]).sort()).toEqual([
      ['João Souza', 'bounced', 'o e-mail joao@cliente.example não existe (caixa postal inexistente)'],
      ['Maria da Silva', 'bounced', 'o e-mail maria@cliente.example não existe (caixa postal inexistente)'],
    ]);
    const mariaRecord = bounced.find((d) => d.customerId === 'c1')!;
    expect(mariaRecord.messageId).toBe(maria.messageId);
    expect(mariaRecord.bounce).toEqual([
      expect.objectContaining({ address: 'maria@cliente.example', status: '5.1.1', permanent: true }),
    ]);
    expect(mariaRecord.smtpResponse).toContain('User unknown');

    const customers = (await api.ok<Page<Customer>>('customers.list', {})).items;
    expect(customers.find((c) => c.id === 'c1')!.bouncedEmails).toEqual([
      expect.objectContaining({
        address: 'maria@cliente.example',
        reason: 'o e-mail maria@cliente.example não existe (caixa postal inexistente)',
      }),
    ]);

    // The reply stays in the INBOX, unread; the two DSNs were moved, read, to their own folder.
    expect(await folderState('INBOX')).toEqual({
      messages: 1,
      unseen: 1,
      subjects: ['Re: Sua fatura vence amanhã'],
    });
    expect(await folderState(PROCESSED_FOLDER)).toMatchObject({ messages: 2, unseen: 0 });

    const summary = await api.ok<DashboardSummary>('dashboard.summary');
    expect(summary.bounced).toBe(2);

    // A second reading finds nothing new; the same DSN delivered again changes nothing either.
    expect(await api.ok<BounceReadStatus>('smtp.bounces.read', { id: 'principal' })).toMatchObject({
      ok: true,
      recorded: 0,
      message: 'Nenhum retorno novo.',
    });
    // As if the program had died between the history and the customer: a DSN read again puts the mark back.
    await api.app.update((tx) => tx.upsertCustomers([{ ...tx.customer('c1')!, bouncedEmails: undefined }]));
    await imap.deliver(await bounceMessage('postfix-rfc3464', returned(maria, 'maria@cliente.example')));
    expect(await api.ok<BounceReadStatus>('smtp.bounces.read', { id: 'principal' })).toMatchObject({
      recorded: 0,
    });
    expect(api.app.store.customer('c1')!.bouncedEmails).toHaveLength(1);
    expect(api.app.ledger.history().filter((r) => r.status === 'bounced')).toHaveLength(2);
    expect(await folderState(PROCESSED_FOLDER)).toMatchObject({ messages: 3 });

    // The next run skips Maria with the reason; João still gets his notice at his other address.
    await api.app.update((tx) =>
      tx.upsertInvoices([
        { ...tx.invoice('f1')!, id: 'f3', number: 'N-f3', dueDate: '2021-02-21' },
        { ...tx.invoice('f2')!, id: 'f4', number: 'N-f4', dueDate: '2021-02-21' },
      ]),
    );
    await smtp.clear();
    const next = await api.app.runner.runRoutine('diaria', {
      date: '2021-03-06',
      trigger: 'manual',
      honourCalendar: false,
    });
    expect(next.counts.sent).toBe(1);
    expect(next.skipped.map((s) => [s.invoiceId, s.reason])).toEqual([['f3', 'customer_email_bounced']]);
    expect((await smtp.waitForMessages(1))[0]!.envelopeTo).toEqual(['financeiro@joao.example']);
    const skippedRow = (await deliveries(api, { status: 'skipped' })).items.find(
      (d) => d.invoiceId === 'f3',
    )!;
    expect(skippedRow.reason).toContain('e-mail inválido: caixa inexistente');

    // Editing the address lifts the mark; saving the form unchanged keeps it.
    const c1 = (await api.ok<Page<Customer>>('customers.list', {})).items.find((c) => c.id === 'c1')!;
    const { bouncedEmails: _marks, ...form } = c1;
    await api.ok('customers.save', form);
    expect(api.app.store.customer('c1')!.bouncedEmails).toHaveLength(1);
    await api.ok('customers.save', { ...form, email: 'maria.silva@cliente.example' });
    expect(api.app.store.customer('c1')!.bouncedEmails).toBeUndefined();
    const again = await api.app.runner.runRoutine('diaria', {
      date: '2021-03-06',
      trigger: 'manual',
      honourCalendar: false,
      dryRun: true,
    });
    expect(again.due.map((n) => n.recipients)).toEqual([['maria.silva@cliente.example']]);
  });

  it.each([
    ['every few minutes', { startDelayMs: 60_000, intervalMs: 300, afterRunDelayMs: 60_000 }, false],
    ['a little after each run', { startDelayMs: 60_000, intervalMs: 60_000, afterRunDelayMs: 100 }, true],
  ])(
    'reads on its own (%s): a DSN dropped into the mailbox becomes `bounced` within one reading',
    async (_when, bounces, runAgain) => {
      const { api, maria } = await sentNotices({ bounces });
      api.app.bounces.start();
      await imap.deliver(
        await bounceMessage('gmail-rfc3464', {
          headers: headerBlock(maria.raw),
          messageId: maria.messageId,
          recipient: 'maria@cliente.example',
          sender: SENDER,
        }),
      );
      if (runAgain)
        await api.app.runner.runRoutine('diaria', {
          date: '2021-03-06',
          trigger: 'manual',
          honourCalendar: false,
        });
      const statusOf = async () => (await api.ok<SmtpAccountView[]>('smtp.list'))[0]!.bounceStatus;
      await expect.poll(async () => (await statusOf())?.recorded, { timeout: 15_000 }).toBe(1);
      expect(await statusOf()).toMatchObject({
        ok: true,
        message: '1 aviso devolvido registrado no Histórico de envios.',
      });
      const key = api.app.ledger.history().find((r) => r.messageId === maria.messageId)!.key;
      expect(api.app.ledger.latest(key)).toMatchObject({
        status: 'bounced',
        reason: 'o e-mail maria@cliente.example não existe (caixa postal inexistente)',
      });
    },
  );

  it('regua bounces reads the mailbox from the command line', async () => {
    const dataDir = await tempDir();
    const { api, maria } = await sentNotices({ dataDir });
    await imap.deliver(
      await bounceMessage('postfix-rfc3464', {
        headers: headerBlock(maria.raw),
        messageId: maria.messageId,
        recipient: 'maria@cliente.example',
        sender: SENDER,
      }),
    );
    await api.close();
    const cli = await runCli(['--data-dir', dataDir, 'bounces']);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toBe(
      `principal (${imap.user}): 1 aviso devolvido registrado no Histórico de envios.\n`,
    );
    const history = await runCli(['--data-dir', dataDir, 'history', '--status', 'bounced']);
    expect(history.stdout).toContain('o e-mail maria@cliente.example não existe (caixa postal inexistente)');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('Testar conexão says what is wrong: a wrong password, a missing folder, a closed port', async () => {
    const { api } = await sentNotices();
    const mailbox = { host: imap.host, port: imap.port, security: 'none', user: imap.user, folder: 'INBOX' };
    // A blank password uses the stored one.
    expect(
      await api.ok('smtp.bounces.test', { id: 'principal', mailbox: { ...mailbox, password: '' } }),
    ).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Login aceito e pasta "INBOX" aberta \(\d+ mensage(m|ns)\)\.$/),
    });
    // What the clerk reads says what to do; the server's reply waits behind Detalhes.
    expect(await api.ok('smtp.bounces.test', { mailbox: { ...mailbox, password: 'errada' } })).toMatchObject({
      ok: false,
      message: `O servidor 127.0.0.1 recusou o usuário ou a senha da caixa ${imap.user}. Confira os dois.`,
      detail: expect.stringContaining('127.0.0.1:'),
    });
    expect(
      await api.ok('smtp.bounces.test', { id: 'principal', mailbox: { ...mailbox, folder: 'Nao Existe' } }),
    ).toMatchObject({
      ok: false,
      message: `A pasta "Nao Existe" não existe na caixa ${imap.user}. Confira o nome da pasta (geralmente INBOX).`,
    });
    const refused = await api.ok('smtp.bounces.test', {
      id: 'principal',
      mailbox: { ...mailbox, port: smtp.port + 1 },
    });
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringContaining('O servidor 127.0.0.1 não respondeu na porta'),
      detail: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
