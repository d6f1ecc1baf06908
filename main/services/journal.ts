// An append-only JSON-lines file with group commit: every append is fsynced before it resolves, and
// appends that arrive while a flush is under way share the next fsync. A crash can only tear the last
// line, which the next load drops. Other processes' appends are picked up with `readNew`.
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises';

export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
  ) {
    super(`arquivo corrompido: ${file}, linha ${line}`);
  }
}

export interface Journal<T> {
  /** Every record in the file, repairing a torn last line. */
  load(): Promise<T[]>;
  /** Records appended (by any process) since the last load/readNew. */
  readNew(): Promise<T[]>;
  append(records: readonly T[]): Promise<void>;
  close(): Promise<void>;
}

export function createJournal<T>(file: string): Journal<T> {
  let offset = 0;
  let handle: FileHandle | null = null;
  let queue: string[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | null = null;

  const parseFrom = async (start: number, repair: boolean): Promise<T[]> => {
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let end = buf.lastIndexOf(0x0a) + 1; // only complete lines
    if (end < start) end = start;
    if (repair && end < buf.length) await truncate(file, end);
    const text = buf.subarray(start, end).toString('utf8');
    const records: T[] = [];
    let lineNo = start === 0 ? 0 : -1;
    for (const line of text.split('\n')) {
      if (lineNo >= 0) lineNo++;
      if (line === '') continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        throw new JournalCorruptError(file, lineNo);
      }
    }
    offset = end;
    return records;
  };

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const lines = queue.join('');
      const batch = waiters;
      queue = [];
      waiters = [];
      try {
        handle ??= await open(file, 'a');
        await handle.write(lines);
        await handle.datasync();
        offset = (await stat(file)).size;
        batch.forEach((w) => w.resolve());
      } catch (e) {
        batch.forEach((w) => w.reject(e));
      }
    }
    flushing = null;
  };

  return {
    load: () => parseFrom(0, true),
    readNew: () => parseFrom(offset, false),
    append(records) {
      if (records.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push(records.map((r) => JSON.stringify(r) + '\n').join(''));
        waiters.push({ resolve, reject });
        flushing ??= flush();
      });
    },
    async close() {
      await flushing;
      await handle?.close();
      handle = null;
    },
  };
}
