import { connect } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

function transport(port: number, auth?: { user: string; pass: string }): Transporter {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth });
}

function probe(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once('error', reject);
  });
}

const mail = (to: string | string[], subject = 'Fatura') => ({
  from: 'Provedor Régua <faturas@provedor.test>',
  to,
  subject,
  text: 'Segue sua fatura.',
});

describe('test SMTP server (child process)', () => {
  let smtp: TestSmtpServer;
  let transporters: Transporter[] = [];
  const send = (port: number, auth?: { user: string; pass: string }): Transporter => {
    const t = transport(port, auth);
    transporters.push(t);
    return t;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  beforeEach(async () => {
    await smtp.setFaults({});
    await smtp.clear();
  });
  afterEach(() => {
    transporters.forEach((t) => t.close());
    transporters = [];
  });

  // A sender killed in the middle of a session (the kill -9 tests) resets its connection; the
  // server used to exit on that error and refuse every later test's connection.
  it('outlives a client whose connection is reset in the middle of DATA', async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(smtp.port, '127.0.0.1');
      const script = [
        'EHLO cliente\r\n',
        'MAIL FROM:<a@provedor.test>\r\n',
        'RCPT TO:<b@cliente.test>\r\n',
        'DATA\r\n',
      ];
      socket.on('data', (d) => {
        const line = d.toString();
        if (line.startsWith('354')) {
          socket.write('Subject: metade\r\n\r\nmeio da mensag');
          setTimeout(() => {
            socket.resetAndDestroy();
            resolve();
          }, 50);
        } else if (/^2\d\d /m.test(line) && script.length) socket.write(script.shift()!);
      });
      socket.once('error', reject);
    });
    await new Promise((r) => setTimeout(r, 200));
    await send(smtp.port).sendMail(mail('maria@cliente.test', 'Depois do reset'));
    const messages = await smtp.waitForMessages(1);
    expect(messages.map((m) => m.subject)).toEqual(['Depois do reset']);
  });

  it('stores a message with an attachment that parses back byte for byte', async () => {
    const pdf = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    const info = await send(smtp.port, { user: 'faturas@provedor.test', pass: 'anything' }).sendMail({
      ...mail('Cliente <cliente@example.test>', 'Fatura de março — vence 10/04'),
      html: '<p>Segue sua <b>fatura</b>.</p>',
      attachments: [{ filename: 'fatura-março.pdf', content: pdf, contentType: 'application/pdf' }],
    });

    const [got, ...rest] = await smtp.waitForMessages(1);
    expect(rest).toHaveLength(0);
    expect(got).toMatchObject({
      envelopeFrom: 'faturas@provedor.test',
      envelopeTo: ['cliente@example.test'],
      authUser: 'faturas@provedor.test',
      subject: 'Fatura de março — vence 10/04',
      to: ['cliente@example.test'],
      messageId: info.messageId,
      text: 'Segue sua fatura.',
      html: '<p>Segue sua <b>fatura</b>.</p>',
    });
    expect(got?.from).toContain('faturas@provedor.test');
    expect(got?.from).toContain('Provedor Régua');
    expect(got?.date).toBeInstanceOf(Date);
    expect(got?.headers.get('subject')).toBe('Fatura de março — vence 10/04');
    expect(got?.raw.toString('latin1')).toMatch(/^[\x20-\x7e\r\n\t]+$/);
    expect(got?.attachments).toHaveLength(1);
    expect(got?.attachments[0]).toMatchObject({
      filename: 'fatura-março.pdf',
      contentType: 'application/pdf',
      size: 4096,
    });
    expect(got?.attachments[0]?.content.equals(pdf)).toBe(true);
  });

  it('records the SMTP envelope, not the headers, and no auth user when none was sent', async () => {
    await send(smtp.port).sendMail({
      ...mail('visible@example.test'),
      envelope: { from: 'bounces@provedor.test', to: ['a@example.test', 'b@example.test'] },
    });
    const [got] = await smtp.waitForMessages(1);
    expect(got?.envelopeFrom).toBe('bounces@provedor.test');
    expect(got?.envelopeTo).toEqual(['a@example.test', 'b@example.test']);
    expect(got?.to).toEqual(['visible@example.test']);
    expect(got?.authUser).toBeNull();
  });

  it('rejects RCPT with the configured code and stores nothing', async () => {
    await smtp.setFaults({ rcpt: [{ match: '^bad@', code: 550, message: 'No such user' }] });
    const t = send(smtp.port);
    await expect(t.sendMail(mail('BAD@example.test'))).rejects.toMatchObject({ responseCode: 550 });

    // A later message arriving alone proves the rejected one was never written.
    await t.sendMail(mail('good@example.test', 'second'));
    const all = await smtp.waitForMessages(1);
    expect(all.map((m) => m.subject)).toEqual(['second']);
  });

  it('keeps a message whose other recipient was rejected, with only the accepted one', async () => {
    await smtp.setFaults({ rcpt: [{ match: 'bad', code: 550, message: 'No such user' }] });
    const info = await send(smtp.port).sendMail(mail(['bad@example.test', 'ok@example.test']));
    expect(info.rejected).toEqual(['bad@example.test']);
    const [got] = await smtp.waitForMessages(1);
    expect(got?.envelopeTo).toEqual(['ok@example.test']);
  });

  it('fails DATA `times` times, then accepts', async () => {
    await smtp.setFaults({ data: { code: 451, message: 'Try again later', times: 1 } });
    const t = send(smtp.port);
    await expect(t.sendMail(mail('x@example.test', 'first'))).rejects.toMatchObject({ responseCode: 451 });
    await t.sendMail(mail('x@example.test', 'second'));
    const all = await smtp.waitForMessages(1);
    expect(all.map((m) => m.subject)).toEqual(['second']);
  });

  it('fails DATA with 421 until the faults are cleared when times is -1', async () => {
    await smtp.setFaults({ data: { code: 421, message: 'Shutting down', times: -1 } });
    const t = send(smtp.port);
    for (const n of [1, 2]) {
      await expect(t.sendMail(mail('x@example.test', `try ${n}`))).rejects.toMatchObject({
        responseCode: 421,
      });
    }
    await smtp.setFaults({});
    await t.sendMail(mail('x@example.test', 'after'));
    expect((await smtp.waitForMessages(1)).map((m) => m.subject)).toEqual(['after']);
  });

  it('stores the message before a delayed DATA reply', async () => {
    await smtp.setFaults({ dataDelayMs: 1500 });
    let replied = false;
    const sent = send(smtp.port)
      .sendMail(mail('x@example.test'))
      .then(() => (replied = true));
    await smtp.waitForMessages(1, 1000);
    expect(replied).toBe(false);
    await sent;
    expect(replied).toBe(true);
  });

  it('keeps messages sorted by arrival and clear() empties the store', async () => {
    const t = send(smtp.port);
    for (const n of [1, 2, 3]) await t.sendMail(mail('x@example.test', `m${n}`));
    expect((await smtp.waitForMessages(3)).map((m) => m.subject)).toEqual(['m1', 'm2', 'm3']);
    await smtp.clear();
    expect(await smtp.messages()).toEqual([]);
  });

  it('times out waiting for messages that never come', async () => {
    await expect(smtp.waitForMessages(1, 100)).rejects.toThrow(/expected 1 message/);
  });

  it('rejects an invalid rcpt regex instead of crashing the child', async () => {
    await expect(smtp.setFaults({ rcpt: [{ match: '(', code: 550, message: 'x' }] })).rejects.toThrow();
    await send(smtp.port).sendMail(mail('x@example.test'));
    await smtp.waitForMessages(1);
  });

  it('greets with the banner', async () => {
    expect(await probe(smtp.port)).toMatch(/^220 .*Regua test SMTP/);
  });
});

describe('test SMTP server outage', () => {
  it('refuses connections after stop() and works again on the same port after restart()', async () => {
    const smtp = await startSmtpServer({ port: await freePort() });
    const t = transport(smtp.port);
    try {
      await t.sendMail(mail('x@example.test', 'before'));
      await smtp.stop();
      await expect(probe(smtp.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await expect(t.sendMail(mail('x@example.test', 'during'))).rejects.toThrow();
      await expect(smtp.setFaults({})).rejects.toThrow(/stopped/);

      await smtp.restart();
      await t.sendMail(mail('x@example.test', 'after'));
      expect((await smtp.waitForMessages(2)).map((m) => m.subject)).toEqual(['before', 'after']);
    } finally {
      t.close();
      await smtp.stop();
    }
  });

  it('refuses when nothing listens on a free port', async () => {
    await expect(probe(await freePort())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
