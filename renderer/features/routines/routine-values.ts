// The routine form holds the fields of every task at once (switching "Tarefa" keeps what was typed);
// what is saved is only the chosen task's fields, as the schema wants them.
import type { z } from 'zod';
import type { RoutineOptions, RoutineView } from '../../../shared/contract/routines';
import type { importFilesRoutineSchema, sendEmailRoutineSchema } from '../../../shared/domain';

type SendInput = z.input<typeof sendEmailRoutineSchema>;
type ImportInput = z.input<typeof importFilesRoutineSchema>;
type Common = Omit<SendInput, 'task' | 'smtpAccountId' | 'billingMethodIds'>;

export type RoutineInput = Common & {
  task: 'send_email' | 'import_files';
  smtpAccountId: string;
  billingMethodIds: string[];
  folder: string;
  fileType: NonNullable<ImportInput['fileType']>;
  presetId: string | null;
  onlyValid: boolean;
  beforeRoutineId: string | null;
  watch: boolean;
};

const SEND_ONLY = ['smtpAccountId', 'billingMethodIds'] as const;
const IMPORT_ONLY = ['folder', 'fileType', 'presetId', 'onlyValid', 'beforeRoutineId', 'watch'] as const;

export function initialValues(
  routine: RoutineView | null,
  options: RoutineOptions | undefined,
): RoutineInput {
  const defaults: RoutineInput = {
    id: '',
    description: '',
    task: 'send_email',
    active: true,
    schedule: { frequency: 'daily', time: '08:00:00' },
    runOnHolidays: false,
    catchUp: true,
    catchUpDays: 7,
    smtpAccountId: options?.smtpAccounts[0]?.id ?? '',
    billingMethodIds: [],
    folder: '',
    fileType: 'auto',
    presetId: null,
    onlyValid: false,
    beforeRoutineId: null,
    watch: true,
  };
  if (!routine) return defaults;
  const { nextRunAt: _n, lastRun: _l, running: _r, account: _a, ...stored } = routine;
  return { ...defaults, ...stored } as RoutineInput;
}

/** The values of the chosen task only (the schema is strict). */
export function forTask(values: RoutineInput): Record<string, unknown> {
  const drop: readonly string[] = values.task === 'send_email' ? IMPORT_ONLY : SEND_ONLY;
  return Object.fromEntries(Object.entries(values).filter(([k]) => !drop.includes(k)));
}
