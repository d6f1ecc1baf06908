// The modo de teste inbox says when each message arrived, by the program's clock, newest first; not
// the moment its capture server started (which every message used to show).
import { rm } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestMailbox, type TestMailbox } from '../../main/services/test-mailbox';
import { tempDir } from '../support/documents';

let mailbox: TestMailbox | null = null;
let dir = '';

afterEach(async () => {
  await mailbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('test mailbox', () => {
  it('"Recebido em" is each message\'s own arrival, on the clock it is given', async () => {
    dir = await tempDir();
    let now = new Date('2026-03-10T11:00:00.000Z');
    mailbox = createTestMailbox(
      dir,
      () => {},
      () => now,
    );
    const port = await mailbox.start();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const send = (subject: string) =>
      transport.sendMail({ from: 'a@provedor.example', to: 'b@cliente.example', subject, text: subject });
    await send('primeira');
    now = new Date('2026-03-10T14:35:20.000Z');
    await send('segunda');
    transport.close();
    const list = await mailbox.list();
    expect(list.map((m) => [m.subject, m.receivedAt])).toEqual([
      ['segunda', '2026-03-10T14:35:20.000Z'],
      ['primeira', '2026-03-10T11:00:00.000Z'],
    ]);
  });
});
