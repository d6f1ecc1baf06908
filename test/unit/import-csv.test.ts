// ERP CSV exports → rows → plan: creates, updates, idempotency, and a report a clerk can act on.
import { describe, expect, it } from 'vitest';
import { customerSchema, invoiceSchema } from '../../shared/domain';
import {
  formatRejectedLine,
  parseImportFile,
  planImport,
  rejectedLinesCsv,
  IXC_RECEIVABLES_PRESET,
} from '../../main/services/import';
import { INVOICE_HEADER, invoiceLine, invoicesCsv, store, windows1252 } from '../support/import-files';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, options: Partial<Parameters<typeof parseImportFile>[1]> = {}) =>
  parseImportFile(bytes, { fileName: 'boletos.csv', ...options });

describe('an open-boletos report (one row per invoice, customer columns beside it)', () => {
  const lines = [
    invoiceLine(1),
    invoiceLine(2),
    invoiceLine(3, { code: 'CLI1', name: 'Cliente Número 1' }),
    invoiceLine(7),
  ];

  it('reads Windows-1252 with ";" and plans customers and invoices valid under the domain', async () => {
    const parsed = await parse(windows1252(invoicesCsv(lines)));
    expect(parsed).toMatchObject({ kind: 'csv', type: 'invoices', rejected: [] });
    expect(parsed.columns).toEqual(INVOICE_HEADER);
    expect(parsed.mapping).toMatchObject({ 'Razão social': 'customerName', 'Nº documento': 'invoiceNumber' });
    expect(parsed.preview[3]).toMatchObject({ 'Razão social': 'José da Conceição 7' }); // never JosÃ©
    const s = store();
    const plan = planImport(s.snapshot(), parsed, { today: '2026-02-25' });
    expect(plan.rejected).toEqual([]);
    expect(plan.counts).toEqual({
      customers: { created: 3, updated: 0, unchanged: 0 },
      invoices: { created: 4, updated: 0, unchanged: 0 },
      paid: 0,
      alreadyPaid: 0,
    });
    expect(plan.summary).toBe('3 clientes incluídos, 4 faturas incluídas');
    for (const c of plan.customers) expect(customerSchema.safeParse(c).success).toBe(true);
    for (const i of plan.invoices) expect(invoiceSchema.safeParse(i).success).toBe(true);
    expect(plan.invoices.find((i) => i.id === 'F3')).toMatchObject({
      customerId: 'CLI1',
      billingMethodId: 'boleto',
      status: 'open',
      issueDate: '2026-02-20',
      nossoNumero: '00000100003',
      amountCents: lines[2]!.amountCents,
    });
    expect(plan.customers.find((c) => c.id === 'CLI7')).toMatchObject({
      name: 'José da Conceição 7',
      phone: '(11) 98765-4321',
    });

    s.apply(plan);
    const again = planImport(s.snapshot(), parsed);
    expect(again).toMatchObject({ customers: [], invoices: [], summary: 'nada mudou' });
    expect(again.counts).toMatchObject({ customers: { unchanged: 3 }, invoices: { unchanged: 4 } });
  });

  it('a later file updates due dates, amounts and statuses', async () => {
    const s = store();
    s.apply(planImport(s.snapshot(), await parse(windows1252(invoicesCsv(lines)))));
    const changed = [
      invoiceLine(1, { due: '2026-05-10', amountCents: 12990 }),
      invoiceLine(2, { status: 'Cancelado' }),
      lines[2]!,
    ];
    const plan = planImport(s.snapshot(), await parse(windows1252(invoicesCsv(changed))));
    expect(plan.rejected).toEqual([]);
    expect(plan.counts.invoices).toEqual({ created: 0, updated: 2, unchanged: 1 });
    expect(plan.invoices.find((i) => i.id === 'F1')).toMatchObject({
      dueDate: '2026-05-10',
      amountCents: 12990,
    });
    expect(plan.invoices.find((i) => i.id === 'F2')).toMatchObject({ status: 'cancelled' });
  });

  it('rejects each bad line whole, naming the line, the column and the value', async () => {
    const bad = [
      invoiceLine(1),
      invoiceLine(2, { email: 'maria@' }), // line 3
      invoiceLine(3, { document: '123.456.789-00', phone: 'abc' }), // line 4: two cells
      invoiceLine(4, { method: 'Carnê' }), // line 5
      invoiceLine(5, { number: 'F1' }), // line 6: repeated
      invoiceLine(6, { amountCents: 10000, line: invoiceLine(6, { amountCents: 9990 }).line }), // line 7
    ];
    // Line 2's due date is impossible.
    const due = bad[0]!.due.split('-').reverse().join('/');
    const parsed = await parse(windows1252(invoicesCsv(bad).replace(`;${due};`, ';32/13/2026;')));
    const plan = planImport(store().snapshot(), parsed, { onlyValid: true });
    expect(plan.rejected.map(formatRejectedLine)).toEqual([
      "linha 2, coluna Vencimento: '32/13/2026' não é uma data válida (use dd/mm/aaaa)",
      "linha 3, coluna E-mail: 'maria@' não é um e-mail válido",
      "linha 4, coluna CPF/CNPJ: '123.456.789-00' — CPF inválido: dígitos verificadores não conferem",
      "linha 4, coluna Celular: 'abc' — telefone inválido: use DDD e número, ex.: (11) 98765-4321",
      "linha 5, coluna Forma de cobrança: 'Carnê' — forma de cobrança desconhecida no Régua (cadastradas: Boleto Bancário, PIX)",
      'linha 6: fatura F1 repetida no arquivo (já na linha 2)',
      `linha 7, coluna Linha digitável: '${bad[5]!.line}' — linha digitável com valor R$ 99,90, diferente do valor da fatura R$ 100,00`,
    ]);
    // Every line had something wrong: even with only the valid lines asked for, the file is refused.
    expect(plan.applicable).toBe(false);
    expect(plan.invoices).toEqual([]);
    expect(plan.summary).toBe('6 linhas com erro e nenhuma válida: nada será importado (corrija o arquivo)');
  });

  it('all or nothing by default; only the valid lines when asked', async () => {
    const parsed = await parse(utf8(invoicesCsv([invoiceLine(1), invoiceLine(2, { email: 'x@' })])));
    const all = planImport(store().snapshot(), parsed);
    expect(all).toMatchObject({ applicable: false, invoices: [], customers: [] });
    expect(all.summary).toBe(
      '1 linha com erro: nada será importado (corrija o arquivo ou importe só as linhas válidas)',
    );
    const valid = planImport(store().snapshot(), parsed, { onlyValid: true });
    expect(valid.invoices.map((i) => i.id)).toEqual(['F1']);
    expect(valid.summary).toBe('1 cliente incluído, 1 fatura incluída, 1 linha com erro ignorada');
  });

  it('a missing required column is reported once, naming it', async () => {
    const header = INVOICE_HEADER.filter((h) => h !== 'Vencimento');
    const text = invoicesCsv([invoiceLine(1)]).split('\r\n');
    const parsed = await parse(
      utf8(
        [
          header.join(';'),
          text[1]!
            .split(';')
            .filter((_, i) => i !== 7)
            .join(';'),
        ].join('\n'),
      ),
    );
    expect(parsed.rejected).toEqual([
      { line: 1, column: '', value: '', message: 'falta a coluna Vencimento' },
    ]);
    expect(parsed.rows).toEqual([]);
  });

  it('the rejected-lines report opens in Excel pt-BR: ";", UTF-8 BOM', async () => {
    const parsed = await parse(utf8(invoicesCsv([invoiceLine(1, { email: 'maria@' })])));
    const csv = rejectedLinesCsv(planImport(store().snapshot(), parsed).rejected);
    expect(csv.startsWith('\uFEFF"Linha";"Coluna";"Valor";"Problema"\r\n')).toBe(true);
    expect(csv).toContain('"2";"E-mail";"maria@";"não é um e-mail válido"');
  });
});

describe('customers and payments files', () => {
  it('customers with "," and quoted fields, matched by CPF when the file has no code', async () => {
    const existing = {
      id: '42',
      name: 'Maria',
      document: '123.456.789-09',
      active: true,
      emailOptOut: false,
    };
    const s = store([existing]);
    const text = [
      'Nome,CPF,E-mail,Endereço,Número,Bairro,Cidade,UF,CEP',
      '"Maria da Silva","12345678909","maria@cliente.example","Rua das Flores, 10",10,Centro,Campinas,sp,13010-100',
      '"Souza, João",111.444.777-35,joao@cliente.example,"Av. Brasil",200,"Jardim, América",Campinas,SP,13010100',
    ].join('\n');
    const parsed = await parse(utf8(text), { fileName: 'clientes.csv' });
    expect(parsed.type).toBe('customers');
    const plan = planImport(s.snapshot(), parsed);
    expect(plan.rejected).toEqual([]);
    expect(plan.counts.customers).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(plan.customers).toEqual([
      {
        ...existing,
        name: 'Maria da Silva',
        email: 'maria@cliente.example',
        address: {
          street: 'Rua das Flores, 10',
          number: '10',
          district: 'Centro',
          city: 'Campinas',
          state: 'SP',
          zip: '13010100',
        },
      },
      expect.objectContaining({ id: '11144477735', name: 'Souza, João', document: '111.444.777-35' }),
    ]);
  });

  it('payments by nosso número mark invoices paid, once', async () => {
    const s = store();
    s.apply(planImport(s.snapshot(), await parse(utf8(invoicesCsv([invoiceLine(1), invoiceLine(2)])))));
    const text =
      'Nosso número;Data de pagamento;Valor pago\n00000100001;10/03/2026;79,90\n555;10/03/2026;10,00\n';
    const parsed = await parse(utf8(text), { fileName: 'pagos.csv' });
    expect(parsed.type).toBe('payments');
    const plan = planImport(s.snapshot(), parsed);
    expect(plan.invoices).toEqual([
      expect.objectContaining({
        id: 'F1',
        status: 'paid',
        payment: { date: '2026-03-10', amountCents: 7990, source: 'file', reference: 'pagos.csv linha 2' },
      }),
    ]);
    expect(plan.unknownNossoNumeros).toEqual([
      { line: 3, nossoNumero: '555', date: '2026-03-10', amountCents: 1000 },
    ]);
    s.apply(plan);
    expect(planImport(s.snapshot(), parsed).summary).toBe(
      'nada mudou; 1 pagamento já registrado, 1 nosso número desconhecido',
    );
  });

  it('a preset maps an ERP layout (IXCsoft fn_areceber); an explicit mapping wins', async () => {
    const c = { id: '7', name: 'Ana', active: true, emailOptOut: false };
    const line = invoiceLine(1);
    const text = [
      'id;id_cliente;documento;data_emissao;data_vencimento;valor;status;linha_digitavel;nn_boleto;obs',
      `901;7;F-901;2026-02-20;${line.due};${(line.amountCents / 100).toFixed(2)};A;${line.line};${line.nossoNumero};x`,
    ].join('\n');
    const parsed = await parse(utf8(text), {
      preset: IXC_RECEIVABLES_PRESET.id,
      mapping: { obs: 'complement' },
    });
    expect(parsed.mapping).toMatchObject({ id: 'invoiceId', id_cliente: 'customerId', obs: 'complement' });
    const plan = planImport(store([c]).snapshot(), parsed, { defaultBillingMethodId: 'boleto' });
    expect(plan.rejected).toEqual([]);
    expect(plan.invoices[0]).toMatchObject({
      id: '901',
      number: 'F-901',
      customerId: '7',
      status: 'open',
      amountCents: line.amountCents,
    });
  });
});

describe('the separator', () => {
  it('a two-column file with a blank last line is read by the ";" of its header', async () => {
    const parsed = await parse(utf8('Código do cliente;Nome\r\nC1;Maria\r\n'), { type: 'customers' });
    expect(parsed.columns).toEqual(['Código do cliente', 'Nome']);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
  });

  it('a title row with a comma above a ";" header does not decide it', async () => {
    const text =
      'Provedor X, relatório de clientes\r\nCódigo do cliente;Nome;E-mail\r\nC1;Maria;maria@x.example\r\n';
    const parsed = await parse(utf8(text), { type: 'customers' });
    expect(parsed.columns).toEqual(['Código do cliente', 'Nome', 'E-mail']);
    expect(parsed.rows).toHaveLength(1);
  });
});
