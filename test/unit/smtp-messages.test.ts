// The words a clerk reads when sending fails: real failures from real servers (a closed port, TLS on a
// plain port, no STARTTLS, a refused login, a refused recipient, a silent server), each turned into
// what happened and what to do, with the server's reply kept apart for "Detalhes".
import { createServer, type Server } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../main/services/mailer';
import { explainSmtpError, partlyRejected } from '../../main/services/smtp-messages';
import type { SmtpAccount } from '../../shared/domain';
import { forbiddenIn } from '../support/clerk-messages';
import { freePort } from '../support/free-port';

const account = (fields: Partial<SmtpAccount>): SmtpAccount => ({
  id: 'principal',
  name: 'Principal',
  host: '127.0.0.1',
  port: 587,
  security: 'none',
  user: null,
  password: null,
  fromName: 'Provedor Exemplo',
  fromAddress: 'cobranca@provedor.example',
  replyTo: null,
  perMinuteLimit: null,
  allowSelfSigned: false,
  ...fields,
});

const mail = (to: string) => ({
  to: [to],
  subject: 'Fatura',
  html: '<p>Olá</p>',
  text: 'Olá',
  messageId: `<${Math.random().toString(36).slice(2)}@regua.test>`,
  attachments: [],
});

let plain: SMTPServer;
let plainPort: number;
let silent: Server;
let silentPort: number;

beforeAll(async () => {
  plain = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')),
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('naoexiste'))
        return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
    logger: false,
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainPort = (plain.server.address() as { port: number }).port;
  // Accepts the connection and never greets.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => plain.close(() => resolve()));
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

async function verify(fields: Partial<SmtpAccount>, password: string | null = null, socketMs = 60_000) {
  const mailer = createMailer(account(fields), password, { socketMs });
  try {
    return await mailer.verify();
  } finally {
    mailer.close();
  }
}

describe('failures worded for the clerk, from real servers', () => {
  it('a closed port: the server refused the connection on that port', async () => {
    const port = await freePort();
    const problem = await verify({ port });
    expect(problem?.message).toBe(
      `O servidor 127.0.0.1 recusou a conexão na porta ${port}. Verifique o endereço e a porta do servidor (geralmente 587 ou 465).`,
    );
    expect(problem?.detail).toContain('ECONNREFUSED');
  });

  it('a server that never greets: it did not answer on that port', async () => {
    const problem = await verify({ port: silentPort }, null, 300);
    expect(problem?.message).toBe(
      `O servidor 127.0.0.1 não respondeu na porta ${silentPort}. Verifique o endereço e a porta, ou se a internet está funcionando.`,
    );
  });

  it('TLS on a plain port: choose STARTTLS for 587 or 465 with TLS', async () => {
    const problem = await verify({ port: plainPort, security: 'tls' });
    expect(problem?.message).toBe(
      `A conexão segura com 127.0.0.1 falhou: a porta ${plainPort} não usa TLS direto. Em Segurança, escolha STARTTLS para a porta 587, ou use a porta 465 com TLS.`,
    );
  });

  it('STARTTLS required where the server does not offer it', async () => {
    const problem = await verify({ port: plainPort, security: 'starttls' });
    expect(problem?.message).toBe(
      `O servidor 127.0.0.1 não oferece conexão segura (STARTTLS) na porta ${plainPort}. Verifique a porta e a opção Segurança da conta.`,
    );
  });

  it('a refused login: check the user and the password (an app password on Gmail/Outlook)', async () => {
    const problem = await verify({ port: plainPort, user: 'cobranca' }, 'errada');
    expect(problem?.message).toBe(
      'O servidor 127.0.0.1 recusou o usuário ou a senha. Confira os dois em Contas de e-mail (no Gmail e no Outlook, use uma senha de app).',
    );
    expect(problem?.detail).toContain('535');
  });

  it('a refused recipient names the address and says to correct it; the reply stays raw', async () => {
    const mailer = createMailer(account({ port: plainPort }), null);
    try {
      const outcome = await mailer.send(mail('naoexiste@cliente.example'));
      expect(outcome).toMatchObject({ ok: false, kind: 'permanent' });
      if (outcome.ok) return;
      expect(outcome.message).toBe(
        'O servidor 127.0.0.1 recusou o endereço naoexiste@cliente.example: ele não existe ou não recebe e-mails. Corrija o e-mail do cliente.',
      );
      expect(outcome.response).toContain('550');
    } finally {
      mailer.close();
    }
  });

  it('none of them carries a code, an errno, an English word or an internal address', async () => {
    const problems = [
      await verify({ port: await freePort() }),
      await verify({ port: plainPort, security: 'tls' }),
      await verify({ port: plainPort, user: 'cobranca' }, 'errada'),
    ];
    for (const problem of problems) expect(forbiddenIn(problem!.message)).toEqual([]);
  });
});

describe('failures worded for the clerk, from the error fields', () => {
  const server = { host: 'smtp.provedor.com.br', port: 587, fromAddress: 'cobranca@provedor.com.br' };
  const explain = (fields: Record<string, unknown>) => explainSmtpError(fields, server).message;

  it('a name that does not resolve', () => {
    expect(explain({ code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' })).toBe(
      'O endereço do servidor smtp.provedor.com.br não foi encontrado. Verifique se o nome do servidor está escrito certo, ou se a internet está funcionando.',
    );
  });

  it("the brief's example: a connection timeout on 587", () => {
    expect(explain({ code: 'ETIMEDOUT', timeoutType: 'CONNECTION_TIMEOUT', command: 'CONN' })).toBe(
      'O servidor smtp.provedor.com.br não respondeu na porta 587. Verifique o endereço e a porta, ou se a internet está funcionando.',
    );
  });

  it('an app password asked for (534), a login required (530), a sender refused (553 at MAIL FROM)', () => {
    expect(explain({ code: 'EAUTH', responseCode: 534, command: 'AUTH PLAIN' })).toContain('senha de app');
    expect(explain({ code: 'ENOAUTH', responseCode: 530, command: 'MAIL FROM' })).toBe(
      'O servidor smtp.provedor.com.br exige login: informe o usuário e a senha da conta em Contas de e-mail.',
    );
    expect(explain({ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' })).toBe(
      'O servidor smtp.provedor.com.br não aceita enviar como cobranca@provedor.com.br. Use como e-mail do remetente um endereço da própria conta.',
    );
  });

  it('421, a 4xx, a too-large message, a spam refusal, a dropped connection, an untrusted certificate', () => {
    expect(explain({ code: 'EENVELOPE', responseCode: 421, command: 'DATA' })).toContain(
      'indisponível no momento',
    );
    expect(explain({ code: 'EMESSAGE', responseCode: 451, command: 'DATA' })).toContain('por enquanto');
    expect(explain({ code: 'EMESSAGE', responseCode: 552, command: 'DATA' })).toContain('grande demais');
    expect(explain({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' })).toContain('spam');
    expect(explain({ code: 'ECONNECTION', command: 'DATA' })).toBe(
      'O servidor smtp.provedor.com.br parou de responder no meio do envio; ele pode ter recebido a mensagem.',
    );
    expect(
      explain({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', command: 'CONN' }),
    ).toContain('Aceitar certificado autoassinado');
  });

  it('the test mode speaks of its own inbox, never of a host or a port', () => {
    const message = explainSmtpError(
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' },
      { ...server, host: '127.0.0.1', port: 40123, testMode: true },
    ).message;
    expect(message).toMatch(/^A caixa de entrada do modo de teste não respondeu/);
    expect(message).not.toContain('40123');
  });

  it('a message partly delivered names who was refused', () => {
    expect(partlyRejected(['a@x.example'])).toBe(
      'O servidor recusou o endereço a@x.example; os demais receberam.',
    );
  });
});
