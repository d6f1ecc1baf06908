// Início's two costly parts, today's notices per routine and the 30-day forecast, plan every open
// invoice: about a second over 50,000 of them. The screens ask for the summary every few seconds,
// so each part is kept with what it was made of (the store's settings, invoices and customers, the
// run log, the ledger, the day) and worked out again only when one of those is new.
// While a run of this process is going on, the ledger grows by a record or two per notice: those
// records are left out until the run ends (its last run-log record brings them in), so a run over
// 50,000 notices is not slowed down by the screens it keeps up to date. The run's own progress
// travels on its events (run.progress), and the ledger counts (ledger-tally.ts) stay exact.
import type { Engine as App } from '../engine';

type Inputs = readonly unknown[];
const memos = new WeakMap<App, Map<string, { inputs: Inputs; value: unknown }>>();

/** What the costly parts depend on, compared by identity (the store replaces what it changes). */
export function summaryInputs(app: App, today: string): Inputs {
  return [
    app.store.settings(),
    app.store.invoices(),
    app.store.customers(),
    app.runLog.all().length,
    today,
    app.runner.busy() ? 'a run is going on' : app.ledger.history().length,
  ];
}

const same = (a: Inputs, b: Inputs) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** `compute()`, or the value it gave last time for the same `name` and `inputs`. */
export function memoized<T>(app: App, name: string, inputs: Inputs, compute: () => T): T {
  let byName = memos.get(app);
  if (!byName) memos.set(app, (byName = new Map()));
  const known = byName.get(name);
  if (known && same(known.inputs, inputs)) return known.value as T;
  const value = compute();
  byName.set(name, { inputs, value });
  return value;
}

/** How many notices "Executar agora" would send today for a routine (0 when it cannot run). */
export function dueToday(app: App, routineId: string, today: string): number {
  const counts = memoized(app, 'due', summaryInputs(app, today), () => new Map<string, number>());
  let due = counts.get(routineId);
  if (due === undefined) {
    try {
      due = app.runner.dueOn(routineId, today, false).due.length;
    } catch {
      due = 0; // e.g. its account was removed: Rotinas says so
    }
    counts.set(routineId, due);
  }
  return due;
}
