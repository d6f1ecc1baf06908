// Composes each routine's next run while the program is idle: the layouts rendered and the PDFs
// drawn now, so that at 08:10 the run only reads them back and the connections are kept busy. It
// starts with the scheduler, works again after every run and shortly after data or settings change,
// gives way to any run in progress, and reports the notices that could not be composed (a missing
// PDF file, a broken layout) while there is still time to fix them.
import { type Routine, companyTimezone } from '../../shared/domain';
import { formatDateBR } from '../../shared/calendar';
import { nextSlot } from '../../shared/schedule';
import type { Clock } from './clock';
import type { Composer, PrepareResult } from './composer';
import type { EventBus } from './events';
import type { MessageCache } from './message-cache';
import type { Runner } from './runner';
import type { ReadStore } from './store/store';

export interface PreparedRun extends Omit<PrepareResult, 'aborted'> {
  routineId: string;
  date: string;
  /** When this preparation finished (ISO instant). */
  at: string;
}

export interface Preparer {
  /** Composes the next run of every active send routine now (or of one routine on a given date). */
  prepare(target?: { routineId: string; date: string }): Promise<PreparedRun[]>;
  /** The latest finished preparation of a routine's run, if any. */
  latest(routineId: string): PreparedRun | undefined;
  /** Asks for a preparation in the background after `delayMs` (the default: a quiet moment after a change). */
  request(delayMs?: number): void;
  /** Prepares in the background from now on; `log` hears what each preparation found. */
  start(log?: (message: string) => void): void;
  stop(): Promise<void>;
}

export interface PreparerDeps {
  store: ReadStore;
  runner: Runner;
  composer: Composer;
  cache: MessageCache;
  clock: Clock;
  events?: EventBus;
}

export interface PreparerOptions {
  /** After start-up, so opening the app comes first. */
  startDelayMs?: number;
  /** After a change, so a burst of edits or an import is prepared once. */
  changeDelayMs?: number;
}

/** Messages for runs already gone are of no use. Every untargeted pass touches what it still wants before pruning. */
const KEEP_MS = 2 * 24 * 3600_000;
/** A holiday skip moves the work to a later slot: look that far ahead for a slot that runs. */
const MAX_SLOTS_AHEAD = 10;

export function createPreparer(deps: PreparerDeps, options: PreparerOptions = {}): Preparer {
  const startDelayMs = options.startDelayMs ?? 10_000;
  const changeDelayMs = options.changeDelayMs ?? 30_000;
  let log: (message: string) => void = () => {};
  const controller = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let dueAt = Infinity;
  let running: Promise<unknown> | null = null;
  let again = false;
  let started = false;
  let unsubscribe: (() => void) | null = null;
  const latest = new Map<string, PreparedRun>();

  /** Runs in progress take the processor first: preparation waits for them between notices. */
  const waitTurn = async () => {
    while (deps.runner.busy()) await deps.runner.idle();
  };

  /** The routine's next slot the calendar does not skip, with the notices due in it. */
  const nextRun = async (routine: Routine) => {
    const tz = companyTimezone(deps.store.settings());
    let after = deps.clock.now();
    for (let i = 0; i < MAX_SLOTS_AHEAD; i++) {
      const slot = nextSlot(routine.schedule, after, tz);
      if (!slot) return null;
      const { skipBecause, due } = await deps.runner.dueOn(routine.id, slot.date);
      if (!skipBecause) return { date: slot.date, due };
      after = slot.at;
    }
    return null;
  };

  const prepareOne = async (routineId: string, date: string, due: Parameters<Composer['prepare']>[0]) => {
    const result = await deps.composer.prepare(due, date, { signal: controller.signal, waitTurn });
    const { aborted, ...counts } = result;
    const prepared: PreparedRun = { routineId, date, ...counts, at: deps.clock.now().toISOString() };
    if (!aborted) {
      latest.set(routineId, prepared);
      log(describePrepared(prepared));
      deps.events?.emit('preparation.finished', { routineId, date });
    }
    return { prepared, aborted };
  };

  const prepare: Preparer['prepare'] = async (target) => {
    if (target) {
      const { skipBecause, due } = await deps.runner.dueOn(target.routineId, target.date);
      return skipBecause ? [] : [(await prepareOne(target.routineId, target.date, due)).prepared];
    }
    const results: PreparedRun[] = [];
    const routines = deps.store.settings().routines.filter((r) => r.active && r.task === 'send_email');
    for (const routine of routines) {
      let run: Awaited<ReturnType<typeof nextRun>>;
      try {
        run = await nextRun(routine);
      } catch (e) {
        // A routine that cannot be planned (say, its e-mail account was removed) fails the same way
        // when it runs, and says so there; the other routines are still prepared.
        log(`preparação de ${routine.id}: ${(e as Error).message}`);
        continue;
      }
      if (!run) continue;
      const { prepared, aborted } = await prepareOne(routine.id, run.date, run.due);
      results.push(prepared);
      if (aborted) return results;
    }
    // Every entry still wanted was just touched; the rest belongs to runs already gone.
    await deps.cache.prune(KEEP_MS);
    return results;
  };

  const work = () => {
    if (running) {
      again = true;
      return;
    }
    running = prepare()
      .catch((e: Error) => log(`preparação dos e-mails: erro: ${e.message}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          request(changeDelayMs);
        }
      });
  };

  const request = (delayMs = changeDelayMs) => {
    if (!started || controller.signal.aborted) return;
    const at = Date.now() + delayMs;
    if (timer && at >= dueAt) return;
    if (timer) clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(() => {
      timer = null;
      dueAt = Infinity;
      work();
    }, delayMs);
    timer.unref();
  };

  return {
    prepare,
    latest: (routineId) => latest.get(routineId),
    request,
    start(logTo) {
      if (started) return;
      started = true;
      if (logTo) log = logTo;
      unsubscribe =
        deps.events?.subscribe((event) => {
          if (event.name === 'run.finished') request(0);
          if (event.name === 'store.changed' && event.payload.area !== 'deliveries') request();
        }) ?? null;
      request(startDelayMs);
    },
    async stop() {
      started = false;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      timer = null;
      controller.abort();
      await running;
    },
  };
}

export function describePrepared(p: PreparedRun): string {
  const head = `próxima execução de ${p.routineId} (${formatDateBR(p.date)}): ${p.composed + p.ready} e-mail(s) prontos (${p.composed} preparados agora)`;
  if (p.problems.length === 0) return head;
  const list = p.problems
    .slice(0, 5)
    .map((x) => `fatura ${x.notice.invoiceId}: ${x.message}`)
    .join('; ');
  const more = p.problems.length > 5 ? `; e mais ${p.problems.length - 5}` : '';
  return `${head}; ${p.problems.length} com problema: ${list}${more}`;
}
