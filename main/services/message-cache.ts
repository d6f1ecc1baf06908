// Composed e-mails kept on disk under a hash of everything they are made from (see composer.ts), so
// the next run's notices can be composed while the program is idle and the run only reads them back.
// A file that is missing, torn or written for another key is a miss, never an error: the run then
// composes that notice itself. Nothing here is a record of what was sent; deleting the folder is safe.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A composed e-mail, its parts already MIME-encoded (see encodeParts in mime-message.ts). */
export interface CachedMessage {
  subject: string;
  text: Buffer;
  html: Buffer;
  /** The generated invoice PDF's part; null when nothing is attached or the invoice has a PDF file of its own. */
  pdf: Buffer | null;
  /** Inline images' parts (QR code, logo) with their Content-IDs, in the order they are sent. */
  inline: { cid: string; part: Buffer }[];
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
// one after the other: text, html, the inline images, the pdf. The lengths must add up, which catches
// a file cut short.
interface Header {
  key: string;
  subject: string;
  /** Bytes of text, html and pdf (null: no PDF part). */
  sizes: [number, number, number | null];
  /** Content-ID and bytes of each inline image. */
  inline: [string, number][];
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
        // Most keys of a cold run are misses: asked without the cost of an exception each.
        if (!statSync(file(key), { throwIfNoEntry: false })?.isFile()) return null;
        const bytes = readFileSync(file(key));
        const newline = bytes.indexOf(0x0a);
        if (newline < 0) return null;
        const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
        if (
          header?.key !== key ||
          typeof header.subject !== 'string' ||
          !Array.isArray(header.sizes) ||
          !Array.isArray(header.inline)
        )
          return null;
        const [text, html, pdf] = header.sizes;
        const images = header.inline.reduce((sum, [, size]) => sum + size, 0);
        let at = newline + 1;
        if (bytes.length !== at + text + html + images + (pdf ?? 0)) return null;
        const take = (size: number) => bytes.subarray(at, (at += size));
        return {
          subject: header.subject,
          text: take(text),
          html: take(html),
          inline: header.inline.map(([cid, size]) => ({ cid, part: take(size) })),
          pdf: pdf === null ? null : take(pdf),
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
      const { subject, text, html, pdf, inline } = message;
      const header: Header = {
        key,
        subject,
        sizes: [text.length, html.length, pdf?.length ?? null],
        inline: inline.map(({ cid, part }) => [cid, part.length]),
      };
      const parts = [
        Buffer.from(JSON.stringify(header) + '\n'),
        text,
        html,
        ...inline.map(({ part }) => part),
        ...(pdf ? [pdf] : []),
      ];
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
