// Which planned records differ from the stored ones: only those are written, and "nada mudou"
// is said when none do.
import type { EntityCounts } from './types';

/** Records compared without regard to key order or absent-vs-null fields. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== null && x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

export function changedRecords<T extends { id: string }>(
  planned: ReadonlyMap<string, T>,
  stored: (id: string) => T | undefined,
): { counts: EntityCounts; out: T[] } {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const out: T[] = [];
  for (const record of planned.values()) {
    const before = stored(record.id);
    if (!before) counts.created++;
    else if (canonical(before) === canonical(record)) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    out.push(record);
  }
  return { counts, out };
}
