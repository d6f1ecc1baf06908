// Formas de cobrança and their Regras de Envio. Every write validates the whole method with the domain
// schema (so a duplicate (kind, days) is refused here exactly as on import) and replaces the settings.
import type { z } from 'zod';
import type { BillingMethodView } from '../../shared/contract/billing';
import { billingContract } from '../../shared/contract/billing';
import { billingMethodSchema, type BillingMethod, type SendRule } from '../../shared/domain';
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
  const { store, layouts } = ctx.app;
  const methods = () => store.settings().billingMethods;

  const find = (id: string): BillingMethod => {
    const found = methods().find((m) => m.id === id);
    if (!found) throw notFound(METHOD);
    return found;
  };

  /** How many invoices and routines use each method, counted in one pass over the invoices. */
  const usage = () => {
    const invoices = new Map<string, number>();
    for (const invoice of store.invoices())
      invoices.set(invoice.billingMethodId, (invoices.get(invoice.billingMethodId) ?? 0) + 1);
    const routines = new Map<string, number>();
    for (const routine of store.settings().routines)
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
  });

  /** Replaces (or appends) one method in the settings and tells the screens. */
  const persist = async (next: BillingMethod): Promise<BillingMethodView> => {
    const settings = store.settings();
    const exists = settings.billingMethods.some((m) => m.id === next.id);
    const billingMethods = exists
      ? settings.billingMethods.map((m) => (m.id === next.id ? next : m))
      : [...settings.billingMethods, next];
    await store.saveSettings({ ...settings, billingMethods });
    ctx.events.emit('store.changed', { area: 'settings' });
    return view(next);
  };

  return {
    async 'billingMethods.list'() {
      const counts = usage();
      return methods().map((m) => view(m, counts));
    },

    async 'billingMethods.save'({ id, name, active, create }) {
      const current = methods().find((m) => m.id === id);
      if (current && create)
        throw invalid({
          id: `já existe uma forma de cobrança com o identificador "${id}" (${current.name})`,
        });
      const sameName = methods().find(
        (m) => m.id !== id && m.name.localeCompare(name, 'pt-BR', { sensitivity: 'base' }) === 0,
      );
      if (sameName) throw invalid({ name: `já existe uma forma de cobrança chamada "${sameName.name}"` });
      const next = billingMethodSchema.parse({
        id,
        name,
        active: active ?? current?.active ?? true,
        sendRules: current?.sendRules ?? [],
      });
      return persist(next);
    },

    async 'billingMethods.setActive'({ id, active }) {
      return persist({ ...find(id), active });
    },

    async 'billingMethods.remove'({ id }) {
      const method = find(id);
      const counts = usage();
      const invoiceCount = counts.invoices.get(id) ?? 0;
      const routineCount = counts.routines.get(id) ?? 0;
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
      const settings = store.settings();
      await store.saveSettings({
        ...settings,
        billingMethods: settings.billingMethods.filter((m) => m.id !== id),
      });
      ctx.events.emit('store.changed', { area: 'settings' });
    },

    async 'rules.save'({ billingMethodId, rule }) {
      const method = find(billingMethodId);
      if (!layouts.has(rule.layoutId))
        throw invalid({ 'rule.layoutId': `layout de e-mail não encontrado: ${rule.layoutId}` });
      // Validate with the saved rule last, so a duplicate is reported on it and names the rule it
      // collides with; the stored order keeps an edited rule where it was.
      const others = method.sendRules.filter((r) => r.id !== rule.id);
      const checked = billingMethodSchema.safeParse({ ...method, sendRules: [...others, rule] });
      if (!checked.success) throw invalid(ruleFieldErrors(checked.error, others.length));
      const replaced = method.sendRules.some((r) => r.id === rule.id);
      const sendRules: SendRule[] = replaced
        ? method.sendRules.map((r) => (r.id === rule.id ? rule : r))
        : [...method.sendRules, rule];
      return persist({ ...method, sendRules });
    },

    async 'rules.remove'({ billingMethodId, ruleId }) {
      const method = find(billingMethodId);
      if (!method.sendRules.some((r) => r.id === ruleId)) throw notFound('Regra de envio');
      return persist({ ...method, sendRules: method.sendRules.filter((r) => r.id !== ruleId) });
    },
  };
}
