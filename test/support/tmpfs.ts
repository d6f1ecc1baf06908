// A real small disk that fills up: a tmpfs mounted for a test (the build machines run tests as root).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SmallDisk {
  dir: string;
  /** Fills the free space with a ballast file but `leaveBytes`, so a bigger write fails half-way with ENOSPC. */
  fill(leaveBytes?: number): Promise<void>;
  /** Deletes the ballast. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

/** Whether this process may mount a tmpfs (root on Linux). Tests that need one say so when it cannot. */
export const canMountTmpfs = process.platform === 'linux' && process.getuid?.() === 0;

export async function mountSmallDisk(sizeKb: number): Promise<SmallDisk> {
  const dir = await mkdtemp(join(tmpdir(), 'regua-disk-'));
  await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  const ballast = join(dir, '.ballast');
  return {
    dir,
    async fill(leaveBytes = 0) {
      const { bavail, bsize } = await statfs(dir);
      const size = Math.max(0, bavail * bsize - leaveBytes);
      await writeFile(ballast, Buffer.alloc(size)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOSPC') throw e;
      });
    },
    free: () => rm(ballast, { force: true }),
    async unmount() {
      await run('umount', ['-l', dir]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
