// Numbered migrations of the data directory, applied in order on open (after the daily backup).
import { migration001 } from './001-initial';

export interface MigratableFiles {
  settings: object;
  customers: object;
  invoices: object;
}

export interface Migration {
  version: number;
  description: string;
  up(files: MigratableFiles): void;
}

export const MIGRATIONS: readonly Migration[] = [migration001];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies the migrations newer than `from`; returns the version reached. */
export function migrate(files: MigratableFiles, from: number): number {
  if (from > SCHEMA_VERSION)
    throw new Error(
      `os dados foram gravados por uma versão mais nova do Régua (esquema ${from}; esta versão conhece até ${SCHEMA_VERSION})`,
    );
  for (const m of MIGRATIONS) if (m.version > from) m.up(files);
  return SCHEMA_VERSION;
}
