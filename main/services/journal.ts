// An append-only JSON-lines file with group commit: every append is fsynced before it resolves, and
// appends that arrive while a flush is under way share the next fsync. A crash can only tear the last
// line, which the next load drops. Other processes' appends are picked up with `readNew`.
import { open, truncate, type FileHandle } from 'node:fs/promises';

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
  /** Records appended by other processes since the last load/readNew. */
  readNew(): Promise<T[]>;
  append(records: readonly T[]): Promise<void>;
  close(): Promise<void>;
}

export function createJournal<T>(file: string): Journal<T> {
  let offset = 0; // bytes of the file already turned into records
  let linesRead = 0;
  let foreign: T[] = []; // other processes' records met while appending, handed out by readNew
  let handle: FileHandle | null = null;
  let queue: string[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | null = null;
  // Reads move `offset`: two at once would take in the same lines twice. They take turns.
  let turn: Promise<unknown> = Promise.resolve();
  const serial = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = turn.then(fn, fn);
    turn = run.catch(() => {});
    return run;
  };

  /** Parses complete lines from `offset` up to `limit` (default: end of file). */
  const readFrom = async (repair: boolean, limit?: number): Promise<T[]> => {
    let reader: FileHandle;
    try {
      reader = await open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let buf: Buffer;
    try {
      const size = limit ?? (await reader.stat()).size;
      buf = Buffer.alloc(Math.max(0, size - offset));
      if (buf.length) await reader.read(buf, 0, buf.length, offset);
    } finally {
      await reader.close();
    }
    const end = buf.lastIndexOf(0x0a) + 1; // only complete lines
    if (repair && end < buf.length) await truncate(file, offset + end);
    const records: T[] = [];
    for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
      if (line === '') continue;
      linesRead++;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        throw new JournalCorruptError(file, linesRead);
      }
    }
    offset += end;
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
        // Lines another process appended since our last read sit before ours: keep them for readNew.
        const h = handle;
        await serial(async () => {
          const before = (await h.stat()).size;
          if (before > offset) foreign = foreign.concat(await readFrom(false, before));
          const bytes = Buffer.from(lines, 'utf8');
          await h.write(bytes);
          await h.datasync();
          offset = before + bytes.length;
          linesRead += lines.split('\n').length - 1;
        });
        batch.forEach((w) => w.resolve());
      } catch (e) {
        batch.forEach((w) => w.reject(e));
      }
    }
    flushing = null;
  };

  return {
    load: () =>
      serial(() => {
        offset = 0;
        linesRead = 0;
        foreign = [];
        return readFrom(true);
      }),
    readNew: () =>
      serial(async () => {
        const earlier = foreign;
        foreign = [];
        return earlier.concat(await readFrom(false));
      }),
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
