// Plain record types that cross the process boundary: what the ledger, the run log and the
// services return, as the API hands them to the renderer.
import type { EmailLayout } from './domain';
import type { LedgerState, Notice, NoticeWindow, SkippedNotice } from './notices';
import type { SkipReason } from './reasons';
import type { RuleKind } from './rule-kinds';
import type { Channel, DeliveryMode } from './calendar';
import type { ImportKind, ImportStatus } from './import-outcome';

/** `watch`: an "Importar arquivos" routine found a new file in its folder. */
export type RunTrigger = 'schedule' | 'manual' | 'catch-up' | 'watch';

export type RunStatus = 'running' | 'completed' | 'skipped' | 'aborted' | 'interrupted';

export interface RunCounts {
  sent: number;
  failed: number;
  pending: number;
  skipped: number;
  /** Handed to the server, which did not answer: never resent by itself. */
  uncertain: number;
}

export interface RunRecord {
  id: string;
  routineId: string;
  date: string; // the run date D, YYYY-MM-DD in the company's time zone
  trigger: RunTrigger;
  status: RunStatus;
  scheduledFor?: string; // ISO timestamp of the schedule slot
  startedAt: string;
  finishedAt?: string;
  window?: NoticeWindow | null;
  counts?: RunCounts;
  skippedByReason?: Record<string, number>;
  reason?: string; // why skipped or aborted, in Portuguese
  /** "Importar arquivos" runs: each file found and what became of it. */
  files?: ImportedFile[];
}

/** One file an "Importar arquivos" run found in its folder. */
export interface ImportedFile {
  name: string;
  /** error: it could not be read or imported (left in the folder, tried again later). */
  status: ImportStatus | 'error';
  kind: ImportKind | null;
  /** The import's sentence ("30 faturas incluídas") or what went wrong. */
  summary: string;
  /** Lines refused in the file. */
  rejected: number;
  /** Where it was moved (processados/… or com-erro/…), with its report beside it. */
  movedTo: string | null;
}

/** Why a notice is where it is, beyond the skip reasons of the planner. */
export type DeliveryReasonCode =
  | SkipReason
  | 'smtp_temporary'
  | 'smtp_permanent'
  | 'smtp_unavailable'
  | 'smtp_no_answer'
  | 'document'
  | 'interrupted'
  | 'bounced';

/** A recipient a notice came back from (see main/services/bounces/). */
export interface BounceDetail {
  address: string;
  /** Enhanced status code (RFC 3463), e.g. "5.1.1". */
  status: string | null;
  /** The remote server's words: for "Detalhes", never the main text. */
  diagnostic: string | null;
  /** The address will not work again until it is changed (caixa ou domínio inexistente). */
  permanent: boolean;
}

interface DeliveryBase {
  key: string;
  status: LedgerState;
  at: string; // ISO timestamp
  invoiceId: string;
  customerId: string;
  dueDate: string;
  /** Absent: e-mail. */
  channel?: Channel;
  /** Absent: live. A test-mode delivery never stands for the real notice. */
  mode?: DeliveryMode;
  /** The SMTP account that sent it (absent on records older than this field). */
  accountId?: string;
  runId?: string;
  routineId?: string;
  to?: string[];
  messageId?: string;
  subject?: string;
  reasonCode?: DeliveryReasonCode;
  reason?: string;
  smtpResponse?: string;
  attempts?: number;
  /** On a `bounced` record: who it came back from, and why. */
  bounce?: BounceDetail[];
}

/** A notice a send rule called for. */
export interface RuleDeliveryRecord extends DeliveryBase {
  origin: 'rule';
  ruleId: string;
  kind: RuleKind;
  days: number;
  referenceDate: string;
}

/** A notice staff sent by hand ("Enviar por e-mail" in Faturas), with the layout they chose. */
export interface ManualDeliveryRecord extends DeliveryBase {
  origin: 'manual';
  layoutId: string;
}

export type DeliveryRecord = RuleDeliveryRecord | ManualDeliveryRecord;

export interface DeliveryOutcome<N = Notice> {
  notice: N;
  status: 'sent' | 'failed' | 'pending' | 'uncertain';
  detail: string;
  messageId?: string;
  /** The e-mail had been composed ahead of the run (see main/services/preparer.ts). */
  preparedAhead?: boolean;
}

export interface RunReport {
  runId: string | null;
  routineId: string;
  routineDescription: string;
  date: string;
  trigger: RunTrigger;
  dryRun: boolean;
  status: 'completed' | 'skipped' | 'aborted';
  reason: string | null;
  window: NoticeWindow | null;
  /** The account the run sends through, and whether it is the test mode (nothing reaches customers). */
  account: { id: string; label: string; testMode: boolean } | null;
  due: Notice[];
  outcomes: DeliveryOutcome[];
  skipped: SkippedNotice[];
  counts: RunCounts;
  /** "Importar arquivos" runs: the files found. */
  files?: ImportedFile[];
}

export interface LayoutEntry extends EmailLayout {
  preRegistered: boolean;
  customized: boolean;
}

export interface HolidayInfo {
  date: string;
  name: string;
  source: 'national' | 'state' | 'city' | 'custom';
}

export interface DocumentError {
  path: string;
  message: string;
}

export interface ImportSummary {
  created: Record<string, number>;
  updated: Record<string, number>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface LayoutProblem {
  field: 'subject' | 'html';
  message: string;
}

export interface ForecastDay {
  date: string;
  routines: {
    routineId: string;
    description: string;
    /** Why the routine does not run that day, or null when it does. */
    notRunning: string | null;
    due: Notice[];
    skipped: SkippedNotice[];
  }[];
}
