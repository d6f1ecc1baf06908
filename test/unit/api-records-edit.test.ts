// Clientes and Faturas by hand: Adicionar, Editar, Remover (a customer with invoices asks first),
// Marcar como paga / Reabrir, with the same validation as imports; and "Remover dados de exemplo",
// which removes exactly what the sample added.
import { describe, expect, it } from 'vitest';
import type { InvoiceView } from '../../shared/contract/records';
import type { SetupStatus } from '../../shared/contract/setup';
import { buildBankLine } from '../../shared/br';
import { offsetClock } from '../../main/services/clock';
import { useTestApi } from '../support/api';

const api = useTestApi({
  prefix: 'regua-api-edit-',
  clock: offsetClock(new Date('2026-03-20T13:00:00Z')),
});

const setUp = () =>
  api.ok('import.apply', {
    document: {
      format: 'regua/v1',
      company: { name: 'Provedor', timezone: 'America/Sao_Paulo' },
      billingMethods: [{ id: 'boleto', name: 'Boleto Bancário' }],
      customers: [{ id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' }],
      invoices: [
        {
          id: 'f1',
          customerId: 'c1',
          billingMethodId: 'boleto',
          number: '2026-0001',
          issueDate: '2026-03-01',
          dueDate: '2026-03-15',
          amountCents: 9990,
        },
      ],
    },
  });

const invoice = (over: Record<string, unknown> = {}) => ({
  id: 'f2',
  customerId: 'c1',
  billingMethodId: 'boleto',
  number: '2026-0002',
  issueDate: '2026-03-01',
  dueDate: '2026-04-15',
  amountCents: 12990,
  ...over,
});

describe('customers by hand', () => {
  it('Adicionar refuses a code in use and an invalid CPF beside its field; Editar saves', async () => {
    await setUp();
    const taken = await api.call('customers.save', { id: 'c1', name: 'Outra', create: true });
    expect(api.failure(taken).fieldErrors).toEqual({
      id: 'já existe um cliente com o código c1 (Maria da Silva)',
    });
    const badCpf = await api.call('customers.save', {
      id: 'c2',
      name: 'João',
      document: '111.111.111-11',
      create: true,
    });
    expect(api.failure(badCpf).fieldErrors?.document).toBeDefined();
    await api.ok('customers.save', {
      id: 'c2',
      name: 'João',
      document: '529.982.247-25',
      address: { street: 'Rua A', number: '10', zip: '01310-100', state: 'SP' },
      create: true,
    });
    expect(api.app.store.customer('c2')).toMatchObject({
      document: '529.982.247-25',
      address: { zip: '01310100' },
    });
  });

  it('Remover a customer with invoices says how many; with withInvoices both go', async () => {
    await setUp();
    const refused = await api.call('customers.remove', { id: 'c1' });
    expect(api.failure(refused)).toMatchObject({ code: 'conflict' });
    expect(api.failure(refused).message).toMatch(/^Maria da Silva tem 1 fatura: remova também as faturas/);
    expect(api.app.store.customer('c1')).toBeDefined();
    expect(await api.ok('customers.remove', { id: 'c1', withInvoices: true })).toEqual({
      invoicesRemoved: 1,
    });
    expect(api.app.store.customer('c1')).toBeUndefined();
    expect(api.app.store.invoice('f1')).toBeUndefined();
  });
});

describe('invoices by hand', () => {
  it('Adicionar checks like an import: the customer must exist, the linha digitável must match', async () => {
    await setUp();
    const noCustomer = await api.call('invoices.save', {
      invoice: invoice({ customerId: 'zz' }),
      create: true,
    });
    expect(api.failure(noCustomer).fieldErrors).toEqual({
      'invoice.customerId': 'escolha um cliente cadastrado',
    });
    const line = buildBankLine({
      bankCode: '237',
      dueDate: '2026-04-15',
      amountCents: 5000,
      freeField: '3381090000010000123456001',
    });
    const mismatch = await api.call('invoices.save', {
      invoice: invoice({ digitableLine: line }),
      create: true,
    });
    expect(api.failure(mismatch).fieldErrors?.['invoice.digitableLine']).toBe(
      'linha digitável com valor R$ 50,00, diferente do valor da fatura R$ 129,90',
    );
    const taken = await api.call('invoices.save', { invoice: invoice({ id: 'f1' }), create: true });
    expect(api.failure(taken).fieldErrors?.['invoice.id']).toMatch(/^já existe uma fatura/);
    await api.ok('invoices.save', { invoice: invoice(), create: true });
    await api.ok('invoices.save', { invoice: invoice({ amountCents: 13990 }) });
    expect(api.app.store.invoice('f2')?.amountCents).toBe(13990);
    await api.ok('invoices.remove', { id: 'f2' });
    expect(api.app.store.invoice('f2')).toBeUndefined();
  });

  it('Marcar como paga records the date and amount; Reabrir drops the payment', async () => {
    await setUp();
    const paid = await api.ok<InvoiceView>('invoices.markPaid', {
      id: 'f1',
      date: '2026-03-16',
      amountCents: 9990,
    });
    expect(paid).toMatchObject({
      status: 'paid',
      payment: { date: '2026-03-16', amountCents: 9990, source: 'manual' },
    });
    const early = await api.call('invoices.markPaid', { id: 'f1', date: '2026-02-01', amountCents: 9990 });
    expect(api.failure(early).fieldErrors).toEqual({
      date: 'data de pagamento anterior à emissão da fatura',
    });
    const reopened = await api.ok<InvoiceView>('invoices.setStatus', { id: 'f1', status: 'open' });
    expect(reopened.status).toBe('open');
    expect(reopened.payment).toBeNull();
  });
});

describe('Remover dados de exemplo', () => {
  it('removes exactly what the sample added, keeping what staff made and what depends on it', async () => {
    await api.ok('company.save', { name: 'Minha Empresa', timezone: 'America/Sao_Paulo' });
    await api.ok('setup.loadSample');
    expect((await api.ok<SetupStatus>('setup.status')).sampleLoaded).toBe(true);
    const sample = api.app.store.settings().sampleData!;
    expect(sample.company).toBeNull(); // the company existed: it stays
    expect(sample.customerIds).toHaveLength(25);
    expect(sample.invoiceIds).toHaveLength(60);

    // Staff's own records beside the sample: a customer with an invoice on the sample's method.
    await api.ok('customers.save', { id: 'meu', name: 'Cliente Meu', create: true });
    await api.ok('invoices.save', { invoice: invoice({ id: 'minha', customerId: 'meu' }), create: true });

    const result = await api.ok<{ removed: Record<string, number>; kept: string[] }>('setup.removeSample');
    expect(result.removed).toMatchObject({
      invoices: 60,
      customers: 25,
      routines: 1,
      smtpAccounts: 1,
      company: 0,
    });
    expect(result.kept).toEqual(['a forma de cobrança "Boleto Bancário", usada por faturas ou rotinas suas']);
    expect(api.app.store.invoices().map((i) => i.id)).toEqual(['minha']);
    expect(api.app.store.customers().map((c) => c.id)).toEqual(['meu']);
    const settings = api.app.store.settings();
    expect(settings.company?.name).toBe('Minha Empresa');
    expect(settings.routines).toEqual([]);
    expect(settings.smtpAccounts).toEqual([]);
    expect(settings.billingMethods.map((m) => m.id)).toEqual(['boleto']);
    expect((await api.ok<SetupStatus>('setup.status')).sampleLoaded).toBe(false);
    expect(api.failure(await api.call('setup.removeSample')).code).toBe('conflict');
  });

  it('on an empty store it also takes the company and the billing method the sample brought', async () => {
    await api.ok('setup.loadSample');
    const result = await api.ok<{ removed: Record<string, number>; kept: string[] }>('setup.removeSample');
    expect(result).toEqual({
      removed: { invoices: 60, customers: 25, billingMethods: 1, routines: 1, smtpAccounts: 1, company: 1 },
      kept: [],
    });
    const s = api.app.store.settings();
    expect([s.company, s.billingMethods, s.routines, s.smtpAccounts]).toEqual([null, [], [], []]);
  });
});
