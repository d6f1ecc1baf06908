// Formas de cobrança and their Regras de Envio. Every write validates the whole method with the domain
// schema (so a duplicate (kind, days) is refused here exactly as on import) and replaces the settings.
import type { z } from 'zod';
import type { BillingMethodView } from '../../shared/contract/billing';
import { billingContract } from '../../shared/contract/billing';
import { billingMethodSchema, isSendRoutine, type BillingMethod, type SendRule } from '../../shared/domain';
import { stalenessOf } from '../services/payments-guard';
import type { ApiContext } from './context';
import { conflict, invalid, notFound } from './errors';
import type { DomainHandlers } from './types';

const METHOD = 'Forma de cobrança';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Issues of a validated method as form fields: the rule being saved (last in the list) → `rule.*`. */
function ruleFieldErrors(error: z.ZodError, ruleIndex: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const [head, index, ...rest] = issue.path.map(String);
    const key =
      head === 'sendRules' && Number(index) === ruleIndex && rest.length
        ? `rule.${rest.join('.')}`
        : head === 'name'
          ? 'name'
          : '_';
    out[key] ??= issue.message;
  }
  return out;
}

export function billingHandlers(ctx: ApiContext): DomainHandlers<typeof billingContract> {
  const { store, layouts } = ctx.engine;
  const methods = () => store.settings().billingMethods;

  /** How many invoices and routines use each method, counted in one pass over the invoices. */
  const usage = () => {
    const invoices = new Map<string, number>();
    for (const invoice of store.invoices())
      invoices.set(invoice.billingMethodId, (invoices.get(invoice.billingMethodId) ?? 0) + 1);
    const routines = new Map<string, number>();
    for (const routine of store.settings().routines.filter(isSendRoutine))
      for (const id of new Set(routine.billingMethodIds)) routines.set(id, (routines.get(id) ?? 0) + 1);
    return { invoices, routines };
  };

  const view = (method: BillingMethod, counts = usage()): BillingMethodView => ({
    ...method,
    sendRules: method.sendRules.map((rule) => ({
      ...rule,
      layoutName: layouts.get(rule.layoutId)?.name ?? null,
    })),
    invoiceCount: counts.invoices.get(method.id) ?? 0,
    routineCount: counts.routines.get(method.id) ?? 0,
    payments: {
      lastImportAt: store.settings().paymentsStatus?.[method.id]?.lastImportAt ?? null,
      lastImportFile: store.settings().paymentsStatus?.[method.id]?.lastImportFile ?? null,
      stale: stalenessOf(method, store.settings(), ctx.engine.holidays, ctx.engine.today())?.message ?? null,
    },
  });

  /**
   * Changes one method inside a store write: `change` gets the method as it is now (re-read under
   * the write lock) and returns the new one; the engine tells the screens.
   */
  const persist = async (
    id: string,
    change: (current: BillingMethod | undefined, all: readonly BillingMethod[]) => BillingMethod,
  ): Promise<BillingMethodView> => {
    const next = await ctx.engine.update((tx) => {
      const settings = tx.settings();
      const current = settings.billingMethods.find((m) => m.id === id);
      const method = change(current, settings.billingMethods);
      const billingMethods = current
        ? settings.billingMethods.map((m) => (m.id === id ? method : m))
        : [...settings.billingMethods, method];
      tx.setSettings({ ...settings, billingMethods });
      return method;
    });
    return view(next);
  };
  const existing = (current: BillingMethod | undefined) => {
    if (!current) throw notFound(METHOD);
    return current;
  };

  return {
    async 'billingMethods.list'() {
      const counts = usage();
      return methods().map((m) => view(m, counts));
    },

    async 'billingMethods.save'({ id, name, active, create, importedPayments }) {
      return persist(id, (current, all) => {
        if (current && create)
          throw invalid({ name: `já existe uma forma de cobrança "${current.name}" com este identificador` });
        const sameName = all.find(
          (m) => m.id !== id && m.name.localeCompare(name, 'pt-BR', { sensitivity: 'base' }) === 0,
        );
        if (sameName) throw invalid({ name: `já existe uma forma de cobrança chamada "${sameName.name}"` });
        return billingMethodSchema.parse({
          id,
          name,
          active: active ?? current?.active ?? true,
          sendRules: current?.sendRules ?? [],
          ...(current?.boleto ? { boleto: current.boleto } : {}),
          importedPayments: importedPayments === undefined ? current?.importedPayments : importedPayments,
        });
      });
    },

    async 'billingMethods.setActive'({ id, active }) {
      return persist(id, (current) => ({ ...existing(current), active }));
    },

    async 'billingMethods.releaseHeld'({ id }) {
      const at = ctx.engine.clock.now().toISOString();
      await ctx.engine.update((tx) => {
        const settings = tx.settings();
        existing(settings.billingMethods.find((m) => m.id === id));
        const status = { ...settings.paymentsStatus?.[id], releasedAt: at };
        tx.setSettings({ ...settings, paymentsStatus: { ...settings.paymentsStatus, [id]: status } });
      });
      return view(existing(methods().find((m) => m.id === id)));
    },

    async 'billingMethods.remove'({ id }) {
      await ctx.engine.update((tx) => {
        const settings = tx.settings();
        const method = existing(settings.billingMethods.find((m) => m.id === id));
        const invoiceCount = tx.invoices().filter((i) => i.billingMethodId === id).length;
        const routineCount = settings.routines.filter(
          (r) => isSendRoutine(r) && r.billingMethodIds.includes(id),
        ).length;
        if (invoiceCount || routineCount) {
          const uses = [
            invoiceCount ? plural(invoiceCount, 'fatura', 'faturas') : null,
            routineCount ? plural(routineCount, 'rotina', 'rotinas') : null,
          ].filter(Boolean);
          throw conflict(
            `A forma de cobrança "${method.name}" não pode ser removida: está em uso por ${uses.join(' e ')}. ` +
              'Desative-a para parar os envios.',
          );
        }
        tx.setSettings({ ...settings, billingMethods: settings.billingMethods.filter((m) => m.id !== id) });
      });
    },

    async 'billingMethods.saveBoleto'({ billingMethodId, boleto }) {
      return persist(billingMethodId, (current) => ({ ...existing(current), boleto }));
    },

    async 'rules.save'({ billingMethodId, rule }) {
      if (!layouts.has(rule.layoutId))
        throw invalid({ 'rule.layoutId': 'escolha um layout de e-mail que exista' });
      return persist(billingMethodId, (current) => {
        const method = existing(current);
        // Validate with the saved rule last, so a duplicate is reported on it and names the rule it
        // collides with; the stored order keeps an edited rule where it was.
        const others = method.sendRules.filter((r) => r.id !== rule.id);
        const checked = billingMethodSchema.safeParse({ ...method, sendRules: [...others, rule] });
        if (!checked.success) throw invalid(ruleFieldErrors(checked.error, others.length));
        const replaced = method.sendRules.some((r) => r.id === rule.id);
        const sendRules: SendRule[] = replaced
          ? method.sendRules.map((r) => (r.id === rule.id ? rule : r))
          : [...method.sendRules, rule];
        return { ...method, sendRules };
      });
    },

    async 'rules.remove'({ billingMethodId, ruleId }) {
      return persist(billingMethodId, (current) => {
        const method = existing(current);
        if (!method.sendRules.some((r) => r.id === ruleId)) throw notFound('Regra de envio');
        return { ...method, sendRules: method.sendRules.filter((r) => r.id !== ruleId) };
      });
    },
  };
}
