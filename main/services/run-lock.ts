// Serializes routine runs across processes (daemon, `regua run`, the app) sharing a data directory.
import lockfile from 'proper-lockfile';
import { join } from 'node:path';
import { RunError } from './run-error';

export interface RunLock {
  /** Waits for the lock (up to `waitMs`); resolves to its release function. */
  acquire(): Promise<() => Promise<void>>;
}

export function createRunLock(dataDir: string, waitMs = 10 * 60_000): RunLock {
  return {
    async acquire() {
      try {
        return await lockfile.lock(dataDir, {
          lockfilePath: join(dataDir, 'run.lock'),
          realpath: false,
          // A run killed with the lock held blocks the next one for at most `stale` ms.
          stale: 6_000,
          update: 2_000,
          retries: { retries: Math.ceil(waitMs / 1000), minTimeout: 1000, maxTimeout: 1000, factor: 1 },
          onCompromised: (e) => console.error(`regua: trava de execução comprometida: ${e.message}`),
        });
      } catch (e) {
        throw new RunError(
          `outra execução está em andamento neste diretório de dados (${(e as Error).message})`,
        );
      }
    },
  };
}
