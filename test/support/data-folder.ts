// The data folder's files as they stand (name → bytes hash), to prove a refused call saved nothing.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir` with a hash of its bytes; lock files (held while writing) left out. */
export async function folderSnapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, entry.name);
      if (entry.name.endsWith('.lock')) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path).catch(() => null);
        if (bytes) out[relative(dir, path)] = createHash('sha1').update(bytes).digest('hex');
      }
    }
  };
  await walk(dir);
  return out;
}
