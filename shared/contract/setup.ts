import { z } from 'zod';
import type { ImportSummary } from '../records';
import { method, noInput } from './method';

export interface SetupStatus {
  hasCompany: boolean;
  hasSmtpAccount: boolean;
  hasRule: boolean;
  hasRoutine: boolean;
  hasInvoices: boolean;
  /** Some active routine sends through the test-mode account: its e-mails are captured, none reach customers. */
  testMode: boolean;
  /** The descriptions of the active routines that send to the test mode. */
  testModeRoutines: string[];
  /** True while the guided first-start setup should be offered. */
  needsSetup: boolean;
  /** The sample data is loaded (and can be removed). */
  sampleLoaded: boolean;
}

export const setupContract = {
  'setup.status': method<SetupStatus>()(noInput),
  /** Loads a realistic sample (company, test-mode account, rules, routine, customers, invoices around today). */
  'setup.loadSample': method<ImportSummary>()(noInput),
  /**
   * Removes exactly what the sample added: its customers and invoices, and its billing method,
   * routine, test-mode account and company unless something of staff's uses or changed them.
   */
  'setup.removeSample': method<{ removed: Record<string, number>; kept: string[] }>()(noInput),
  'scheduler.status': method<{
    paused: boolean;
    running: string[];
    nextRuns: { routineId: string; at: string }[];
  }>()(noInput),
  'app.info': method<{ version: string; dataDir: string; today: string; timezone: string }>()(
    z.strictObject({}),
  ),
};
