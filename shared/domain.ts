// Entities and their zod schemas: the one source of truth for import, the API and the forms.
// Messages are in Portuguese because they reach office staff as they are.
import { z } from 'zod';
import { UFS } from './br/address';
import { RULE_KIND_SPECS, RULE_KINDS, ruleLabel, type RuleKind } from './rule-kinds';
import { parseEmailList } from './email-list';
import { formatDateBR, formatMoneyBR, isCalendarDate } from './calendar';
import {
  checkCep,
  checkPhone,
  checkTaxId,
  dueDateOfFactor,
  parseDigitableLine as parseLine,
  parsePixCode as parsePix,
  type Checked,
} from './br';
import { boletoSettingsSchema } from './boleto';
import { logoSchema } from './logo';
import { ROW_TYPES, type SavedImportPreset } from './import-fields';

z.config(z.locales.pt());

export { RULE_KINDS, type RuleKind };

export const isoDate = z.iso.date({ error: 'data inválida (use AAAA-MM-DD, uma data que exista)' });
export const entityId = z
  .string({ error: 'informe o identificador' })
  .trim()
  .min(1, 'informe o identificador')
  .max(200, 'identificador longo demais (máximo 200 caracteres)');
const requiredText = (what: string, max = 300) =>
  z
    .string({ error: `informe ${what}` })
    .trim()
    .min(1, `informe ${what}`)
    .max(max, `${what} longo demais (máximo ${max} caracteres)`);
const optionalText = (max = 300) => z.string().trim().max(max).nullish();
export const emailAddress = z.email({ error: 'e-mail inválido' });
const time = z
  .string({ error: 'informe o horário' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'horário inválido (use HH:MM:SS)');

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** The 27 federative units, as company and address fields accept them. */
export const UF = UFS;

/** Optional text that, when filled, must pass a Brazilian check (CPF/CNPJ, phone…); the check says why not. */
const checkedText = (max: number, check: (value: string) => Checked<unknown>) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, ctx) => {
      const result = value === '' ? null : check(value);
      if (result && !result.ok) ctx.addIssue({ code: 'custom', message: result.error });
    })
    .nullish();

const isAbsolutePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
/** A folder's full path (Linux/macOS, Windows drive or network share); empty means "not informed". */
const folderPath = z
  .string()
  .trim()
  .max(1000)
  .refine(
    (p) => p === '' || isAbsolutePath(p),
    'informe o caminho completo da pasta (ex.: /home/financeiro/boletos)',
  );

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

const emailListField = z
  .string()
  .trim()
  .max(1000)
  .superRefine((value, ctx) => {
    const { invalid } = parseEmailList(value);
    for (const address of invalid) ctx.addIssue({ code: 'custom', message: `e-mail inválido: ${address}` });
  })
  .nullish();

/** Remembers the last answer: the field check and the invoice-level comparison parse the same code. */
function rememberLast<T>(parse: (input: string) => T): (input: string) => T {
  let lastInput: string | undefined;
  let lastResult: T;
  return (input) => {
    if (input !== lastInput) [lastInput, lastResult] = [input, parse(input)];
    return lastResult;
  };
}
const parseDigitableLine = rememberLast((input: string) => parseLine(input));
const parsePixCode = rememberLast(parsePix);

/** A text field checked by one of shared/br's validators; empty means "not informed". */

export const addressSchema = z.strictObject({
  street: optionalText(200),
  number: optionalText(20),
  complement: optionalText(120),
  district: optionalText(120),
  city: optionalText(120),
  state: z.enum(UF, { error: 'UF inválida (ex.: SP)' }).nullish(),
  /** CEP, stored as 8 digits. */
  zip: checkedText(9, checkCep).transform((zip) => (zip ? zip.replace(/\D/g, '') : zip)),
});
export type Address = z.infer<typeof addressSchema>;

function bouncedEmailSchema() {
  return z.strictObject({
    address: z.string().trim().min(1).max(320),
    /** For a clerk: "o e-mail maria@… não existe (caixa postal inexistente)". */
    reason: z.string().max(500),
    /** When the bounce was read (ISO instant). */
    at: z.string().max(40),
  });
}
export type BouncedEmail = z.infer<ReturnType<typeof bouncedEmailSchema>>;

export const customerSchema = z.strictObject({
  /** The ERP's customer code. */
  id: entityId,
  name: requiredText('o nome do cliente', 200),
  document: checkedText(40, checkTaxId),
  email: emailListField,
  phone: checkedText(40, checkPhone),
  address: addressSchema.nullish(),
  active: z.boolean().default(true),
  emailOptOut: z.boolean().default(false),
  /**
   * Addresses a notice bounced from for good (caixa inexistente): no notice goes to them until the
   * address is edited. Kept by the bounce reader; saving the customer keeps the marks of the
   * addresses still in `email` and can only remove marks, never add them.
   */
  bouncedEmails: z.array(bouncedEmailSchema()).nullish(),
});
export type Customer = z.infer<typeof customerSchema>;

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export const PAYMENT_SOURCES = ['retorno', 'file', 'manual'] as const;

/** How an invoice was paid: from a bank retorno file, an ERP file, or typed by staff. */
export const paymentSchema = z.strictObject({
  date: isoDate,
  amountCents: z
    .number({ error: 'valor pago deve ser um número inteiro de centavos' })
    .int('valor pago deve ser um número inteiro de centavos')
    .min(0, 'valor pago não pode ser negativo'),
  source: z.enum(PAYMENT_SOURCES, { error: 'origem do pagamento deve ser retorno, file ou manual' }),
  /** Where it came from, e.g. the retorno file name and line. */
  reference: optionalText(300),
});
export type Payment = z.infer<typeof paymentSchema>;
export const invoiceSchema = z
  .strictObject({
    id: entityId,
    customerId: entityId,
    billingMethodId: entityId,
    number: requiredText('o número da fatura', 60),
    issueDate: isoDate,
    dueDate: isoDate,
    amountCents: z
      .number({ error: 'valor (amountCents) deve ser um número inteiro de centavos' })
      .int('valor (amountCents) deve ser um número inteiro de centavos')
      .min(0, 'valor não pode ser negativo')
      .max(100_000_000_00, 'valor alto demais'),
    status: z.enum(INVOICE_STATUSES, { error: 'situação deve ser open, paid ou cancelled' }).default('open'),
    digitableLine: checkedText(80, parseDigitableLine),
    pixCode: checkedText(1000, parsePixCode),
    pdfPath: z.string().trim().max(1000).nullish(),
    /** The bank's number for the boleto, as the retorno files name it. */
    nossoNumero: optionalText(40),
    payment: paymentSchema.nullish(),
  })
  .superRefine((inv, ctx) => {
    // Compare only two real dates; a malformed one already has its own message.
    if (isCalendarDate(inv.issueDate) && isCalendarDate(inv.dueDate) && inv.dueDate < inv.issueDate)
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'vencimento anterior à emissão' });
    for (const issue of paymentCodeMismatches(inv)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** What the boleto and the PIX code say against the invoice's own amount and due date. */
function paymentCodeMismatches(inv: {
  amountCents: number;
  dueDate: string;
  digitableLine?: string | null;
  pixCode?: string | null;
}): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  const amountKnown = Number.isInteger(inv.amountCents);
  const line = inv.digitableLine ? parseDigitableLine(inv.digitableLine.trim()) : null;
  if (line?.ok) {
    const { amountCents, dueFactor } = line.value;
    // A factor names two dates 9,000 days apart: compare with the one nearest the invoice's.
    const dueDate = dueFactor === null ? null : dueDateOfFactor(dueFactor, inv.dueDate);
    if (amountKnown && amountCents !== null && amountCents !== inv.amountCents)
      out.push({
        path: ['digitableLine'],
        message: `linha digitável com valor ${formatMoneyBR(amountCents)}, diferente do valor da fatura ${formatMoneyBR(inv.amountCents)}`,
      });
    if (isCalendarDate(inv.dueDate) && dueDate !== null && dueDate !== inv.dueDate)
      out.push({
        path: ['digitableLine'],
        message: `linha digitável com vencimento ${formatDateBR(dueDate)}, diferente do vencimento da fatura ${formatDateBR(inv.dueDate)}`,
      });
  }
  const pix = inv.pixCode ? parsePixCode(inv.pixCode.trim()) : null;
  if (pix?.ok && amountKnown && pix.value.amountCents !== null && pix.value.amountCents !== inv.amountCents)
    out.push({
      path: ['pixCode'],
      message: `PIX copia e cola com valor ${formatMoneyBR(pix.value.amountCents)}, diferente do valor da fatura ${formatMoneyBR(inv.amountCents)}`,
    });
  return out;
}
export type Invoice = z.infer<typeof invoiceSchema>;

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
