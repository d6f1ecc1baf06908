// Modo de teste: an SMTP server the program runs on 127.0.0.1 that captures every message into the
// data directory instead of delivering it, so a newcomer sees the whole flow without credentials.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { InboxMessage, InboxMessageSummary } from '../../shared/contract/mail';

export interface TestMailbox {
  /** Starts the capture server if it is not running; resolves to its port. */
  start(): Promise<number>;
  port(): number | null;
  list(): Promise<InboxMessageSummary[]>;
  get(id: string): Promise<InboxMessage | null>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export function createTestMailbox(dir: string, onReceived: (id: string) => void = () => {}): TestMailbox {
  let server: import('smtp-server').SMTPServer | null = null;
  let starting: Promise<number> | null = null;
  let listeningPort: number | null = null;
  let sequence = Date.now();

  const parse = async (id: string): Promise<InboxMessage | null> => {
    let raw: Buffer;
    try {
      raw = await readFile(join(dir, `${id}.eml`));
    } catch {
      return null;
    }
    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(raw);
    const addresses = (v: typeof mail.to) =>
      (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value.map((x) => x.address ?? ''));
    return {
      id,
      receivedAt: new Date(Number(id.split('-')[0])).toISOString(),
      from: mail.from?.text ?? '',
      to: addresses(mail.to),
      subject: mail.subject ?? '',
      // Images the HTML shows (QR code, logo) are part of the message, not attachments to list.
      attachments: mail.attachments
        .filter((a) => !a.related)
        .map((a) => ({ filename: a.filename ?? 'anexo', size: a.size })),
      html: typeof mail.html === 'string' ? mail.html : '',
      text: mail.text ?? '',
    };
  };

  return {
    start() {
      starting ??= (async () => {
        await mkdir(dir, { recursive: true });
        const { SMTPServer } = await import('smtp-server');
        server = new SMTPServer({
          authOptional: true,
          disabledCommands: ['STARTTLS'],
          allowInsecureAuth: true,
          onAuth: (_auth, _session, callback) => callback(null, { user: 'modo-teste' }),
          onData(stream, _session, callback) {
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => {
              const id = `${sequence++}-${Math.random().toString(36).slice(2, 8)}`;
              const tmp = join(dir, `.${id}.tmp`);
              writeFile(tmp, Buffer.concat(chunks))
                .then(() => rename(tmp, join(dir, `${id}.eml`)))
                .then(
                  () => {
                    callback();
                    onReceived(id);
                  },
                  (e: Error) => callback(e),
                );
            });
          },
        });
        const srv = server;
        await new Promise<void>((resolve, reject) => {
          srv.once('error', reject);
          srv.listen(0, '127.0.0.1', () => resolve());
        });
        listeningPort = (srv.server.address() as AddressInfo).port;
        return listeningPort;
      })();
      return starting;
    },
    port: () => listeningPort,
    async list() {
      const files = (await readdir(dir).catch(() => [] as string[]))
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .reverse();
      const out: InboxMessageSummary[] = [];
      for (const f of files) {
        const message = await parse(f.slice(0, -4));
        if (message) {
          const { html: _html, text: _text, ...summary } = message;
          out.push(summary);
        }
      }
      return out;
    },
    get: parse,
    async clear() {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    },
    async stop() {
      const srv = server;
      server = null;
      starting = null;
      listeningPort = null;
      if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}
