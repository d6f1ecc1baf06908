// The one way to the SMTP servers and to the ledger. Whoever sends or records a delivery holds the
// send lock (`send.lock` in the data folder), so across processes only one sender touches the
// ledger at a time, and a `sending` record found by a new holder belongs to a sender that is gone:
// it is settled as `uncertain` right after the lock is taken. In this process, routine runs take
// turns (two runs could plan the same notice); manual sends share the hold of a run in progress,
// since their notices are their own.
import { createFolderLock, createMutex, type FolderLock, type HeldLock } from './locks';

export interface SendLane {
  /** A routine run: one at a time in this process, the send lock held throughout. */
  exclusive<T>(task: (signal: AbortSignal) => Promise<T>, waitMs?: number): Promise<T>;
  /** A manual send: holds the send lock, alongside whatever else this process is sending. */
  shared<T>(task: (signal: AbortSignal) => Promise<T>, waitMs?: number): Promise<T>;
  /** Routine runs queued or running in this process. */
  runsQueued(): number;
  /** Whether any process holds the send lock now. */
  lockedSomewhere(): Promise<boolean>;
}

export interface SendLaneOptions {
  /** Runs right after the lock is taken, before any task: settle what a dead holder left. */
  onAcquired(): Promise<void>;
  waitMs?: number;
}

export const SEND_LOCK = 'send';

export function createSendLane(dataDir: string, options: SendLaneOptions): SendLane {
  const lock: FolderLock = createFolderLock(dataDir, SEND_LOCK, {
    holderLabel: 'Outra execução de rotina ou envio',
    waitMs: options.waitMs ?? 10 * 60_000,
    pollMs: 500,
  });
  const runs = createMutex();
  let holders = 0;
  let held: Promise<HeldLock> | null = null;
  // Acquiring and releasing take turns, so a task never meets a lock half released.
  const turns = createMutex();

  const enter = (waitMs?: number) =>
    turns.run(async () => {
      if (!held) {
        const acquiring = lock.acquire(waitMs).then(async (h) => {
          try {
            await options.onAcquired();
            return h;
          } catch (e) {
            await h.release();
            throw e;
          }
        });
        held = acquiring;
        acquiring.catch(() => {
          if (held === acquiring) held = null;
        });
      }
      const h = await held;
      holders++;
      return h;
    });

  const leave = () =>
    turns.run(async () => {
      holders--;
      if (holders === 0 && held) {
        const h = await held;
        held = null;
        await h.release();
      }
    });

  const hold = async <T>(task: (signal: AbortSignal) => Promise<T>, waitMs?: number): Promise<T> => {
    const h = await enter(waitMs);
    try {
      return await task(h.signal);
    } finally {
      await leave();
    }
  };

  return {
    exclusive: (task, waitMs) => runs.run(() => hold(task, waitMs)),
    shared: hold,
    runsQueued: () => runs.size(),
    lockedSomewhere: () => lock.isHeld(),
  };
}
