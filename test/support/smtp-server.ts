import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser, type AddressObject } from 'mailparser';

export interface ReceivedMail {
  file: string;
  envelopeFrom: string;
  envelopeTo: string[];
  authUser: string | null;
  raw: Buffer;
  subject: string;
  /** The From header as mailparser renders it, display name included. */
  from: string;
  /** Bare addresses of the To header. */
  to: string[];
  messageId: string;
  date: Date | undefined;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  attachments: { filename: string; contentType: string; size: number; content: Buffer }[];
}

export interface FaultRules {
  /** RCPT TO addresses matching `match` (a regex source, case-insensitive) get this reply code/message. */
  rcpt?: { match: string; code: number; message: string }[];
  /** The next `times` DATA commands get this reply (e.g. 451 or 421); after that DATA succeeds. times: -1 = always. */
  data?: { code: number; message: string; times: number } | null;
  /** Delay before answering DATA end, ms. The message is already stored when the delay starts. */
  dataDelayMs?: number;
  /** Every reply (greeting, MAIL FROM, RCPT TO, end of DATA) waits this long: a slow server. */
  replyDelayMs?: number;
  /** The next `times` messages: the connection is dropped while the message is being sent (not stored). */
  closeMidData?: { times: number } | null;
  /**
   * The next `times` messages: the final dot is never answered (the client times out). `store`
   * (default true): the server kept the message anyway, as an MTA that committed and then hung;
   * `close`: instead of hanging, it closes the connection without a reply.
   */
  silentAfterData?: { times: number; store?: boolean; close?: boolean } | null;
}

export interface TestSmtpServer {
  port: number;
  host: '127.0.0.1';
  dir: string;
  /** Replaces all rules; resolves once the child applies them. restart() starts without faults. */
  setFaults(rules: FaultRules): Promise<void>;
  messages(): Promise<ReceivedMail[]>;
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'error'; message: string; code?: string }
  | { id: number; ok: boolean; error?: string };

const CHILD_SCRIPT = fileURLToPath(new URL('./smtp-server-child.mjs', import.meta.url));
const HOST = '127.0.0.1';

class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  readonly exited: Promise<void>;

  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.on('message', (msg: ChildMessage) => {
      if (!('id' in msg)) return;
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.ok) p?.resolve();
      else p?.reject(new Error(`test SMTP server: ${msg.error ?? 'request failed'}`));
    });
    void this.exited.then(() => {
      for (const p of this.pending.values()) p.reject(new Error('test SMTP server exited'));
      this.pending.clear();
    });
  }

  static start(port: number, dir: string): Promise<Child> {
    const proc = spawn(process.execPath, [CHILD_SCRIPT, JSON.stringify({ port, dir })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null): void =>
        reject(new Error(`test SMTP server exited before listening (code ${code}, signal ${signal})`));
      proc.once('error', reject);
      proc.once('exit', onExit);
      proc.on('message', (msg: ChildMessage) => {
        if ('id' in msg) return;
        proc.off('exit', onExit);
        if (msg.type === 'listening') resolve(new Child(proc, msg.port));
        else reject(Object.assign(new Error(`test SMTP server: ${msg.message}`), { code: msg.code }));
      });
    });
  }

  request(type: string, payload: object = {}): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.proc.send({ id, type, ...payload }, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }

  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) =>
    o.value.flatMap((a) => (a.group ?? [a]).map((m) => m.address ?? '').filter(Boolean)),
  );
}

async function readMail(dir: string, file: string): Promise<ReceivedMail> {
  const raw = await readFile(join(dir, file));
  const envelope = JSON.parse(await readFile(join(dir, file.replace(/\.eml$/, '.json')), 'utf8')) as {
    from: string;
    to: string[];
    authUser: string | null;
  };
  const parsed = await simpleParser(raw);
  return {
    file: join(dir, file),
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    authUser: envelope.authUser,
    raw,
    subject: parsed.subject ?? '',
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    messageId: parsed.messageId ?? '',
    date: parsed.date,
    text: parsed.text ?? '',
    html: parsed.html || '',
    headers: parsed.headers,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
      content: a.content,
    })),
  };
}

async function emlFiles(dir: string): Promise<string[]> {
  // Zero-padded sequence names, so lexical order is arrival order; temp files start with '.'.
  return (await readdir(dir)).filter((f) => /^\d+\.eml$/.test(f)).sort();
}

export async function startSmtpServer(
  options: { port?: number; dir?: string } = {},
): Promise<TestSmtpServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'regua-smtp-')));
  let child: Child | null = await Child.start(options.port ?? 0, dir);
  const port = child.port;

  const running = (): Child => {
    if (!child) throw new Error('test SMTP server is stopped');
    return child;
  };

  const server: TestSmtpServer = {
    port,
    host: HOST,
    dir,
    setFaults: async (rules) => running().request('setFaults', { rules }),
    messages: async () => Promise.all((await emlFiles(dir)).map((f) => readMail(dir, f))),
    async waitForMessages(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const files = await emlFiles(dir);
        if (files.length >= count) return server.messages();
        if (Date.now() > deadline) {
          throw new Error(
            `expected ${count} message(s) in ${dir} within ${timeoutMs} ms, got ${files.length}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async clear() {
      const files = (await readdir(dir)).filter((f) => /^\d+\.(eml|json)$/.test(f));
      await Promise.all(files.map((f) => rm(join(dir, f), { force: true })));
    },
    async stop() {
      const c = child;
      child = null;
      await c?.kill();
    },
    async restart() {
      await server.stop();
      child = await Child.start(port, dir);
    },
  };
  return server;
}
