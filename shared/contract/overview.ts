import { z } from 'zod';
import type { DocumentError, ImportSummary, RunRecord } from '../records';
import { method, noInput } from './method';

export interface DashboardSummary {
  nextRun: { routineId: string; description: string; at: string } | null;
  lastRun: RunRecord | null;
  /** The last 30 days, oldest first. */
  sentPerDay: { date: string; sent: number; failed: number }[];
  /** The coming 30 days from the planner, today first. */
  forecast: { date: string; count: number }[];
  pending: number;
  failed: number;
  uncertain: number;
}

const documentInput = z.strictObject({ document: z.unknown() });

export const overviewContract = {
  'dashboard.summary': method<DashboardSummary>()(noInput),
  /** Validates a regua/v1 document and tells what it would create/update; saves nothing. */
  'import.check': method<{ errors: DocumentError[]; summary: ImportSummary | null }>()(documentInput),
  /** All or nothing: errors come back as fieldErrors keyed by JSON path. */
  'import.apply': method<ImportSummary>()(documentInput),
};
