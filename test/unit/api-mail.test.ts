// Contas de e-mail, connection test, test e-mail, modo de teste and its inbox through the real handler
// map, on a real app in a temp dir, against a real SMTP server.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  InboxMessage,
  InboxMessageSummary,
  MailCheck,
  SmtpAccountView,
} from '../../shared/contract/mail';
import { routineSchema } from '../../shared/domain';
import { useSmtpServer, useTestApi, saveSettings } from '../support/api';
import { freePort } from '../support/free-port';

const smtp = useSmtpServer();
const api = useTestApi();
const { call, ok, failure } = api;

const PASSWORD = 'segredo-muito-secreto-42';
const account = (fields: Record<string, unknown> = {}) => ({
  id: 'principal',
  name: 'Principal',
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  user: 'cobranca',
  password: PASSWORD,
  fromName: 'Provedor Exemplo',
  fromAddress: 'cobranca@provedor.example',
  ...fields,
});

describe('smtp accounts', () => {
  it('stores the password only in the secrets file and lists hasPassword, never the password', async () => {
    const saved = await ok<SmtpAccountView>('smtp.save', account());
    expect(saved).toMatchObject({ id: 'principal', hasPassword: true, port: smtp.port });
    const list = await ok<SmtpAccountView[]>('smtp.list');
    expect(list).toEqual([saved]);
    expect(JSON.stringify(list)).not.toContain(PASSWORD);
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect(await readFile(join(api.app.dataDir, 'settings.json'), 'utf8')).not.toContain(PASSWORD);
    expect(api.app.store.smtpPassword('principal')).toBe(PASSWORD);
    expect(api.events).toContainEqual({ name: 'store.changed', payload: { area: 'settings' } });
  });

  it('keeps the stored password when an edit leaves it blank or absent, replaces it when given', async () => {
    await ok('smtp.save', account());
    await ok('smtp.save', account({ fromName: 'Novo nome', password: '' }));
    await ok('smtp.save', account({ fromName: 'Novo nome', password: undefined, port: 2525 }));
    expect(api.app.store.smtpPassword('principal')).toBe(PASSWORD);
    expect(api.app.store.settings().smtpAccounts).toHaveLength(1);
    expect(api.app.store.settings().smtpAccounts[0]).toMatchObject({ fromName: 'Novo nome', port: 2525 });
    await ok('smtp.save', account({ password: 'outra' }));
    expect(api.app.store.smtpPassword('principal')).toBe('outra');
  });

  it('refuses a new account with a user but no password, and invalid fields, saving nothing', async () => {
    const noPassword = failure(await call('smtp.save', account({ password: '' })));
    expect(noPassword.fieldErrors).toHaveProperty('password');
    const bad = failure(await call('smtp.save', account({ port: 0, fromAddress: 'nao-e-email', host: ' ' })));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['fromAddress', 'host', 'port']);
    expect(await ok('smtp.list')).toEqual([]);
  });

  it('refuses to remove an account a routine uses, naming the routine; removes it (and its secret) otherwise', async () => {
    await ok('smtp.save', account());
    const routine = routineSchema.parse({
      id: 'diaria',
      description: 'Envio de faturas',
      task: 'send_email',
      schedule: { frequency: 'daily', time: '08:10:00' },
      smtpAccountId: 'principal',
    });
    await saveSettings(api.app, { ...api.app.store.settings(), routines: [routine] });
    const refused = failure(await call('smtp.remove', { id: 'principal' }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('"Envio de faturas"');
    expect(await ok<SmtpAccountView[]>('smtp.list')).toHaveLength(1);

    await saveSettings(api.app, { ...api.app.store.settings(), routines: [] });
    await ok('smtp.remove', { id: 'principal' });
    expect(await ok('smtp.list')).toEqual([]);
    expect(api.app.store.smtpPassword('principal') ?? '').toBe('');
    expect(failure(await call('smtp.remove', { id: 'principal' })).code).toBe('not_found');
  });
});

describe('a new account without an identifier', () => {
  it('gets one made from its name, never taken twice nor the test mode one', async () => {
    const first = await ok<SmtpAccountView>('smtp.save', account({ id: null, name: 'Gmail da Cobrança' }));
    expect(first.id).toBe('gmail-da-cobranca');
    const second = await ok<SmtpAccountView>(
      'smtp.save',
      account({ id: undefined, name: 'Gmail da Cobrança' }),
    );
    expect(second.id).toBe('gmail-da-cobranca-2');
    const unnamed = await ok<SmtpAccountView>(
      'smtp.save',
      account({ id: null, name: null, fromName: 'Modo Teste' }),
    );
    expect(unnamed.id).toBe('modo-teste-2');
    // Saving with its id edits it, never adds another.
    await ok('smtp.save', account({ id: first.id, name: 'Gmail', password: '' }));
    const list = await ok<SmtpAccountView[]>('smtp.list');
    expect(list.map((a) => [a.id, a.name])).toEqual([
      ['gmail-da-cobranca', 'Gmail'],
      ['gmail-da-cobranca-2', 'Gmail da Cobrança'],
      ['modo-teste-2', null],
    ]);
  });
});

describe('connection test and test e-mail', () => {
  it('reports success against a real SMTP server, logging in with the stored password', async () => {
    await ok('smtp.save', account());
    const result = await ok<{ ok: boolean; message: string }>('smtp.test', { id: 'principal' });
    expect(result).toEqual({
      ok: true,
      message: `Conexão com 127.0.0.1 na porta ${smtp.port} bem-sucedida e login aceito.`,
    });
  });

  it('reports (not throws) a closed port, in Portuguese', async () => {
    await ok('smtp.save', account({ id: 'fechada', port: await freePort() }));
    const result = await ok<MailCheck>('smtp.test', { id: 'fechada' });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^O servidor 127\.0\.0\.1 recusou a conexão na porta \d+\. Verifique/);
    expect(result.detail).toMatch(/ECONNREFUSED/);
  });

  it('sends "Régua – e-mail de teste" through the chosen account', async () => {
    await ok('smtp.save', account());
    const result = await ok<{ ok: boolean; message: string }>('mail.sendTest', {
      smtpAccountId: 'principal',
      to: 'eu@provedor.example',
    });
    expect(result).toEqual({ ok: true, message: 'E-mail de teste enviado para eu@provedor.example.' });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail).toMatchObject({
      subject: 'Régua – e-mail de teste',
      to: ['eu@provedor.example'],
      authUser: 'cobranca',
    });
    expect(mail!.from).toContain('cobranca@provedor.example');
    expect(mail!.html).toContain('e-mail de teste');
  });

  it('says which field is wrong for an unknown account or a bad address', async () => {
    const unknown = failure(await call('mail.sendTest', { smtpAccountId: 'nenhuma', to: 'a@b.example' }));
    expect(unknown.fieldErrors).toHaveProperty('smtpAccountId');
    await ok('smtp.save', account());
    const bad = failure(await call('mail.sendTest', { smtpAccountId: 'principal', to: 'x' }));
    expect(bad.fieldErrors).toEqual({ to: 'e-mail inválido' });
    expect(failure(await call('smtp.test', { id: 'nenhuma' })).code).toBe('not_found');
  });
});

describe('modo de teste', () => {
  it('is off until enabled; enabling creates the account from the company and starts the capture server', async () => {
    expect(await ok('testMode.status')).toEqual({ enabled: false, port: null, accountId: 'modo-teste' });
    await saveSettings(api.app, {
      ...api.app.store.settings(),
      company: {
        name: 'Provedor Exemplo',
        email: 'financeiro@provedor.example',
        timezone: 'America/Sao_Paulo',
      },
    });
    const view = await ok<SmtpAccountView>('testMode.enable');
    expect(view).toMatchObject({
      id: 'modo-teste',
      security: 'none',
      fromName: 'Provedor Exemplo',
      fromAddress: 'financeiro@provedor.example',
      hasPassword: false,
    });
    const status = await ok<{ enabled: boolean; port: number | null }>('testMode.status');
    expect(status.enabled).toBe(true);
    expect(status.port).toEqual(expect.any(Number));
    expect((await ok<{ ok: boolean }>('smtp.test', { id: 'modo-teste' })).ok).toBe(true);
  });

  it('without a company uses the placeholder sender', async () => {
    const view = await ok<SmtpAccountView>('testMode.enable');
    expect(view).toMatchObject({ fromName: 'Régua (modo de teste)', fromAddress: 'cobranca@exemplo.com.br' });
  });

  it('captures a test e-mail into the inbox, announces it, shows it whole, and clears', async () => {
    await ok('testMode.enable');
    const sent = await ok<{ ok: boolean }>('mail.sendTest', {
      smtpAccountId: 'modo-teste',
      to: 'cliente@exemplo.com.br',
    });
    expect(sent.ok).toBe(true);
    await expect.poll(() => api.events.some((e) => e.name === 'inbox.received')).toBe(true);
    const list = await ok<InboxMessageSummary[]>('inbox.list');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ to: ['cliente@exemplo.com.br'], subject: 'Régua – e-mail de teste' });
    const received = api.events.find((e) => e.name === 'inbox.received')!.payload as { id: string };
    expect(received.id).toBe(list[0]!.id);
    const message = await ok<InboxMessage>('inbox.get', { id: list[0]!.id });
    expect(message.html).toContain('<h2');
    expect(message.text).toContain('Este é um e-mail de teste');
    await ok('inbox.clear');
    expect(await ok('inbox.list')).toEqual([]);
    expect(failure(await call('inbox.get', { id: list[0]!.id })).code).toBe('not_found');
  });

  it('never reads a file outside the inbox folder', async () => {
    await ok('testMode.enable');
    expect(failure(await call('inbox.get', { id: '../settings' })).code).toBe('not_found');
  });
});
