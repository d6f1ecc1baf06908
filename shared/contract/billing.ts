import { z } from 'zod';
import { boletoSettingsSchema } from '../boleto';
import { importedPaymentsSchema, sendRuleSchema, type BillingMethod, type SendRule } from '../domain';
import { byId, method, noInput } from './method';

/** A rule as the screens show it: with its layout's name, null when that layout no longer exists. */
export type SendRuleView = SendRule & { layoutName: string | null };

export type BillingMethodView = Omit<BillingMethod, 'sendRules'> & {
  sendRules: SendRuleView[];
  /** Invoices charged with this method. */
  invoiceCount: number;
  /** Routines that list this method explicitly (an empty list means "all" and does not count). */
  routineCount: number;
  /** Payments brought in by file: when last, and why the after-due notices are held today (if they are). */
  payments: { lastImportAt: string | null; lastImportFile: string | null; stale: string | null };
};

export const billingMethodFields = z.strictObject({
  id: z.string().trim().min(1, 'informe o identificador').max(200),
  name: z.string().trim().min(1, 'informe o nome da forma de cobrança').max(120),
  /** On create, absent means active; on rename, absent keeps the current state. */
  active: z.boolean().optional(),
  /** The "Adicionar" form sets it: an id already in use is then refused instead of renaming that method. */
  create: z.boolean().default(false),
  /** The freshness guard: absent keeps it as it is, null turns it off. */
  importedPayments: importedPaymentsSchema.nullish(),
});

export const billingContract = {
  'billingMethods.list': method<BillingMethodView[]>()(noInput),
  /** Creates or renames; rules are kept. */
  'billingMethods.save': method<BillingMethodView>()(billingMethodFields),
  'billingMethods.setActive': method<BillingMethodView>()(
    z.strictObject({ id: z.string(), active: z.boolean() }),
  ),
  /** The aba Boleto: what the generated boleto prints beyond the linha digitável (null clears it). */
  'billingMethods.saveBoleto': method<BillingMethodView>()(
    z.strictObject({ billingMethodId: z.string(), boleto: boletoSettingsSchema.nullable() }),
  ),
  /** Refused (conflict) while invoices or routines use it. */
  'billingMethods.remove': method<void>()(byId),
  /** Adds or replaces a rule by id; a duplicate (kind, days) comes back as fieldErrors["rule.days"]. */
  'rules.save': method<BillingMethodView>()(
    z.strictObject({ billingMethodId: z.string(), rule: sendRuleSchema }),
  ),
  /**
   * "Liberar envio": the after-due notices held because payments are stale go out at the next run;
   * counts as fresh payments from now on (held again if no payments come in the configured days).
   */
  'billingMethods.releaseHeld': method<BillingMethodView>()(byId),
  'rules.remove': method<BillingMethodView>()(
    z.strictObject({ billingMethodId: z.string(), ruleId: z.string() }),
  ),
};
