// A rotating daily copy of the data directory's files, taken when the store opens. A corrupt file is
// never overwritten: the program stops and names the newest backup that still parses.
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

export const BACKUP_DAYS_KEPT = 7;

export async function takeDailyBackup(
  dataDir: string,
  files: readonly string[],
  today: string,
): Promise<void> {
  const root = join(dataDir, 'backups');
  const dir = join(root, today);
  await mkdir(dir, { recursive: true });
  const have = new Set(await readdir(dir));
  for (const file of files) {
    if (have.has(basename(file))) continue; // the first copy of the day is the one kept
    await copyFile(file, join(dir, basename(file))).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  const days = (await readdir(root)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  for (const old of days.slice(0, Math.max(0, days.length - BACKUP_DAYS_KEPT)))
    await rm(join(root, old), { recursive: true, force: true });
}

/** The newest backup copy of `fileName` that parses as JSON, or null. */
export async function newestGoodBackup(dataDir: string, fileName: string): Promise<string | null> {
  const root = join(dataDir, 'backups');
  const days = (await readdir(root).catch(() => [] as string[])).sort().reverse();
  for (const day of days) {
    const candidate = join(root, day, fileName);
    try {
      JSON.parse(await readFile(candidate, 'utf8'));
      return candidate;
    } catch {
      continue;
    }
  }
  return null;
}
