// The preparer's own decisions, with the runner and composer replaced by small fakes: which routines
// it prepares, what it does when one cannot be planned, and how background requests are coalesced.
// (test/integration/prepared.test.ts covers the real thing end to end.)
import { describe, expect, it } from 'vitest';
import type { Routine, Settings } from '../../shared/domain';
import type { Notice } from '../../shared/notices';
import type { Composer, PrepareOptions } from '../../main/services/composer';
import { createEventBus } from '../../main/services/events';
import type { MessageCache } from '../../main/services/message-cache';
import { createPreparer, type PreparerDeps } from '../../main/services/preparer';
import type { Runner } from '../../main/services/runner';
import type { Store } from '../../main/services/store/store';
import { RunError } from '../../main/services/run-error';

const routine = (id: string): Routine =>
  ({
    id,
    description: id,
    task: 'send_email',
    active: true,
    schedule: { frequency: 'daily', time: '08:10:00' },
    runOnHolidays: true,
    catchUp: true,
    catchUpDays: 7,
    smtpAccountId: 'principal',
    billingMethodIds: [],
  }) as unknown as Routine;

const notice = (invoiceId: string) => ({ invoiceId, key: invoiceId }) as unknown as Notice;

function fakes(routines: Routine[], failing: Set<string> = new Set()) {
  const prepared: { date: string; invoices: string[] }[] = [];
  const store = {
    settings: () => ({ company: null, routines }) as unknown as Settings,
  } as unknown as Store;
  const runner = {
    async dueOn(routineId: string, date: string) {
      if (failing.has(routineId)) throw new RunError(`conta de e-mail não encontrada (rotina ${routineId})`);
      return { skipBecause: null, due: [notice(`${routineId}-1`), notice(`${routineId}-2`)], date };
    },
    busy: () => false,
    idle: async () => [],
  } as unknown as Runner;
  let gate: Promise<void> = Promise.resolve();
  const composer = {
    async prepare(notices: readonly Notice[], date: string, options: PrepareOptions = {}) {
      await gate;
      if (options.signal?.aborted) return { composed: 0, ready: 0, problems: [], aborted: true };
      prepared.push({ date, invoices: notices.map((n) => n.invoiceId) });
      return { composed: notices.length, ready: 0, problems: [], aborted: false };
    },
  } as unknown as Composer;
  const cache = { prune: async () => {} } as unknown as MessageCache;
  const deps: PreparerDeps = {
    store,
    runner,
    composer,
    cache,
    clock: { now: () => new Date('2021-03-05T10:00:00Z') },
    events: createEventBus(),
  };
  return {
    deps,
    prepared,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return release;
    },
  };
}

describe('the preparer', () => {
  it("prepares every active routine's next slot, and goes on past one that cannot be planned", async () => {
    const { deps, prepared } = fakes([routine('a'), routine('b'), routine('c')], new Set(['b']));
    const heard: string[] = [];
    const preparer = createPreparer(deps, { startDelayMs: 0 });
    preparer.start((m) => heard.push(m));
    await expect.poll(() => prepared.length).toBe(2);
    expect(prepared).toEqual([
      { date: '2021-03-05', invoices: ['a-1', 'a-2'] },
      { date: '2021-03-05', invoices: ['c-1', 'c-2'] },
    ]);
    expect(heard).toContain('preparação de b: conta de e-mail não encontrada (rotina b)');
    expect(preparer.latest('a')).toMatchObject({ date: '2021-03-05', composed: 2 });
    expect(preparer.latest('b')).toBeUndefined();
    await preparer.stop();
  });

  it('coalesces a burst of changes into one preparation, and prepares once more after one that came mid-way', async () => {
    const { deps, prepared, hold } = fakes([routine('a')]);
    const preparer = createPreparer(deps, { startDelayMs: 10_000, changeDelayMs: 20 });
    preparer.start();
    for (let i = 0; i < 5; i++) deps.events!.emit('store.changed', { area: 'records' });
    await expect.poll(() => prepared.length).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(prepared).toHaveLength(1); // the start-up request was brought forward, not added

    const release = hold();
    deps.events!.emit('run.finished', {
      routineId: 'a',
      report: {} as never,
    });
    await new Promise((r) => setTimeout(r, 50)); // now preparing, held at the gate
    deps.events!.emit('store.changed', { area: 'settings' });
    deps.events!.emit('store.changed', { area: 'deliveries' }); // what runs write: not a reason
    release();
    await expect.poll(() => prepared.length).toBe(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(prepared).toHaveLength(3);
    await preparer.stop();
  });

  it('stops at once when the program closes, and prepares nothing afterwards', async () => {
    const { deps, prepared, hold } = fakes([routine('a')]);
    const release = hold();
    const preparer = createPreparer(deps, { startDelayMs: 0, changeDelayMs: 0 });
    preparer.start();
    await new Promise((r) => setTimeout(r, 50));
    const stopped = preparer.stop();
    release();
    await stopped;
    deps.events!.emit('store.changed', { area: 'records' });
    await new Promise((r) => setTimeout(r, 50));
    expect(prepared).toEqual([]);
  });
});
