// One lowdb JSON document whose writes are coalesced: changes made in the same tick share one
// stringify and one atomic write (steno: temp file + rename), so a burst of edits costs one write.
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';

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
  const adapter = new DataFile<T>(file, {
    parse: (text) => JSON.parse(text) as T,
    stringify: (data) => (pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)) + '\n',
  });
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
