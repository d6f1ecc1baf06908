import { z } from 'zod';
import { isoDate, routineSchema, type Routine } from '../domain';
import type { RunRecord, RunReport } from '../records';
import { byId, method, noInput } from './method';

export type RoutineView = Routine & {
  nextRunAt: string | null;
  lastRun: RunRecord | null;
  running: boolean;
  /** The account its e-mails go out through, as staff name it; `testMode`: captured, none reach customers. */
  account: { label: string; testMode: boolean } | null;
};

/** What a routine may refer to, as its form offers it (the same sets routines.save checks against). */
export interface RoutineOptions {
  /** Today in the company's time zone (the default date to simulate). */
  today: string;
  timezone: string;
  smtpAccounts: { id: string; label: string }[];
  billingMethods: { id: string; name: string; active: boolean }[];
}

/** The invoice and customer behind a notice, so a report reads like the ERP's lists. */
export interface InvoiceSummary {
  number: string;
  customerName: string;
  amountCents: number;
  dueDate: string;
}

export type RoutineSimulation = RunReport & {
  /** Why the schedule itself would not run that day (not a scheduled day, a holiday), or null. */
  calendarNote: string | null;
  /** By invoice id, every invoice that appears in `due` or `skipped`. */
  invoices: Record<string, InvoiceSummary>;
};

export type RoutineRun = RunReport & {
  /** By invoice id, every invoice whose notice failed or stayed pending. */
  invoices: Record<string, InvoiceSummary>;
};

export const routinesContract = {
  'routines.list': method<RoutineView[]>()(noInput),
  'routines.options': method<RoutineOptions>()(noInput),
  /** Creates or replaces by id; an unknown account or billing method comes back as fieldErrors. */
  'routines.save': method<RoutineView>()(routineSchema),
  /** Refused (conflict) while the routine runs. */
  'routines.remove': method<void>()(byId),
  /** Every notice that would go out on `date` and every invoice left out with its reason; nothing is sent. */
  'routines.simulate': method<RoutineSimulation>()(z.strictObject({ routineId: z.string(), date: isoDate })),
  /** Runs now for today, ignoring schedule and holidays; progress arrives as run.* events. */
  /** Runs now for `date` (default today), ignoring schedule and holidays; progress arrives as run.* events. */
  'routines.runNow': method<RoutineRun>()(z.strictObject({ routineId: z.string(), date: isoDate.nullish() })),
  /** Newest first. */
  'runs.list': method<RunRecord[]>()(
    z.strictObject({ routineId: z.string().nullish(), limit: z.number().int().min(1).max(500).default(50) }),
  ),
};
