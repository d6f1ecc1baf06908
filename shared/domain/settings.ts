// The settings entities and their zod schemas: the company, SMTP accounts, layouts, billing methods
// with their rules, routines and holidays, and the settings document that holds them.
import { z } from 'zod';
import { checkTaxId } from '../br';
import { boletoSettingsSchema } from '../boleto';
import { ROW_TYPES, type SavedImportPreset } from '../import-fields';
import { logoSchema } from '../logo';
import { RULE_KIND_SPECS, RULE_KINDS, ruleLabel } from '../rule-kinds';
import {
  checkedText,
  emailAddress,
  entityId,
  folderPath,
  isoDate,
  optionalText,
  requiredText,
  time,
  UF,
  validTimeZone,
} from './fields';

/** The zone dates and run times are in when the company has not set one. */
export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

export const companySchema = z.strictObject({
  name: requiredText('o nome da empresa'),
  document: checkedText(40, checkTaxId),
  email: emailAddress.nullish(),
  phone: optionalText(40),
  timezone: z
    .string()
    .refine(validTimeZone, 'fuso horário desconhecido (ex.: America/Sao_Paulo)')
    .default(DEFAULT_TIMEZONE),
  state: z.enum(UF, { error: 'UF inválida (ex.: SP)' }).nullish(),
  city: optionalText(120),
  /** Pasta das faturas em PDF: imported invoices may point at PDFs inside it. */
  pdfFolder: folderPath.nullish(),
  /** PNG data URL (shared/logo.ts), on the generated PDF and in the e-mail header. */
  logo: logoSchema.nullish(),
});
export type Company = z.infer<typeof companySchema>;

/** The company's time zone, or the default before a company is registered. */
export const companyTimezone = (settings: { company: Company | null }): string =>
  settings.company?.timezone ?? DEFAULT_TIMEZONE;

export const smtpSecurity = z.enum(['none', 'starttls', 'tls'], {
  error: 'segurança deve ser none, starttls ou tls',
});
/** A DKIM selector: one or more DNS labels (letters, digits, hyphens), kept in lower case. */
export const dkimSelector = z
  .string({ error: 'informe o seletor DKIM' })
  .trim()
  .toLowerCase()
  .min(1, 'informe o seletor DKIM')
  .max(63, 'seletor DKIM longo demais (máximo 63 caracteres)')
  .regex(
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/,
    'seletor DKIM inválido: use letras sem acento, números e hífen (ex.: regua2026)',
  );

/**
 * DKIM signing of an account's messages, with the domain of its sender address. The public key (base64
 * of the DER SubjectPublicKeyInfo, as the DNS record's p= carries it) is kept here so the record can be
 * shown and checked anywhere; the private key lives in the secrets file and travels only as input.
 */
export const dkimSettingsSchema = z.strictObject({
  selector: dkimSelector,
  publicKey: z.string().trim().max(2000).nullish(),
  privateKey: z.string().max(20_000).nullish(),
  /** When the key was made or imported (ISO instant). */
  createdAt: z.string().max(40).nullish(),
});
export type DkimSettings = z.infer<typeof dkimSettingsSchema>;

/** The mailbox that receives the account's bounces (Caixa para retornos), read over IMAP. */
export const bounceMailboxSchema = z.strictObject({
  host: requiredText('o servidor IMAP', 255),
  port: z.number().int().min(1, 'porta inválida').max(65535, 'porta inválida').default(993),
  security: smtpSecurity.default('tls'),
  user: requiredText('o usuário da caixa de retornos', 255),
  password: z.string().max(1000).nullish(),
  folder: z.string().trim().min(1, 'informe a pasta').max(200).default('INBOX'),
});
export type BounceMailbox = z.infer<typeof bounceMailboxSchema>;

export const smtpAccountSchema = z.strictObject({
  id: entityId,
  name: optionalText(120),
  host: requiredText('o servidor SMTP', 255),
  port: z.number().int().min(1, 'porta inválida').max(65535, 'porta inválida').default(587),
  security: smtpSecurity.default('starttls'),
  user: optionalText(255),
  password: z.string().max(1000).nullish(),
  fromName: requiredText('o nome do remetente', 120),
  fromAddress: emailAddress,
  replyTo: emailAddress.nullish(),
  perMinuteLimit: z.number().int().min(1, 'limite por minuto deve ser ao menos 1').nullish(),
  allowSelfSigned: z.boolean().default(false),
  dkim: dkimSettingsSchema.nullish(),
  bounceMailbox: bounceMailboxSchema.nullish(),
});
export type SmtpAccount = z.infer<typeof smtpAccountSchema>;

export const emailLayoutSchema = z.strictObject({
  id: entityId,
  name: requiredText('o nome do layout', 120),
  subject: requiredText('o assunto', 500),
  html: requiredText('o corpo HTML', 200_000),
  /**
   * A pure reminder: it shows no way to pay, so it may go to an invoice that has none (every other
   * layout is held back with "sem meio de pagamento"). Validation refuses payment variables in it.
   */
  reminder: z.boolean().default(false),
});
export type EmailLayout = z.infer<typeof emailLayoutSchema>;

export const sendRuleSchema = z
  .strictObject({
    id: entityId,
    kind: z.enum(RULE_KINDS, {
      error: 'regra de envio deve ser before_due, on_due, after_due ou after_issue',
    }),
    days: z
      .number({ error: 'Dias para Envio deve ser um número' })
      .int('Dias para Envio deve ser um número inteiro')
      .default(0),
    layoutId: entityId,
    attachInvoice: z.boolean().default(true),
    active: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    // The allowed days come from the kind's spec: refused with the range, never changed.
    if (!Number.isInteger(rule.days)) return; // already reported by `days`
    const { minDays, maxDays, label } = RULE_KIND_SPECS[rule.kind];
    if (rule.days >= minDays && rule.days <= maxDays) return;
    ctx.addIssue({
      code: 'custom',
      path: ['days'],
      message:
        minDays === maxDays
          ? `${label} usa ${minDays} dias`
          : `Dias para Envio deve ser de ${minDays} a ${maxDays} em ${label}`,
    });
  });
export type SendRule = z.infer<typeof sendRuleSchema>;

/** The message a second rule with the same (kind, days) gets, naming the rule it collides with. */
export const duplicateRuleMessage = (existing: Pick<SendRule, 'kind' | 'days'>) =>
  `já existe a regra "${ruleLabel(existing)}" nesta forma de cobrança`;

export const importedPaymentsSchema = z.strictObject({
  staleAfterBusinessDays: z
    .number({ error: 'informe em quantos dias úteis os pagamentos ficam desatualizados' })
    .int('informe um número inteiro de dias úteis')
    .min(1, 'os pagamentos ficam desatualizados depois de ao menos 1 dia útil')
    .max(30, 'no máximo 30 dias úteis')
    .default(2),
});
export type ImportedPayments = z.infer<typeof importedPaymentsSchema>;

export const billingMethodSchema = z
  .strictObject({
    id: entityId,
    name: requiredText('o nome da forma de cobrança', 120),
    active: z.boolean().default(true),
    sendRules: z.array(sendRuleSchema).default([]),
    /** What its boletos print beyond the linha digitável (aba Boleto). */
    boleto: boletoSettingsSchema.nullish(),
    /**
     * Payments of this method come in by file (bank retorno or ERP export): when the last payments
     * import is older than this many business days, its after-due notices are held (the guard).
     */
    importedPayments: importedPaymentsSchema.nullish(),
  })
  .superRefine((method, ctx) => {
    const seen = new Map<string, SendRule>();
    const ids = new Set<string>();
    method.sendRules.forEach((rule, i) => {
      const pair = `${rule.kind}:${rule.days}`;
      const existing = seen.get(pair);
      if (existing) {
        ctx.addIssue({
          code: 'custom',
          path: ['sendRules', i, 'days'],
          message: duplicateRuleMessage(existing),
        });
      } else seen.set(pair, rule);
      if (ids.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sendRules', i, 'id'],
          message: `id de regra repetido: ${rule.id}`,
        });
      }
      ids.add(rule.id);
    });
  });
export type BillingMethod = z.infer<typeof billingMethodSchema>;

const weekday = z
  .number()
  .int()
  .min(1, 'dia da semana vai de 1 (segunda) a 7 (domingo)')
  .max(7, 'dia da semana vai de 1 (segunda) a 7 (domingo)');
const monthDay = z.number().int().min(1, 'dia do mês vai de 1 a 31').max(31, 'dia do mês vai de 1 a 31');
export const scheduleSchema = z.discriminatedUnion(
  'frequency',
  [
    z.strictObject({ frequency: z.literal('daily'), time }),
    z.strictObject({
      frequency: z.literal('weekly'),
      time,
      weekdays: z.array(weekday).min(1, 'escolha ao menos um dia da semana'),
    }),
    z.strictObject({
      frequency: z.literal('monthly'),
      time,
      monthDays: z.array(monthDay).min(1, 'escolha ao menos um dia do mês'),
    }),
  ],
  { error: 'frequência deve ser daily, weekly ou monthly' },
);
export type Schedule = z.infer<typeof scheduleSchema>;

const routineBase = {
  id: entityId,
  description: requiredText('a descrição', 200),
  active: z.boolean().default(true),
  schedule: scheduleSchema,
  runOnHolidays: z.boolean().default(false),
  catchUp: z.boolean().default(true),
  catchUpDays: z
    .number()
    .int()
    .min(1, 'recuperação mínima de 1 dia')
    .max(31, 'recuperação máxima de 31 dias')
    .default(7),
};
/** What an "Importar arquivos" routine expects in its folder: detected from each file, or one kind. */
export const IMPORT_FILE_TYPES = ['auto', ...ROW_TYPES] as const;

export const sendEmailRoutineSchema = z.strictObject({
  ...routineBase,
  task: z.literal('send_email'),
  smtpAccountId: entityId,
  billingMethodIds: z.array(entityId).default([]),
});

export const importFilesRoutineSchema = z.strictObject({
  ...routineBase,
  task: z.literal('import_files'),
  /** The watched folder (the ERP's daily export, the bank's retorno folder). */
  folder: folderPath.refine((p) => p !== '', 'informe a pasta'),
  fileType: z
    .enum(IMPORT_FILE_TYPES, { error: 'tipo de arquivo deve ser auto, customers, invoices ou payments' })
    .default('auto'),
  /** A shipped or saved preset (column mapping) for spreadsheets; null: columns guessed. */
  presetId: entityId.nullish(),
  /** Import the valid lines of a file with bad ones (and report them), instead of refusing it whole. */
  onlyValid: z.boolean().default(false),
  /** Also runs right before each run of this "Enviar Email" routine, so its sending sees the files. */
  beforeRoutineId: entityId.nullish(),
  /** Looks at the folder every minute while Régua is open, on top of the schedule. */
  watch: z.boolean().default(true),
});

// A routine carries a task; the runner dispatches on `task`. More task kinds join this union.
export const routineSchema = z.discriminatedUnion(
  'task',
  [sendEmailRoutineSchema, importFilesRoutineSchema],
  {
    error: 'tarefa deve ser send_email ou import_files',
  },
);
export type Routine = z.infer<typeof routineSchema>;
export type SendEmailRoutine = Extract<Routine, { task: 'send_email' }>;
export type ImportFilesRoutine = Extract<Routine, { task: 'import_files' }>;
export const isSendRoutine = (r: Routine): r is SendEmailRoutine => r.task === 'send_email';
export const isImportRoutine = (r: Routine): r is ImportFilesRoutine => r.task === 'import_files';

export const holidaySchema = z.strictObject({
  date: isoDate,
  name: requiredText('o nome do feriado', 120),
  yearly: z.boolean().default(false),
});
export type Holiday = z.infer<typeof holidaySchema>;

/** When a billing method's payments were last brought in, and whether staff released its held notices. */
export interface PaymentsStatus {
  /** ISO instant of the last import that carried payments (retorno, payments file). */
  lastImportAt?: string;
  lastImportFile?: string;
  /** ISO instant staff pressed "Liberar envio": counts as fresh payments from then on. */
  releasedAt?: string;
  /** Content hashes of the latest payments files: the same file imported again refreshes nothing. */
  recentFiles?: string[];
}

/** What "Carregar dados de exemplo" added, so "Remover dados de exemplo" removes exactly that. */
export interface SampleRecord {
  loadedAt: string;
  customerIds: string[];
  invoiceIds: string[];
  billingMethodIds: string[];
  routineIds: string[];
  smtpAccountIds: string[];
  /** The company the sample set (null when one existed and was kept). */
  company: Company | null;
}

/** The settings part of the store: small, rewritten on every change. */
export interface Settings {
  company: Company | null;
  smtpAccounts: SmtpAccount[];
  layouts: EmailLayout[];
  billingMethods: BillingMethod[];
  routines: Routine[];
  holidays: Holiday[];
  /** By billing method id. */
  paymentsStatus?: Record<string, PaymentsStatus>;
  /** Column mappings saved on Importar. */
  importPresets?: SavedImportPreset[];
  sampleData?: SampleRecord | null;
}
