// Composed e-mails kept on disk under a hash of everything they are made from (see composer.ts), so
// the next run's notices can be composed while the program is idle and the run only reads them back.
// A file that is missing, torn or written for another key is a miss, never an error: the run then
// composes that notice itself. Nothing here is a record of what was sent; deleting the folder is safe.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedMessage {
  subject: string;
  html: string;
  text: string;
  /** The generated invoice PDF; null when nothing is attached or the invoice has a PDF file of its own. */
  pdf: Buffer | null;
}

export interface MessageCache {
  readonly dir: string;
  get(key: string): Promise<CachedMessage | null>;
  /** Marks the entry as still wanted, so prune keeps it. */
  touch(key: string): Promise<void>;
  put(key: string, message: CachedMessage): Promise<void>;
  /** Deletes entries not written or touched for `maxAgeMs` (file times: the machine's own clock). */
  prune(maxAgeMs: number): Promise<number>;
}

// One file per entry: a JSON line (the key, the texts and the PDF's length), then the PDF's bytes as they
// are. The length check catches a file cut short.
interface Header {
  key: string;
  subject: string;
  html: string;
  text: string;
  pdfBytes: number | null;
}

const KEY = /^[0-9a-f]{64}$/;

export function createMessageCache(dir: string): MessageCache {
  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error(`chave de cache inválida: ${key}`);
    return join(dir, `${key}.msg`);
  };
  let made: Promise<unknown> | null = null;
  return {
    dir,
    async get(key) {
      let header: Header;
      let pdf: Buffer | null = null;
      try {
        // A few KiB from the page cache: read at once, it costs a fraction of the four round trips
        // through the thread pool that fs.promises.readFile takes, which a run pays per message.
        const bytes = readFileSync(file(key));
        const newline = bytes.indexOf(0x0a);
        if (newline < 0) return null;
        header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
        const body = bytes.subarray(newline + 1);
        if (header?.key !== key || typeof header.html !== 'string') return null;
        if (header.pdfBytes !== null) {
          if (body.length !== header.pdfBytes) return null;
          pdf = body;
        }
      } catch {
        return null;
      }
      return { subject: header.subject, html: header.html, text: header.text, pdf };
    },
    async touch(key) {
      const now = new Date();
      await utimes(file(key), now, now).catch(() => {});
    },
    async put(key, message) {
      await (made ??= mkdir(dir, { recursive: true }));
      const { pdf, ...texts } = message;
      const header: Header = { key, ...texts, pdfBytes: pdf?.length ?? null };
      // Written whole under a temporary name, then renamed: a reader sees the old file or the new one.
      const tmp = `${file(key)}.${process.pid}.tmp`;
      await writeFile(
        tmp,
        Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), pdf ?? Buffer.alloc(0)]),
      );
      await rename(tmp, file(key));
    },
    async prune(maxAgeMs) {
      const now = Date.now();
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        const path = join(dir, name);
        try {
          if (now - (await stat(path)).mtimeMs > maxAgeMs) {
            await rm(path, { force: true });
            removed++;
          }
        } catch {
          // gone meanwhile
        }
      }
      return removed;
    },
  };
}
