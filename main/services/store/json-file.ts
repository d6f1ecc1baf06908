// One lowdb JSON document whose writes are coalesced: changes made in the same tick share one
// write. The adapter writes big arrays in chunks to a temp file, fsyncs it and renames it over the
// old one: atomic, durable, and without holding a second 40 MB copy of 100k invoices as one string.
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';

const RECORDS_PER_CHUNK = 1000;

function* jsonChunks(data: unknown, pretty: boolean): Generator<string> {
  if (pretty || data === null || typeof data !== 'object' || Array.isArray(data)) {
    yield JSON.stringify(data, null, pretty ? 2 : undefined);
    return;
  }
  let first = true;
  yield '{';
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(value)) {
      yield JSON.stringify(value);
      continue;
    }
    yield '[';
    for (let i = 0; i < value.length; i += RECORDS_PER_CHUNK)
      yield (
        (i ? ',' : '') +
        value
          .slice(i, i + RECORDS_PER_CHUNK)
          .map((v) => JSON.stringify(v) ?? 'null')
          .join(',')
      );
    yield ']';
  }
  yield '}';
}

function chunkedJsonAdapter<T>(file: string, pretty: boolean): Adapter<T> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  let chain: Promise<void> = Promise.resolve();
  const writeNow = async (data: T) => {
    const handle = await open(temp, 'w');
    try {
      for (const chunk of jsonChunks(data, pretty)) await handle.write(chunk);
      await handle.write('\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  };
  return {
    async read() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as T;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    write(data) {
      // One writer at a time on the temp file; a failed write (disk full) leaves the old file intact.
      const next = chain.then(() => writeNow(data));
      chain = next.catch(() => {});
      return next;
    },
  };
}

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`arquivo corrompido: ${file} (${detail})`);
  }
}

export interface JsonFile<T> {
  readonly file: string;
  data: T;
  /** Schedule a write of the current data; resolves once it (or a later coalesced one) is on disk. */
  save(): Promise<void>;
  /** Resolves when no write is waiting. */
  settled(): Promise<void>;
  /** True when the file on disk existed when read. */
  existed: boolean;
}

export async function openJsonFile<T>(file: string, defaults: () => T, pretty = false): Promise<JsonFile<T>> {
  const adapter = chunkedJsonAdapter<T>(file, pretty);
  const db = new Low<T>(adapter, defaults());
  let raw: T | null;
  try {
    raw = await adapter.read();
  } catch (e) {
    throw new CorruptFileError(file, (e as Error).message);
  }
  if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    throw new CorruptFileError(file, 'conteúdo não é um objeto JSON');
  db.data = raw ?? defaults();
  let queued: Promise<void> | null = null;
  let latest: Promise<void> = Promise.resolve();
  const handle: JsonFile<T> = {
    file,
    existed: raw !== null,
    get data() {
      return db.data;
    },
    set data(value: T) {
      db.data = value;
    },
    settled: () => latest,
    save() {
      queued ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        queued = null;
        return db.write();
      });
      latest = queued;
      return queued;
    },
  };
  return handle;
}
