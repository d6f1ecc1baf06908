// Every routine run, executed or skipped, with when it was scheduled, when it ran, its trigger and
// its counts. The latest *completed* run of a routine bounds the next run's catch-up window; a run
// that never finished (its process died) is settled as interrupted and its slot is run again.
import { createJournal, type JournalOptions } from './journal';
import type { RunTrigger, RunStatus, RunCounts, RunRecord } from '../../shared/records';
export type { RunTrigger, RunStatus, RunCounts, RunRecord };

export interface RunLog {
  load(): Promise<void>;
  sync(): Promise<void>;
  record(run: RunRecord): Promise<void>;
  all(): RunRecord[];
  forRoutine(routineId: string): RunRecord[];
  /** Latest completed run strictly before `date`. */
  lastCompletedBefore(routineId: string, date: string): RunRecord | undefined;
  /** Whether the routine's slot of `date` is done: a run completed it, or the calendar skipped it. */
  slotDone(routineId: string, date: string): boolean;
  /** Runs that started and never finished (the process died): marked interrupted. Holder of the send lock only. */
  settleInterrupted(now: Date): Promise<RunRecord[]>;
  close(): Promise<void>;
}

export function createRunLog(file: string, options: JournalOptions = {}): RunLog {
  const journal = createJournal<RunRecord>(file, options);
  const runs = new Map<string, RunRecord>();
  const absorb = (records: RunRecord[]) => records.forEach((r) => runs.set(r.id, r));
  const log: RunLog = {
    async load() {
      runs.clear();
      absorb(await journal.load());
    },
    async sync() {
      absorb(await journal.readNew());
    },
    async record(run) {
      await journal.append([run]);
      absorb([run]);
    },
    all: () => [...runs.values()],
    forRoutine: (routineId) => [...runs.values()].filter((r) => r.routineId === routineId),
    lastCompletedBefore(routineId, date) {
      let best: RunRecord | undefined;
      for (const r of runs.values())
        if (
          r.routineId === routineId &&
          r.status === 'completed' &&
          r.date < date &&
          (!best || r.date > best.date)
        )
          best = r;
      return best;
    },
    slotDone(routineId, date) {
      for (const r of runs.values())
        if (
          r.routineId === routineId &&
          r.date === date &&
          (r.status === 'completed' || r.status === 'skipped')
        )
          return true;
      return false;
    },
    async settleInterrupted(now) {
      const { records } = await journal.repairTail();
      absorb(records);
      const stale = [...runs.values()]
        .filter((r) => r.status === 'running')
        .map((r): RunRecord => ({
          ...r,
          status: 'interrupted',
          finishedAt: now.toISOString(),
          reason:
            'execução interrompida (programa encerrado, trava perdida ou disco cheio durante a execução)',
        }));
      for (const r of stale) await log.record(r);
      return stale;
    },
    close: () => journal.close(),
  };
  return log;
}
