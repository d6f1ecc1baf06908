import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifySmtpError, createMailer, describeSmtpError } from '../../main/services/mailer';
import type { SmtpAccount } from '../../shared/domain';
import { freePort } from '../support/free-port';

const smtpError = (fields: {
  code?: string;
  originalCode?: string;
  timeoutType?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}) => Object.assign(new Error(fields.message ?? 'smtp error'), fields);

describe('classifySmtpError', () => {
  it('421 (service closing the channel) → unavailable', () => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode: 421 }))).toBe('unavailable');
  });

  it.each([450, 451, 452])('%i → temporary', (responseCode) => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode }))).toBe('temporary');
  });

  it.each([550, 553, 554])('%i → permanent', (responseCode) => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode }))).toBe('permanent');
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', responseCode }))).toBe('permanent');
  });

  it('535 with code EAUTH → auth (not permanent)', () => {
    expect(classifySmtpError(smtpError({ code: 'EAUTH', responseCode: 535 }))).toBe('auth');
  });

  it('EAUTH without a response code, and ENOAUTH → auth', () => {
    expect(classifySmtpError(smtpError({ code: 'EAUTH' }))).toBe('auth');
    expect(classifySmtpError(smtpError({ code: 'ENOAUTH' }))).toBe('auth');
  });

  // Before a conversation exists nothing was sent: the notice waits for the next run.
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ETLS', 'EDNS'])('%s → unavailable', (code) =>
    expect(classifySmtpError(smtpError({ code }))).toBe('unavailable'),
  );

  it('nodemailer wraps a refused connection as ESOCKET with the system code kept: unavailable', () => {
    expect(classifySmtpError(smtpError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }))).toBe(
      'unavailable',
    );
    expect(classifySmtpError(smtpError({ code: 'ETIMEDOUT', timeoutType: 'CONNECTION_TIMEOUT' }))).toBe(
      'unavailable',
    );
    expect(classifySmtpError(smtpError({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }))).toBe(
      'unavailable',
    );
  });

  // Silence or a broken connection in the middle of a conversation: the message may have gone.
  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET'])('%s with no answer → uncertain', (code) =>
    expect(classifySmtpError(smtpError({ code }))).toBe('uncertain'),
  );

  it('a response code wins over a connection-level code', () => {
    expect(classifySmtpError(smtpError({ code: 'EPROTOCOL', responseCode: 554 }))).toBe('permanent');
    expect(classifySmtpError(smtpError({ code: 'EPROTOCOL', responseCode: 451 }))).toBe('temporary');
  });

  it('an unknown error is treated as temporary', () => {
    expect(classifySmtpError(smtpError({}))).toBe('temporary');
    expect(classifySmtpError(smtpError({ code: 'ESTREAM' }))).toBe('temporary');
  });

  it('describeSmtpError prefers the server response and trims it', () => {
    expect(
      describeSmtpError(smtpError({ response: ' 550 5.1.1 mailbox unavailable \r\n', message: 'x' })),
    ).toBe('550 5.1.1 mailbox unavailable');
    expect(describeSmtpError(smtpError({ message: 'connect ECONNREFUSED 127.0.0.1:1' }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});

describe('createMailer against a closed port', () => {
  const account = (port: number): SmtpAccount => ({
    id: 'principal',
    host: '127.0.0.1',
    port,
    security: 'none',
    user: null,
    fromName: 'Provedor Exemplo',
    fromAddress: 'cobranca@provedor.example',
    allowSelfSigned: false,
  });

  it('send resolves {ok:false, kind:"unavailable"} without throwing', async () => {
    const port = await freePort();
    const mailer = createMailer(account(port), null);
    try {
      const outcome = await mailer.send({
        to: ['maria@cliente.example'],
        subject: 'Fatura',
        html: '<p>Olá</p>',
        text: 'Olá',
        messageId: '<f1.test@regua>',
        attachments: [],
      });
      expect(outcome).toMatchObject({ ok: false, kind: 'unavailable' });
      expect(outcome.ok === false && outcome.response).toContain(String(port));
    } finally {
      mailer.close();
    }
  });

  it('verify resolves what happened and what to do, the system error apart', async () => {
    const port = await freePort();
    const mailer = createMailer(account(port), null);
    try {
      expect(await mailer.verify()).toEqual({
        message: `O servidor 127.0.0.1 recusou a conexão na porta ${port}. Verifique o endereço e a porta do servidor (geralmente 587 ou 465).`,
        detail: `ESOCKET/ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port} (comando CONN)`,
      });
    } finally {
      mailer.close();
    }
  });
});

// A server that refuses every connection in its greeting (e.g. "554 your IP is blocklisted") refuses
// the account, not this message: classifying it `permanent` makes delivery mark every notice of the
// run `failed` (never retried automatically) instead of stopping the run with the notices pending.
describe('createMailer against a server that refuses in its greeting', () => {
  const greetWith = (line: string) =>
    new Promise<Server>((resolve) => {
      const server = createServer((socket) => socket.end(`${line}\r\n`));
      server.listen(0, '127.0.0.1', () => resolve(server));
    });

  it('a 554 greeting is a server-level refusal → unavailable, not permanent', async () => {
    const server = await greetWith('554 5.7.1 Service unavailable; client host blocked');
    const port = (server.address() as { port: number }).port;
    const mailer = createMailer(
      {
        id: 'principal',
        host: '127.0.0.1',
        port,
        security: 'none',
        user: null,
        fromName: 'Provedor Exemplo',
        fromAddress: 'cobranca@provedor.example',
        allowSelfSigned: false,
      },
      null,
    );
    try {
      const outcome = await mailer.send({
        to: ['maria@cliente.example'],
        subject: 'Fatura',
        html: '<p>Olá</p>',
        text: 'Olá',
        messageId: '<f1.greeting@regua>',
        attachments: [],
      });
      expect(outcome.ok).toBe(false);
      expect(outcome.ok === false && outcome.response).toContain('554');
      expect(outcome).toMatchObject({ ok: false, kind: 'unavailable' });
    } finally {
      mailer.close();
      await new Promise((r) => server.close(r));
    }
  });

  it('classifySmtpError: EPROTOCOL 554 on CONN → unavailable', () => {
    const error = Object.assign(new Error('Invalid greeting. response=554 blocked'), {
      code: 'EPROTOCOL',
      responseCode: 554,
      response: '554 blocked',
      command: 'CONN',
    });
    expect(classifySmtpError(error)).toBe('unavailable');
  });
});
