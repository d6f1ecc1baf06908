// While Régua runs, the folders of active "Importar arquivos" routines are looked at every minute
// (polled: fs.watch misses changes on network shares), and once at start for the files dropped
// while it was off. A folder with a ready file gets a run of its routine (trigger `watch`), which
// lists the folder again under the send lane, so two processes never import the same file.
import { isImportRoutine } from '../../shared/domain';
import type { Clock } from './clock';
import type { FolderImporter } from './import/folder';
import type { RunReport, Runner } from './runner';
import type { ReadStore } from './store/store';

export interface FolderWatchDeps {
  store: ReadStore;
  runner: Runner;
  folders: FolderImporter;
  clock: Clock;
  today(): string;
  onError?(routineId: string, error: Error): void;
  onRunFinished?(report: RunReport): void;
}

export const POLL_MS = 60_000;

export function createFolderWatch(deps: FolderWatchDeps, pollMs = POLL_MS) {
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  let stopped = false;

  const pollOnce = async () => {
    for (const routine of deps.store.settings().routines.filter(isImportRoutine)) {
      if (stopped) return;
      if (!routine.active || !routine.watch || deps.runner.isRunning(routine.id)) continue;
      // Listed here without the lock only to know whether a run is worth it.
      const ready = await deps.folders.ready(routine).catch(() => []);
      if (ready.length === 0) continue;
      try {
        const report = await deps.runner.runRoutine(routine.id, {
          date: deps.today(),
          trigger: 'watch',
          honourCalendar: false,
        });
        if (report.runId) deps.onRunFinished?.(report);
      } catch (e) {
        deps.onError?.(routine.id, e as Error);
      }
    }
  };

  const poll = () => {
    polling ??= pollOnce().finally(() => (polling = null));
    return polling;
  };

  return {
    /** Looks at once (files dropped while Régua was off), then every `pollMs`. */
    start() {
      stopped = false;
      void poll();
      timer = setInterval(() => void poll(), pollMs);
      timer.unref();
    },
    poll,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
    },
  };
}
