import { z } from 'zod';
import { isoDate, routineSchema, type Routine } from '../domain';
import type { RunRecord, RunReport } from '../records';
import { byId, method, noInput } from './method';

export type RoutineView = Routine & { nextRunAt: string | null; lastRun: RunRecord | null; running: boolean };

export const routinesContract = {
  'routines.list': method<RoutineView[]>()(noInput),
  'routines.save': method<RoutineView>()(routineSchema),
  'routines.remove': method<void>()(byId),
  /** Every notice that would go out on `date` and every invoice left out with its reason; nothing is sent. */
  'routines.simulate': method<RunReport & { calendarNote: string | null }>()(
    z.strictObject({ routineId: z.string(), date: isoDate }),
  ),
  /** Runs now for today, ignoring schedule and holidays; progress arrives as run.* events. */
  'routines.runNow': method<RunReport>()(z.strictObject({ routineId: z.string() })),
  'runs.list': method<RunRecord[]>()(
    z.strictObject({ routineId: z.string().nullish(), limit: z.number().int().min(1).max(500).default(50) }),
  ),
};
