// Two kinds of turn-taking over one data folder. A Mutex orders work inside this process; a
// FolderLock (a lock directory in the data folder, proper-lockfile) orders processes: the daemon,
// `regua run`/`import`, `regua serve` and the desktop app. A lock whose holder died is taken over
// after a few seconds; a holder that loses its lock hears of it through an AbortSignal and stops.
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { storageError } from './storage-errors';

/** Runs tasks one at a time, in the order they were queued. */
export interface Mutex {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  size(): number;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  return {
    run(task) {
      size++;
      const result = tail.then(task, task);
      tail = result.then(
        () => void size--,
        () => void size--,
      );
      return result;
    },
    size: () => size,
  };
}

export class LockTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockTimeoutError';
  }
}

export interface HeldLock {
  /** Aborted when another process took the lock over (ours went stale): stop writing at once. */
  signal: AbortSignal;
  release(): Promise<void>;
}

export interface FolderLock {
  /** Waits up to `waitMs` (default: the lock's own) for the lock. */
  acquire(waitMs?: number): Promise<HeldLock>;
  /** Whether some process holds it now. */
  isHeld(): Promise<boolean>;
}

export interface FolderLockOptions {
  /** Who is waiting, in Portuguese, for the timeout message ("outra gravação", "outra execução"). */
  holderLabel: string;
  waitMs: number;
  /** How often the waiter looks again. */
  pollMs: number;
}

export function createFolderLock(dataDir: string, name: string, options: FolderLockOptions): FolderLock {
  // proper-lockfile keeps its locks by target path: each lock needs a target of its own.
  const target = join(dataDir, name);
  const lockfilePath = join(dataDir, `${name}.lock`);
  const common = { lockfilePath, realpath: false, stale: 6_000, update: 2_000 } as const;
  return {
    async acquire(waitMs = options.waitMs) {
      const controller = new AbortController();
      const deadline = Date.now() + waitMs;
      let release: () => Promise<void>;
      // Only "someone holds it" is waited out; any other error (a read-only or full disk) is final.
      for (;;) {
        try {
          release = await lockfile.lock(target, {
            ...common,
            retries: 0,
            onCompromised: (e) =>
              controller.abort(
                new Error(`a trava ${name}.lock foi perdida (${e.message}): operação interrompida`),
              ),
          });
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ELOCKED')
            throw storageError(e, dataDir, 'criar a trava de gravação');
          if (Date.now() >= deadline)
            throw new LockTimeoutError(
              `${options.holderLabel} está em andamento nesta pasta de dados (${dataDir}); tente de novo quando terminar.`,
            );
          await new Promise((r) => setTimeout(r, options.pollMs));
        }
      }
      return {
        signal: controller.signal,
        release: () => release().catch(() => {}),
      };
    },
    isHeld: () => lockfile.check(target, common).catch(() => false),
  };
}
