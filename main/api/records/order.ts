// The order lists are shown in, computed once per change rather than per request: sorting 100k
// invoices on every keystroke would be the slowest part of a search. Positions index the store's own
// array (upserts replace in place or append), so rows are always read fresh.
import type { ApiEvents } from '../../../shared/api';
import type { EventBus } from '../../services/events';

export interface Ordering {
  /** Positions into `list`, in display order. */
  positions(): Uint32Array;
}

export function cachedOrdering<T>(
  source: () => readonly T[],
  compare: (a: T, b: T) => number,
  events: EventBus,
): Ordering {
  let positions: Uint32Array | null = null;
  let seen: readonly T[] | null = null;
  let seenLength = -1;
  // An edit may change a sort key (a renegotiated due date) without changing the array.
  events.subscribe((e) => {
    if (e.name === 'store.changed' && (e.payload as ApiEvents['store.changed']).area === 'records')
      positions = null;
  });
  return {
    positions() {
      const list = source();
      if (!positions || seen !== list || seenLength !== list.length) {
        const next = new Uint32Array(list.length);
        for (let i = 0; i < next.length; i++) next[i] = i;
        next.sort((a, b) => compare(list[a]!, list[b]!) || b - a);
        positions = next;
        seen = list;
        seenLength = list.length;
      }
      return positions;
    },
  };
}
