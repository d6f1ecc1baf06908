// Contas de e-mail, the connection test, the test e-mail and the modo de teste with its inbox.
// Passwords only go in (to the store's secrets file); the screens learn just whether one is set.
import { randomBytes } from 'node:crypto';
import { TEST_MODE_ACCOUNT_ID, type mailContract, type SmtpAccountView } from '../../shared/contract/mail';
import { type SmtpAccount, companyTimezone } from '../../shared/domain';
import { secretName, type StoreTx } from '../services/store/store';
import { accountView } from './account-view';
import type { ApiContext } from './context';
import { conflict, invalid, notFound } from './errors';
import type { DomainHandlers } from './types';

export const TEST_EMAIL_SUBJECT = 'Régua – e-mail de teste';
const TEST_MODE_FROM_NAME = 'Régua (modo de teste)';
const TEST_MODE_FROM_ADDRESS = 'cobranca@exemplo.com.br';
const MESSAGE_ID = /^[\w-]{1,100}$/;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function testEmail(account: SmtpAccount, sentAt: string) {
  const via =
    account.id === TEST_MODE_ACCOUNT_ID ? 'do modo de teste' : `da conta "${account.name || account.id}"`;
  const text =
    `Este é um e-mail de teste enviado pela Régua através ${via}.\n` +
    `Se você o recebeu, a conta está pronta para enviar as faturas.\n\nEnviado em ${sentAt}.`;
  const html =
    `<div style="font-family:Arial,sans-serif;max-width:560px;margin:auto;padding:24px;color:#1f2933">` +
    `<h2 style="color:#0c8599;margin-top:0">E-mail de teste</h2>` +
    `<p>Este é um e-mail de teste enviado pela <strong>Régua</strong> através ${escapeHtml(via)}.</p>` +
    `<p>Se você o recebeu, a conta está pronta para enviar as faturas.</p>` +
    `<p style="color:#7b8794;font-size:12px">Enviado em ${escapeHtml(sentAt)}.</p></div>`;
  return { text, html };
}

export function mailHandlers(ctx: ApiContext): DomainHandlers<typeof mailContract> {
  const app = ctx.engine;
  const { store } = app;
  const accounts = () => store.settings().smtpAccounts;
  const find = (id: string) => accounts().find((a) => a.id === id);
  const existing = (id: string) => {
    const account = find(id);
    if (!account) throw notFound('Conta de e-mail');
    return account;
  };

  const view = (account: SmtpAccount): SmtpAccountView => accountView(app, account);

  /**
   * Creates or replaces by id, with the account `build` makes from the transaction; a blank password
   * keeps the stored one (setSettings only moves non-empty secrets).
   */
  async function upsert(id: string, build: (tx: StoreTx) => SmtpAccount): Promise<SmtpAccountView> {
    await app.update((tx) => {
      const account = build(tx);
      const list = [...tx.settings().smtpAccounts];
      const at = list.findIndex((a) => a.id === id);
      if (at < 0) list.push(account);
      else list[at] = account;
      tx.setSettings({ ...tx.settings(), smtpAccounts: list });
    });
    return view(existing(id));
  }

  return {
    'smtp.list': async () => accounts().map(view),

    'smtp.save': async (input) => {
      const password = input.password ? input.password : null;
      const imap = secretName('imap', input.id);
      return upsert(input.id, (tx) => {
        if (input.user && !password && !tx.smtpPassword(input.id))
          throw invalid({ password: 'informe a senha do usuário (ou deixe o usuário em branco)' });
        const bounceMailbox = input.bounceMailbox ?? null;
        if (bounceMailbox && !bounceMailbox.password && !tx.secret(imap))
          throw invalid({ 'bounceMailbox.password': 'informe a senha da caixa para retornos' });
        if (!bounceMailbox && tx.secret(imap)) tx.setSecrets({ [imap]: '' });
        const stored = tx.settings().smtpAccounts.find((a) => a.id === input.id);
        // The DKIM key changes only through smtp.dkim.*: a save of the form keeps it.
        return { ...input, password, bounceMailbox, dkim: stored?.dkim ?? null };
      });
    },

    'smtp.remove': async ({ id }) => {
      await app.update((tx) => {
        const settings = tx.settings();
        const account = settings.smtpAccounts.find((a) => a.id === id);
        if (!account) throw notFound('Conta de e-mail');
        const users = settings.routines.filter((r) => r.task === 'send_email' && r.smtpAccountId === id);
        if (users.length)
          throw conflict(
            `a conta "${account.name || account.fromName}" é usada pela${users.length > 1 ? 's rotinas' : ' rotina'} ` +
              `${users.map((r) => `"${r.description}"`).join(', ')}: escolha outra conta na rotina antes de remover`,
          );
        tx.setSettings({ ...settings, smtpAccounts: settings.smtpAccounts.filter((a) => a.id !== id) });
        // No secret outlives its account.
        if (tx.smtpPassword(id)) tx.setSmtpPasswords({ [id]: '' });
        for (const name of [secretName('dkim', id), secretName('imap', id)])
          if (tx.secret(name)) tx.setSecrets({ [name]: '' });
      });
    },

    'smtp.test': async ({ id }) => {
      const account = existing(id);
      try {
        const problem = await app.mailerFor(id).verify();
        if (problem) return { ok: false, message: problem };
        return {
          ok: true,
          message:
            id === TEST_MODE_ACCOUNT_ID
              ? `Modo de teste funcionando: a caixa de entrada local recebe na porta ${ctx.engine.testMailbox.port() ?? '?'}.`
              : `Conexão com ${account.host}:${account.port} bem-sucedida${account.user ? ' e login aceito' : ''}.`,
        };
      } catch (e) {
        return { ok: false, message: `não foi possível testar a conexão: ${(e as Error).message}` };
      }
    },

    'mail.sendTest': async ({ smtpAccountId, to }) => {
      const account = find(smtpAccountId);
      if (!account) throw invalid({ smtpAccountId: 'conta de e-mail não encontrada' });
      const sentAt = app.clock.now().toLocaleString('pt-BR', {
        timeZone: companyTimezone(store.settings()),
      });
      const domain = account.fromAddress.split('@')[1] ?? 'regua.local';
      try {
        const outcome = await app.mailerFor(account.id).send({
          to: [to],
          subject: TEST_EMAIL_SUBJECT,
          ...testEmail(account, sentAt),
          messageId: `<regua.teste.${randomBytes(12).toString('hex')}@${domain}>`,
          attachments: [],
        });
        return outcome.ok
          ? { ok: true, message: `E-mail de teste enviado para ${to}.` }
          : { ok: false, message: `o servidor recusou o e-mail de teste: ${outcome.response}` };
      } catch (e) {
        return { ok: false, message: `não foi possível enviar o e-mail de teste: ${(e as Error).message}` };
      }
    },

    'testMode.status': async () => ({
      enabled: !!find(TEST_MODE_ACCOUNT_ID),
      port: ctx.engine.testMailbox.port(),
      accountId: TEST_MODE_ACCOUNT_ID,
    }),

    'testMode.enable': async () => {
      const company = store.settings().company;
      const current = find(TEST_MODE_ACCOUNT_ID);
      // host/port are placeholders: app.mailerFor routes this account to the local capture server.
      const account: SmtpAccount = {
        id: TEST_MODE_ACCOUNT_ID,
        name: 'Modo de teste',
        host: '127.0.0.1',
        port: 2525,
        security: 'none',
        user: null,
        password: null,
        fromName: current?.fromName ?? company?.name ?? TEST_MODE_FROM_NAME,
        fromAddress: current?.fromAddress ?? company?.email ?? TEST_MODE_FROM_ADDRESS,
        replyTo: current?.replyTo ?? null,
        perMinuteLimit: null,
        allowSelfSigned: false,
      };
      // Listening first: once screens learn the account exists, the capture server is already up.
      await ctx.engine.testMailbox.start();
      return upsert(account.id, () => account);
    },

    'inbox.list': async () => ctx.engine.testMailbox.list(),

    'inbox.get': async ({ id }) => {
      // The id names a file in the inbox folder: nothing that could walk out of it.
      const message = MESSAGE_ID.test(id) ? await ctx.engine.testMailbox.get(id) : null;
      if (!message) throw notFound('Mensagem');
      return message;
    },

    'inbox.clear': async () => {
      await ctx.engine.testMailbox.clear();
    },
  };
}
