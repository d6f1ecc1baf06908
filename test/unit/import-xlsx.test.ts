// An XLSX written the way a spreadsheet program writes one: a merged title above the header, a
// merged header cell, dates as Excel serial numbers (with and without a date format), numbers as
// numbers, a CPF that lost its leading zero.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseImportFile, planImport } from '../../main/services/import';
import { invoiceLine, store } from '../support/import-files';

const serial = (iso: string) =>
  (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000;

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Clientes');
  ws.getCell('A1').value = 'Provedor Exemplo — clientes e boletos em aberto';
  ws.mergeCells('A1:I1');
  ws.getCell('A2').value = 'Gerado em 20/02/2026';
  ws.addRow([]);
  // Row 4: the header; "Cliente" is merged over B4:C4 and names column B.
  ws.getRow(4).values = [
    'Código',
    'Cliente',
    null,
    'CPF/CNPJ',
    'E-mail',
    'Telefone',
    'Vencimento',
    'Emissão',
    'Valor',
    'Linha digitável',
    'Nº documento',
  ];
  ws.mergeCells('B4:C4');
  const one = invoiceLine(1, { due: '2026-03-10', amountCents: 9990 });
  const two = invoiceLine(2, { due: '2026-04-10', amountCents: 12990 });
  ws.addRow([
    1001,
    'Maria da Conceição',
    null,
    1234567890,
    'maria@cliente.example',
    '(11) 98765-4321',
    serial(one.due),
    serial('2026-02-20'),
    99.9,
    one.line,
    'F-1',
  ]);
  ws.addRow([
    1002,
    'Padaria Pão Quente Ltda',
    null,
    '11.222.333/0001-81',
    'financeiro@padaria.example',
    '1140001234',
    serial(two.due),
    serial('2026-02-20'),
    129.9,
    two.line,
    'F-2',
  ]);
  ws.getColumn(7).numFmt = 'dd/mm/yyyy'; // Vencimento shows as a date; Emissão stays a bare serial
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

describe('XLSX', () => {
  it('finds the header under the merged title, reads dates, numbers and the merged header', async () => {
    const parsed = await parseImportFile(await workbook(), { fileName: 'clientes.xlsx' });
    expect(parsed).toMatchObject({ kind: 'xlsx', type: 'invoices', rejected: [] });
    expect(parsed.mapping).toEqual({
      Cliente: 'customerName',
      'CPF/CNPJ': 'document',
      'E-mail': 'email',
      Telefone: 'phone',
      Vencimento: 'dueDate',
      Emissão: 'issueDate',
      Valor: 'amount',
      'Linha digitável': 'digitableLine',
      'Nº documento': 'invoiceNumber',
    });
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]!.line).toBe(5); // the row number Excel shows
    const plan = planImport(store().snapshot(), parsed, {
      onlyValid: true,
      defaultBillingMethodId: 'boleto',
    });
    // No "Código do cliente" column mapped ("Código" is not a known header): customers are matched by CPF/CNPJ.
    expect(plan.rejected).toEqual([]);
    expect(plan.customers).toEqual([
      expect.objectContaining({
        id: '01234567890',
        name: 'Maria da Conceição',
        document: '012.345.678-90',
        phone: '(11) 98765-4321',
      }),
      expect.objectContaining({
        id: '11222333000181',
        document: '11.222.333/0001-81',
        phone: '(11) 4000-1234',
      }),
    ]);
    expect(plan.invoices[0]).toMatchObject({
      dueDate: '2026-03-10',
      issueDate: '2026-02-20',
      amountCents: 9990,
    });
    expect(plan.invoices[1]).toMatchObject({ dueDate: '2026-04-10', amountCents: 12990 });
  });

  it('an explicit mapping names the customer code column', async () => {
    const parsed = await parseImportFile(await workbook(), {
      fileName: 'c.xlsx',
      mapping: { Código: 'customerId' },
    });
    const plan = planImport(store().snapshot(), parsed, { defaultBillingMethodId: 'boleto' });
    expect(plan.customers.map((c) => c.id)).toEqual(['1001', '1002']);
  });

  it('a named sheet that does not exist, and bytes that are not a workbook, are reported', async () => {
    const missing = await parseImportFile(await workbook(), {
      fileName: 'c.xlsx',
      preset: {
        id: 'x',
        name: 'x',
        type: 'customers',
        columns: {},
        options: { sheet: 'Faturas' },
        sources: [],
      },
    });
    expect(missing.rejected[0]!.message).toBe('a planilha não tem a aba "Faturas"');
    const broken = await parseImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), {
      fileName: 'x.xlsx',
    });
    expect(broken.rejected[0]!.message).toMatch(/não foi possível ler a planilha/);
  });
});
