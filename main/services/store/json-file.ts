// One JSON document of the data folder, read through lowdb. Writes are two-phase so a change that
// touches several files is all or nothing: `stage` writes the new content to a temp file in chunks
// and fsyncs it (a full disk fails here, leaving every real file as it was); `commit` renames it
// over the old file. Big arrays are written in chunks, never as one 40 MB string.
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
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

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`arquivo corrompido: ${file} (${detail})`);
  }
}

/** A new version of a file, on disk beside it and fsynced, not yet in its place. */
export interface StagedWrite {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export interface JsonFile<T> {
  readonly file: string;
  data: T;
  /** True when the file existed when last read. */
  existed: boolean;
  /** Writes `data` beside the file; nothing changes until the staged write is committed. */
  stage(data: T): Promise<StagedWrite>;
  /** Whether the file on disk is no longer the one we last read or wrote (another process wrote it). */
  changedOnDisk(): Promise<boolean>;
  /** Reads the file again. */
  reload(): Promise<void>;
}

export interface JsonFileOptions<T> {
  defaults: () => T;
  pretty?: boolean;
  /** File mode of new versions (the secrets file is 0600). */
  mode?: number;
  /** Checks the parsed content's shape; returns a problem in Portuguese, or null. */
  check?: (data: unknown) => string | null;
}

/** Identifies one version of a file: every write is a rename, which gives the file a new inode. */
const signatureOf = (file: string) =>
  stat(file).then(
    (s) => `${s.ino}:${s.size}:${s.mtimeMs}`,
    () => 'absent',
  );

function jsonAdapter<T>(file: string): Adapter<T> {
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      try {
        return JSON.parse(text) as T;
      } catch (e) {
        throw new CorruptFileError(file, (e as Error).message);
      }
    },
    async write() {
      throw new Error('json-file: writes go through stage/commit');
    },
  };
}

export async function openJsonFile<T>(file: string, options: JsonFileOptions<T>): Promise<JsonFile<T>> {
  const db = new Low<T>(jsonAdapter<T>(file), options.defaults());
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  let signature = 'absent';
  const handle: JsonFile<T> = {
    file,
    data: options.defaults(),
    existed: false,
    async reload() {
      const before = await signatureOf(file);
      await db.read();
      const raw = db.data as unknown;
      if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
        throw new CorruptFileError(file, 'conteúdo não é um objeto JSON');
      const problem = raw === null ? null : (options.check?.(raw) ?? null);
      if (problem) throw new CorruptFileError(file, problem);
      handle.existed = raw !== null;
      handle.data = (raw as T | null) ?? options.defaults();
      signature = before;
    },
    async changedOnDisk() {
      return (await signatureOf(file)) !== signature;
    },
    async stage(data) {
      const fd = await open(temp, 'w', options.mode ?? 0o644);
      try {
        for (const chunk of jsonChunks(data, !!options.pretty)) await fd.write(chunk);
        await fd.write('\n');
        await fd.sync();
      } catch (e) {
        await fd.close().catch(() => {});
        await rm(temp, { force: true }).catch(() => {});
        throw e;
      }
      await fd.close();
      return {
        async commit() {
          await rename(temp, file);
          handle.data = data;
          handle.existed = true;
          signature = await signatureOf(file);
        },
        discard: () => rm(temp, { force: true }).catch(() => {}),
      };
    },
  };
  await handle.reload();
  return handle;
}
