// Composed e-mails kept on disk under a hash of everything they are made from (see composer.ts), so
// the next run's notices can be composed while the program is idle and the run only reads them back.
// A file that is missing, torn or written for another key is a miss, never an error: the run then
// composes that notice itself. Nothing here is a record of what was sent; deleting the folder is safe.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A composed e-mail, its parts already MIME-encoded (see encodeParts in mailer.ts). */
export interface CachedMessage {
  subject: string;
  text: Buffer;
  html: Buffer;
  /** The generated invoice PDF's part; null when nothing is attached or the invoice has a PDF file of its own. */
  pdf: Buffer | null;
}

export interface MessageCache {
  get(key: string): Promise<CachedMessage | null>;
  /** Marks the entry as still wanted, so prune keeps it. */
  touch(key: string): Promise<void>;
  put(key: string, message: CachedMessage): Promise<void>;
  /** Deletes entries not written or touched for `maxAgeMs` (file times: the machine's own clock). */
  prune(maxAgeMs: number): Promise<void>;
}

// One file per entry: a JSON line (the key, the subject and each part's length), then the parts' bytes
// one after the other. The lengths must add up, which catches a file cut short.
interface Header {
  key: string;
  subject: string;
  /** Bytes of text, html and pdf (null: no PDF part). */
  sizes: [number, number, number | null];
}

const KEY = /^[0-9a-f]{64}$/;

export function createMessageCache(dir: string): MessageCache {
  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error(`chave de cache inválida: ${key}`);
    return join(dir, `${key}.msg`);
  };
  return {
    async get(key) {
      try {
        // A few KiB from the page cache: read at once, it costs a fraction of the four round trips
        // through the thread pool that fs.promises.readFile takes, which a run pays per message.
        const bytes = readFileSync(file(key));
        const newline = bytes.indexOf(0x0a);
        if (newline < 0) return null;
        const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
        if (header?.key !== key || typeof header.subject !== 'string' || !Array.isArray(header.sizes))
          return null;
        const [text, html, pdf] = header.sizes;
        const start = newline + 1;
        if (bytes.length !== start + text + html + (pdf ?? 0)) return null;
        return {
          subject: header.subject,
          text: bytes.subarray(start, start + text),
          html: bytes.subarray(start + text, start + text + html),
          pdf: pdf === null ? null : bytes.subarray(start + text + html),
        };
      } catch {
        return null;
      }
    },
    async touch(key) {
      const now = new Date();
      await utimes(file(key), now, now).catch(() => {});
    },
    async put(key, message) {
      // Every time: staff may delete the folder while the program runs.
      await mkdir(dir, { recursive: true });
      const { subject, text, html, pdf } = message;
      const header: Header = { key, subject, sizes: [text.length, html.length, pdf?.length ?? null] };
      const parts = [Buffer.from(JSON.stringify(header) + '\n'), text, html, ...(pdf ? [pdf] : [])];
      // Written whole under a temporary name, then renamed: a reader sees the old file or the new one.
      const tmp = `${file(key)}.${process.pid}.tmp`;
      await writeFile(tmp, Buffer.concat(parts));
      await rename(tmp, file(key));
    },
    async prune(maxAgeMs) {
      const now = Date.now();
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const path = join(dir, name);
        try {
          if (now - (await stat(path)).mtimeMs > maxAgeMs) await rm(path, { force: true });
        } catch {
          // gone meanwhile
        }
      }
    },
  };
}
