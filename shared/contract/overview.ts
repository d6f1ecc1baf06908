import { z } from 'zod';
import type { DocumentError, ImportSummary, RunRecord } from '../records';
import { method, noInput } from './method';

/** The next run's e-mails, composed ahead while the program was idle. */
export interface NextRunPreparation {
  /** When they were composed and checked (ISO instant). */
  at: string;
  /** E-mails ready to go. */
  ready: number;
  /** Notices that could not be composed: the run would leave them pending for the same reason. */
  problems: { invoiceId: string; invoiceNumber: string; customerName: string; message: string }[];
}

export interface DashboardSummary {
  /** Today and the zone the dates and times below are in (the company's). */
  today: string;
  timezone: string;
  /** `date` (YYYY-MM-DD) and `time` (HH:MM) are `at` in the company's time zone. */
  nextRun: {
    routineId: string;
    description: string;
    at: string;
    date: string;
    time: string;
    /** Null until the background preparation of that run has finished. */
    prepared: NextRunPreparation | null;
  } | null;
  /** The latest run of an "Enviar Email" routine. */
  lastRun: RunRecord | null;
  /** The latest run of an "Importar arquivos" routine that found files. */
  lastImport: (RunRecord & { description: string }) | null;
  /**
   * Billing methods whose imported payments are stale today or will be at the next run (the
   * freshness guard): their after-due notices are held until a retorno arrives or staff release them.
   */
  stalePayments: {
    billingMethodId: string;
    billingMethodName: string;
    /** "Os pagamentos não são atualizados desde 10/03: avisos de atraso podem ir para quem já pagou". */
    message: string;
    lastImportDate: string | null;
    /** The next run's date when it is that run that will hold (payments are still fresh today). */
    fromDate: string | null;
  }[];
  /** After-due notices held now by the freshness guard. */
  held: number;
  /** The last 30 days, oldest first. */
  sentPerDay: { date: string; sent: number; failed: number }[];
  /** The coming 30 days from the planner (notices due per day), today first. */
  forecast: { date: string; count: number }[];
  /** Real notices whose latest state is pending / failed / uncertain. */
  pending: number;
  failed: number;
  uncertain: number;
  /** Real notices that came back (read from a bounce mailbox): the address needs fixing. */
  bounced: number;
  /** Notices whose day passed while nothing ran, beyond what catch-up recovers: never sent. */
  outsideWindow: number;
  /** Notices held back because the invoice has no linha digitável, PIX or own PDF, and still has none. */
  noPaymentMeans: number;
  /** What the test-mode account captured in the last 30 days (never counted above). */
  testModeCaptured: number;
  /** Problems that did not stop the program but need someone (a backup that could not be written). */
  warnings: string[];
}

const documentInput = z.strictObject({ document: z.unknown() });

export const overviewContract = {
  'dashboard.summary': method<DashboardSummary>()(noInput),
  /** Validates a regua/v1 document and tells what it would create/update; saves nothing. */
  'import.check': method<{ errors: DocumentError[]; summary: ImportSummary | null }>()(documentInput),
  /** All or nothing: errors come back as fieldErrors keyed by JSON path. */
  'import.apply': method<ImportSummary>()(documentInput),
};
