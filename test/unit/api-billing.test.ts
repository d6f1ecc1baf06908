// Formas de cobrança and Regras de Envio through the real handler map, on a real app in a temp dir.
import { beforeEach, describe, expect, it } from 'vitest';
import type { BillingMethodView } from '../../shared/contract/billing';
import { useTestApi, upsertRecords, saveSettings } from '../support/api';

const api = useTestApi();
const { call, failure } = api;
const ok = <T = BillingMethodView>(name: string, input: unknown) => api.ok<T>(name, input);

const afterDue13 = {
  id: 'r1',
  kind: 'after_due',
  days: 13,
  layoutId: 'boleto-apos-vencimento',
} as const;

async function seedUsage(methodId: string, invoices: number, routines: string[][]) {
  await upsertRecords(api.app, {
    customers: [{ id: 'c1', name: 'Maria', active: true, emailOptOut: false }],
    invoices: Array.from({ length: invoices }, (_, i) => ({
      id: `f${i}`,
      customerId: 'c1',
      billingMethodId: methodId,
      number: `N${i}`,
      issueDate: '2026-11-01',
      dueDate: '2026-11-20',
      amountCents: 9990,
      status: 'open' as const,
    })),
  });
  await saveSettings(api.app, {
    ...api.app.store.settings(),
    routines: routines.map((billingMethodIds, i) => ({
      id: `rot${i}`,
      description: `Rotina ${i}`,
      task: 'send_email' as const,
      active: true,
      schedule: { frequency: 'daily' as const, time: '08:10:00' },
      runOnHolidays: false,
      catchUp: true,
      catchUpDays: 7,
      smtpAccountId: 'principal',
      billingMethodIds,
    })),
  });
}

describe('billingMethods.save', () => {
  it('creates an active method with no rules, persists it and tells the screens', async () => {
    const saved = await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    expect(saved).toMatchObject({ id: 'boleto', name: 'Boleto Bancário', active: true, sendRules: [] });
    expect(api.app.store.settings().billingMethods).toEqual([
      { id: 'boleto', name: 'Boleto Bancário', active: true, sendRules: [] },
    ]);
    expect(api.events).toContainEqual({ name: 'store.changed', payload: { area: 'settings' } });
  });

  it('renames keeping the rules and the active state', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto', create: true });
    await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    await ok('billingMethods.setActive', { id: 'boleto', active: false });
    const renamed = await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário' });
    expect(renamed.name).toBe('Boleto Bancário');
    expect(renamed.active).toBe(false);
    expect(renamed.sendRules.map((r) => r.id)).toEqual(['r1']);
  });

  it('refuses creating a method whose id is taken, beside the name and without showing the id', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    const error = failure(
      await call('billingMethods.save', { id: 'boleto', name: 'Boleto 2', create: true }),
    );
    expect(error.code).toBe('validation');
    expect(error.fieldErrors?.name).toBe(
      'já existe uma forma de cobrança "Boleto Bancário" com este identificador',
    );
    expect(api.app.store.settings().billingMethods.map((m) => m.name)).toEqual(['Boleto Bancário']);
  });

  it('refuses a name another method already has, ignoring case and accents', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    const error = failure(
      await call('billingMethods.save', { id: 'outro', name: 'boleto bancario', create: true }),
    );
    expect(error.fieldErrors?.name).toBe('já existe uma forma de cobrança chamada "Boleto Bancário"');
  });

  it('refuses an empty name with the schema message on the name field', async () => {
    const error = failure(await call('billingMethods.save', { id: 'x', name: '  ' }));
    expect(error.fieldErrors?.name).toBe('informe o nome da forma de cobrança');
  });
});

describe('billingMethods.list', () => {
  it('counts the invoices using each method and the routines listing it explicitly', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    await ok('billingMethods.save', { id: 'pix', name: 'PIX', create: true });
    await seedUsage('boleto', 3, [['boleto', 'pix'], ['boleto'], []]);
    const list = await ok<BillingMethodView[]>('billingMethods.list', {});
    expect(list.map((m) => [m.id, m.invoiceCount, m.routineCount])).toEqual([
      ['boleto', 3, 2],
      ['pix', 0, 1],
    ]);
  });

  it("shows each rule's layout name, and null when the layout no longer exists", async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    const settings = api.app.store.settings();
    await saveSettings(api.app, {
      ...settings,
      billingMethods: settings.billingMethods.map((m) => ({
        ...m,
        sendRules: [
          ...m.sendRules,
          { ...afterDue13, id: 'r2', days: 20, layoutId: 'apagado', attachInvoice: true, active: true },
        ],
      })),
    });
    const [method] = await ok<BillingMethodView[]>('billingMethods.list', {});
    expect(method!.sendRules.map((r) => r.layoutName)).toEqual(['Boleto Bancário – Após Vencimento', null]);
  });
});

describe('billingMethods.setActive and remove', () => {
  it('deactivates and reactivates', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    expect((await ok('billingMethods.setActive', { id: 'boleto', active: false })).active).toBe(false);
    expect(api.app.store.settings().billingMethods[0]!.active).toBe(false);
    expect((await ok('billingMethods.setActive', { id: 'boleto', active: true })).active).toBe(true);
  });

  it('answers not_found for an unknown method', async () => {
    const error = failure(await call('billingMethods.setActive', { id: 'nada', active: false }));
    expect(error).toMatchObject({ code: 'not_found', message: 'Forma de cobrança não encontrado(a)' });
  });

  it('refuses removing a method invoices or routines use, saying how many', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    await seedUsage('boleto', 2, [['boleto']]);
    const error = failure(await call('billingMethods.remove', { id: 'boleto' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'A forma de cobrança "Boleto Bancário" não pode ser removida: está em uso por 2 faturas e 1 rotina. ' +
        'Desative-a para parar os envios.',
    );
    expect(api.app.store.settings().billingMethods).toHaveLength(1);
  });

  it('removes a method nothing uses', async () => {
    await ok('billingMethods.save', { id: 'pix', name: 'PIX', create: true });
    await seedUsage('boleto', 1, [[]]);
    await ok('billingMethods.remove', { id: 'pix' });
    expect(api.app.store.settings().billingMethods).toEqual([]);
  });
});

describe('rules.save', () => {
  beforeEach(async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
  });

  it('adds a rule with the schema defaults', async () => {
    const method = await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    expect(method.sendRules).toEqual([
      { ...afterDue13, attachInvoice: true, active: true, layoutName: 'Boleto Bancário – Após Vencimento' },
    ]);
    expect(api.app.store.settings().billingMethods[0]!.sendRules).toEqual([
      { ...afterDue13, attachInvoice: true, active: true },
    ]);
  });

  it('refuses a second rule with the same kind and days, beside Dias para Envio', async () => {
    await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    const error = failure(
      await call('rules.save', { billingMethodId: 'boleto', rule: { ...afterDue13, id: 'r2' } }),
    );
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({
      'rule.days': 'já existe a regra "Envio após Vencido com 13 dias" nesta forma de cobrança',
    });
    expect(api.app.store.settings().billingMethods[0]!.sendRules).toHaveLength(1);
  });

  it('names the other rule when an edit collides with a rule listed after it', async () => {
    await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    await ok('rules.save', { billingMethodId: 'boleto', rule: { ...afterDue13, id: 'r2', days: 5 } });
    const error = failure(
      await call('rules.save', { billingMethodId: 'boleto', rule: { ...afterDue13, days: 5 } }),
    );
    expect(error.fieldErrors?.['rule.days']).toBe(
      'já existe a regra "Envio após Vencido com 5 dias" nesta forma de cobrança',
    );
  });

  it('replaces a rule by id in place', async () => {
    await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    await ok('rules.save', {
      billingMethodId: 'boleto',
      rule: { id: 'r2', kind: 'before_due', days: 5, layoutId: 'boleto-antes-vencimento' },
    });
    const method = await ok('rules.save', {
      billingMethodId: 'boleto',
      rule: { ...afterDue13, days: 15, attachInvoice: false, active: false },
    });
    expect(method.sendRules.map((r) => [r.id, r.days, r.attachInvoice, r.active])).toEqual([
      ['r1', 15, false, false],
      ['r2', 5, true, true],
    ]);
  });

  it('refuses an unknown layout on the layout field', async () => {
    const error = failure(
      await call('rules.save', {
        billingMethodId: 'boleto',
        rule: { ...afterDue13, layoutId: 'nao-existe' },
      }),
    );
    expect(error.fieldErrors).toEqual({ 'rule.layoutId': 'escolha um layout de e-mail que exista' });
  });

  it('refuses days that do not fit the kind (Envio no Vencimento uses 0)', async () => {
    const error = failure(
      await call('rules.save', {
        billingMethodId: 'boleto',
        rule: { ...afterDue13, kind: 'on_due', days: 3, layoutId: 'boleto-no-vencimento' },
      }),
    );
    expect(error.fieldErrors?.['rule.days']).toBe('Envio no Vencimento usa 0 dias');
  });

  it('answers not_found for an unknown method', async () => {
    const error = failure(await call('rules.save', { billingMethodId: 'nada', rule: afterDue13 }));
    expect(error.code).toBe('not_found');
  });
});

describe('rules.remove', () => {
  it('removes the rule and leaves the others', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    await ok('rules.save', { billingMethodId: 'boleto', rule: afterDue13 });
    await ok('rules.save', { billingMethodId: 'boleto', rule: { ...afterDue13, id: 'r2', days: 20 } });
    const method = await ok('rules.remove', { billingMethodId: 'boleto', ruleId: 'r1' });
    expect(method.sendRules.map((r) => r.id)).toEqual(['r2']);
    expect(api.app.store.settings().billingMethods[0]!.sendRules.map((r) => r.id)).toEqual(['r2']);
  });

  it('answers not_found for an unknown rule', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário', create: true });
    const error = failure(await call('rules.remove', { billingMethodId: 'boleto', ruleId: 'rX' }));
    expect(error).toMatchObject({ code: 'not_found', message: 'Regra de envio não encontrado(a)' });
  });
});

describe('billingMethods.saveBoleto (aba Boleto)', () => {
  const boleto = {
    beneficiaryCode: '3381-2 / 0012345-6',
    paymentPlace: 'Pagável em qualquer banco',
    documentKind: 'DS',
    wallet: '09',
    finePercent: 2,
    monthlyInterestPercent: 1,
    instructions: 'Não receber após 60 dias.',
  };

  it('saves the settings, keeps them across a rename and clears them with null', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto', create: true });
    expect((await ok('billingMethods.saveBoleto', { billingMethodId: 'boleto', boleto })).boleto).toEqual(
      boleto,
    );
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto Bancário' });
    expect(api.app.store.settings().billingMethods[0]!.boleto).toEqual(boleto);
    await ok('billingMethods.saveBoleto', { billingMethodId: 'boleto', boleto: null });
    expect(api.app.store.settings().billingMethods[0]!.boleto).toBeNull();
  });

  it('refuses a fine over 2% and interest over 1% a month, in Portuguese, beside each field', async () => {
    await ok('billingMethods.save', { id: 'boleto', name: 'Boleto', create: true });
    const error = failure(
      await call('billingMethods.saveBoleto', {
        billingMethodId: 'boleto',
        boleto: { ...boleto, finePercent: 10, monthlyInterestPercent: -1 },
      }),
    );
    expect(error.fieldErrors).toEqual({
      'boleto.finePercent': 'Multa de no máximo 2% (limite do Código de Defesa do Consumidor)',
      'boleto.monthlyInterestPercent': 'Juros de mora não pode ser negativo',
    });
  });

  it('answers not_found for an unknown method', async () => {
    expect(failure(await call('billingMethods.saveBoleto', { billingMethodId: 'x', boleto })).code).toBe(
      'not_found',
    );
  });
});
