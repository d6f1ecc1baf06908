// Bank retornos written from the CNAB layouts' specifications (test/support/cnab-writer.ts) mark
// the right invoices paid; other occurrences are listed, unknown nossos números reported.
import { describe, expect, it } from 'vitest';
import type { Customer, Invoice } from '../../shared/domain';
import { parseImportFile, planImport, snapshotOf, type PlannedImport } from '../../main/services/import';
import { cnab240Retorno, cnab400Retorno, type RetornoTitle } from '../support/cnab-writer';

const customer: Customer = { id: 'c1', name: 'Maria da Silva', active: true, emailOptOut: false };
const invoice = (id: string, nossoNumero: string, over: Partial<Invoice> = {}): Invoice => ({
  id,
  customerId: 'c1',
  billingMethodId: 'boleto',
  number: id,
  issueDate: '2026-03-01',
  dueDate: '2026-03-15',
  amountCents: 9990,
  status: 'open',
  nossoNumero,
  ...over,
});
const invoices = [
  invoice('f1', '00000504201'),
  invoice('f2', '00000504202'),
  invoice('f4', '00000504204', {
    status: 'paid',
    payment: { date: '2026-03-10', amountCents: 9990, source: 'manual', reference: null },
  }),
];
const snapshot = (list: Invoice[] = invoices) =>
  snapshotOf({ customers: [customer], invoices: list, billingMethods: [{ id: 'boleto', name: 'Boleto' }] });

const title = (nossoNumero: string, code: string, paidCents = 0): RetornoTitle => ({
  nossoNumero,
  code,
  dueDate: '2026-03-15',
  amountCents: 9990,
  paidCents,
  date: '2026-03-16',
  creditDate: '2026-03-17',
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** The stored invoices after applying a plan (upsert by id). */
function applied(list: Invoice[], plan: PlannedImport): Invoice[] {
  const byId = new Map(list.map((i) => [i.id, i]));
  for (const i of plan.invoices) byId.set(i.id, i);
  return [...byId.values()];
}

async function expectRetorno(
  text: string,
  fileName: string,
  kind: string,
  bank: string,
  nn: (n: string) => string,
) {
  const parsed = await parseImportFile(bytes(text), { fileName });
  expect(parsed).toMatchObject({ kind, type: 'payments', bank: { code: bank } });
  const plan = planImport(snapshot(), parsed);
  expect(plan.rejected).toEqual([]);
  expect(plan.counts).toEqual({
    customers: { created: 0, updated: 0, unchanged: 0 },
    invoices: { created: 0, updated: 1, unchanged: 0 },
    paid: 1,
    alreadyPaid: 1,
  });
  expect(plan.invoices).toHaveLength(1);
  expect(plan.invoices[0]).toMatchObject({
    id: 'f1',
    status: 'paid',
    payment: {
      date: '2026-03-16',
      amountCents: 10150,
      source: 'retorno',
      reference: expect.stringContaining(fileName),
    },
  });
  expect(plan.unknownNossoNumeros).toEqual([
    { line: expect.any(Number), nossoNumero: nn('999999'), date: '2026-03-16', amountCents: 9990 },
  ]);
  expect(plan.occurrences).toEqual([
    {
      line: expect.any(Number),
      nossoNumero: nn('504202'),
      code: '02',
      description: expect.stringMatching(/^Entrada confirmada|^Confirmação de entrada/),
      date: '2026-03-16',
    },
  ]);
  expect(plan.summary).toBe(
    '1 fatura marcada como paga, 1 pagamento já registrado, 1 nosso número desconhecido',
  );

  // The same file again, against the result of applying it: nothing changes, and it says so.
  const again = planImport(snapshot(applied(invoices, plan)), parsed);
  expect(again.invoices).toEqual([]);
  expect(again.counts).toMatchObject({ paid: 0, alreadyPaid: 2 });
  expect(again.summary).toBe('nada mudou; 2 pagamentos já registrados, 1 nosso número desconhecido');
}

/** `after`: a second liquidation code of the bank's table, for an invoice already paid. */
const titles = (nn: (n: string) => string, after = '17') => [
  title(nn('504201'), '06', 10150), // paid with interest
  title(nn('504202'), '02'), // entrada confirmada: listed, not applied
  title(nn('999999'), '06', 9990), // not in Régua
  title(nn('504204'), after, 9990), // already paid
];

describe('CNAB 240 retorno (FEBRABAN)', () => {
  it('marks liquidations (06, 17) paid with the payment date and amount from segment U', async () => {
    const nn = (n: string) => n.padStart(11, '0');
    await expectRetorno(cnab240Retorno('756', titles(nn)), 'SICOOB0316.RET', 'cnab240', '756', nn);
  });

  it('a remessa is refused as a whole', async () => {
    const remessa = cnab240Retorno('104', []).replace(/^(.{142})2/, '$11');
    const parsed = await parseImportFile(bytes(remessa), { fileName: 'REM.txt' });
    expect(parsed.rejected).toEqual([
      { line: 1, column: '', value: '', message: 'este arquivo CNAB 240 não é um retorno (é uma remessa?)' },
    ]);
  });
});

describe('CNAB 400 retorno', () => {
  it('Bradesco: nosso número with its check digit (71–82) still finds the invoice', async () => {
    const nn = (n: string) => `${n.padStart(11, '0')}7`; // 11 digits + DV, as Bradesco prints it
    await expectRetorno(cnab400Retorno('237', titles(nn)), 'CB160301.RET', 'cnab400', '237', nn);
  });

  it('Itaú: nosso número of 8 digits (63–70)', async () => {
    const nn = (n: string) => n.padStart(8, '0');
    await expectRetorno(cnab400Retorno('341', titles(nn, '08')), 'ITAU.RET', 'cnab400', '341', nn);
  });

  it('Banco do Brasil: detail type 7, nosso número of 17 (64–80)', async () => {
    const nn = (n: string) => `1234567${n.padStart(10, '0')}`;
    const list = invoices.map((i) => ({ ...i, nossoNumero: `1234567${i.nossoNumero!.slice(1)}` }));
    const parsed = await parseImportFile(bytes(cnab400Retorno('001', titles(nn, '15'))), {
      fileName: 'BB.RET',
    });
    const plan = planImport(snapshot(list), parsed);
    expect(plan.counts).toMatchObject({ paid: 1, alreadyPaid: 1 });
    expect(plan.invoices[0]).toMatchObject({ id: 'f1', payment: { date: '2026-03-16', amountCents: 10150 } });
    expect(plan.occurrences[0]).toMatchObject({
      code: '02',
      description: 'Confirmação de entrada de título',
    });
  });

  it('a bank whose 400 layout is not documented is refused with a way out', async () => {
    const text = cnab400Retorno('237', []).replace(/^(.{76})237BRADESCO {6}/, '$1104CAIXA         ');
    const parsed = await parseImportFile(bytes(text), { fileName: 'CX.RET' });
    expect(parsed.rejected[0]!.message).toMatch(/banco 104.*CNAB 240/);
  });
});
