// The contract between the screens and the main process, declared once: method name → zod input
// schema → result type, plus the events main pushes. Electron IPC and HTTP both carry it; inputs are
// validated in main with these same schemas; results travel as an ApiResult envelope.
import type { z } from 'zod';
import { billingContract } from './contract/billing';
import { companyContract } from './contract/company';
import { deliverabilityContract } from './contract/deliverability';
import { desktopContract } from './contract/desktop';
import { importsContract } from './contract/imports';
import { layoutsContract } from './contract/layouts';
import { mailContract } from './contract/mail';
import { overviewContract } from './contract/overview';
import { recordsContract } from './contract/records';
import { routinesContract } from './contract/routines';
import { setupContract } from './contract/setup';
import type { RunCounts, RunReport } from './records';

export const contract = {
  ...setupContract,
  ...companyContract,
  ...mailContract,
  ...deliverabilityContract,
  ...layoutsContract,
  ...billingContract,
  ...routinesContract,
  ...recordsContract,
  ...overviewContract,
  ...importsContract,
  ...desktopContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends (before defaults). */
export type Input<K extends MethodName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type Output<K extends MethodName> = Contract[K] extends { output?: infer O }
  ? Exclude<O, undefined>
  : never;

export type Handlers = { [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> };

export type ApiErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'unavailable'
  /** The disk or the data folder refused (full, read-only) or a data file is corrupt: nothing was saved half-way. */
  | 'storage'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  /** For people, in Portuguese. */
  message: string;
  /** Form field path (dot-joined, e.g. "rule.days") → message, so it lands beside the right field. */
  fieldErrors?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** Events the main process pushes to every open screen. */
export interface ApiEvents {
  'run.started': { routineId: string; runId: string | null; total: number; trigger: string };
  'run.progress': { routineId: string; done: number; total: number; counts: RunCounts };
  'run.finished': { routineId: string; report: RunReport };
  'store.changed': { area: 'settings' | 'records' | 'deliveries' };
  'inbox.received': { id: string };
  /** The e-mails of a routine's next run were composed ahead (see main/services/preparer.ts). */
  'preparation.finished': { routineId: string; date: string };
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = [
  'run.started',
  'run.progress',
  'run.finished',
  'store.changed',
  'inbox.received',
  'preparation.finished',
];
/** One pushed event: a union discriminated by `name`. */
export type ApiEvent = { [K in EventName]: { name: K; payload: ApiEvents[K] } }[EventName];
