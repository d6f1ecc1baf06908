// An append-only JSON-lines file with group commit: every append is fsynced before it resolves, and
// appends that arrive while a flush is under way share the next fsync. Appends are only made by the
// holder of the send lock (see send-lane.ts), so no two processes append at once.
//
// Faults: a write that fails (a full disk) is cut back off the file, so a failed append leaves the
// file as it was and the caller learns it was not recorded. A partial last line left by a crash is
// skipped by readers, reported, and cut off before the next append. A garbled line in the middle
// stops everything with the file and the newest good backup named.
import { open, truncate, type FileHandle } from 'node:fs/promises';
import { DataFileCorruptError } from './storage-errors';

export interface JournalOptions {
  /** The newest backup copy of this journal that reads whole, for the corruption message. */
  newestGoodBackup?: () => Promise<string | null>;
}

export interface Journal<T> {
  /** Every complete record in the file; a partial last line is left alone and reported by `tornTail`. */
  load(): Promise<T[]>;
  /** Records appended by other processes since the last load/readNew. */
  readNew(): Promise<T[]>;
  /** Bytes of a partial last line after the last complete record (0 when the file ends cleanly). */
  tornTail(): Promise<number>;
  /**
   * Cuts off a partial last line (call only while holding the send lock: nobody else is appending).
   * Returns the records of complete lines another process added first.
   */
  repairTail(): Promise<{ records: T[]; cutBytes: number }>;
  append(records: readonly T[]): Promise<void>;
  close(): Promise<void>;
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    if (bytesWritten <= 0) throw Object.assign(new Error('gravação incompleta'), { code: 'EIO' });
    written += bytesWritten;
  }
}

export function createJournal<T>(file: string, options: JournalOptions = {}): Journal<T> {
  let offset = 0; // bytes of the file already turned into records
  let linesRead = 0;
  let foreign: T[] = []; // other processes' records met while appending, handed out by readNew
  let handle: FileHandle | null = null;
  let queue: string[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | null = null;
  // Reads and writes move `offset`: they take turns.
  let turn: Promise<unknown> = Promise.resolve();
  const serial = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = turn.then(fn, fn);
    turn = run.catch(() => {});
    return run;
  };

  const size = async (): Promise<number> => {
    try {
      const reader = await open(file, 'r');
      try {
        return (await reader.stat()).size;
      } finally {
        await reader.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
  };

  /** Parses complete lines from `offset` up to `limit` (default: end of file). */
  const readFrom = async (limit?: number): Promise<T[]> => {
    let reader: FileHandle;
    try {
      reader = await open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let buf: Buffer;
    try {
      const end = limit ?? (await reader.stat()).size;
      buf = Buffer.alloc(Math.max(0, end - offset));
      if (buf.length) await reader.read(buf, 0, buf.length, offset);
    } finally {
      await reader.close();
    }
    const end = buf.lastIndexOf(0x0a) + 1; // only complete lines
    const records: T[] = [];
    for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
      if (line === '') continue;
      linesRead++;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        throw new DataFileCorruptError(
          file,
          (await options.newestGoodBackup?.()) ?? null,
          `linha ${linesRead} ilegível`,
        );
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
        const h = handle;
        await serial(async () => {
          // Lines another process appended since our last read sit before ours: keep them for readNew.
          let before = (await h.stat()).size;
          if (before > offset) foreign = foreign.concat(await readFrom(before));
          if (before > offset) {
            // What is left is a partial line from a crash (nobody else appends while we hold the lock).
            await truncate(file, offset);
            before = offset;
          }
          const bytes = Buffer.from(lines, 'utf8');
          try {
            await writeAll(h, bytes);
            await h.datasync();
          } catch (e) {
            // Leave the file as it was: these records were not written.
            await truncate(file, before).catch(() => {});
            throw e;
          }
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
        return readFrom();
      }),
    readNew: () =>
      serial(async () => {
        const earlier = foreign;
        foreign = [];
        return earlier.concat(await readFrom());
      }),
    tornTail: () =>
      serial(async () => {
        // Complete lines past `offset` are other processes' records; only bytes after the last
        // newline are a torn line.
        let reader: FileHandle;
        try {
          reader = await open(file, 'r');
        } catch {
          return 0;
        }
        try {
          const rest = Buffer.alloc(Math.max(0, (await reader.stat()).size - offset));
          if (rest.length) await reader.read(rest, 0, rest.length, offset);
          return rest.length - (rest.lastIndexOf(0x0a) + 1);
        } finally {
          await reader.close();
        }
      }),
    repairTail: () =>
      serial(async () => {
        const records = await readFrom();
        const end = await size();
        const cutBytes = Math.max(0, end - offset);
        if (cutBytes > 0) await truncate(file, offset);
        foreign = foreign.concat(records);
        const taken = foreign;
        foreign = [];
        return { records: taken, cutBytes };
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
