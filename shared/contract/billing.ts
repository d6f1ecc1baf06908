import { z } from 'zod';
import { sendRuleSchema, type BillingMethod } from '../domain';
import { byId, method, noInput } from './method';

export type BillingMethodView = BillingMethod & { invoiceCount: number; routineCount: number };

export const billingMethodFields = z.strictObject({
  id: z.string().trim().min(1, 'informe o identificador').max(200),
  name: z.string().trim().min(1, 'informe o nome da forma de cobrança').max(120),
  active: z.boolean().default(true),
});

export const billingContract = {
  'billingMethods.list': method<BillingMethodView[]>()(noInput),
  /** Creates or renames; rules are kept. */
  'billingMethods.save': method<BillingMethodView>()(billingMethodFields),
  'billingMethods.setActive': method<BillingMethodView>()(
    z.strictObject({ id: z.string(), active: z.boolean() }),
  ),
  /** Refused (conflict) while invoices or routines use it. */
  'billingMethods.remove': method<void>()(byId),
  /** Adds or replaces a rule by id; a duplicate (kind, days) comes back as fieldErrors["rule.days"]. */
  'rules.save': method<BillingMethodView>()(
    z.strictObject({ billingMethodId: z.string(), rule: sendRuleSchema }),
  ),
  'rules.remove': method<BillingMethodView>()(
    z.strictObject({ billingMethodId: z.string(), ruleId: z.string() }),
  ),
};
