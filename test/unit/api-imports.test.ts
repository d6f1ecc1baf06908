// Importar through the API, as the screens use it: the file as base64, the check that saves nothing,
// the mapping chosen by hand, presets saved in the settings, "only valid lines", a retorno that marks
// invoices paid and brings the billing method's payments up to date, and a regua/v1 document.
import { describe, expect, it } from 'vitest';
import type { ImportPresetView, ImportResult } from '../../shared/contract/imports';
import type { BillingMethodView } from '../../shared/contract/billing';
import type { DashboardSummary } from '../../shared/contract/overview';
import type { Invoice } from '../../shared/domain';
import { cnab240Retorno } from '../support/cnab-writer';
import { invoiceLine, invoicesCsv, windows1252 } from '../support/import-files';
import { useTestApi } from '../support/api';

const api = useTestApi({
  prefix: 'regua-api-imports-',
  // 2026-03-20, 10:00 in São Paulo.
  clock: { now: () => new Date('2026-03-20T13:00:00Z') },
  document: {
    format: 'regua/v1',
    company: { name: 'Provedor', timezone: 'America/Sao_Paulo', state: 'SP' },
    billingMethods: [
      { id: 'boleto', name: 'Boleto Bancário', importedPayments: { staleAfterBusinessDays: 2 } },
    ],
  },
});

const b64 = (bytes: Uint8Array | string) =>
  Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString('base64');
const csvFile = (text: string, fileName = 'boletos.csv') => ({
  fileName,
  contentBase64: b64(windows1252(text)),
});

const invoices = () => api.app.store.invoices() as readonly Invoice[];

describe('imports.check and imports.apply', () => {
  const lines = [invoiceLine(1), invoiceLine(2), invoiceLine(3)];

  it('checks without saving, applies, and says "nada mudou" the second time', async () => {
    const checked = await api.ok<ImportResult>('imports.check', csvFile(invoicesCsv(lines)));
    expect(checked).toMatchObject({
      kind: 'csv',
      type: 'invoices',
      status: 'imported',
      dryRun: true,
      summary: '3 clientes incluídos, 3 faturas incluídas',
      rejectedCsv: null,
    });
    expect(checked.preview).toHaveLength(3);
    expect(invoices()).toHaveLength(0);

    const applied = await api.ok<ImportResult>('imports.apply', csvFile(invoicesCsv(lines)));
    expect(applied).toMatchObject({ status: 'imported', dryRun: false });
    expect(invoices()).toHaveLength(3);
    const again = await api.ok<ImportResult>('imports.apply', csvFile(invoicesCsv(lines)));
    expect(again).toMatchObject({ status: 'unchanged', summary: 'nada mudou' });
  });

  it('a bad line refuses the whole file unless only the valid lines are asked for; the report is a CSV', async () => {
    const bad = [...lines, invoiceLine(4, { email: 'maria@' })];
    const refused = await api.ok<ImportResult>('imports.apply', csvFile(invoicesCsv(bad)));
    expect(refused.status).toBe('refused');
    expect(refused.rejected).toEqual([
      { line: 5, column: 'E-mail', value: 'maria@', message: 'não é um e-mail válido' },
    ]);
    expect(refused.rejectedCsv).toContain('"5";"E-mail";"maria@";"não é um e-mail válido"');
    expect(invoices()).toHaveLength(0);

    const partial = await api.ok<ImportResult>('imports.apply', {
      ...csvFile(invoicesCsv(bad)),
      onlyValid: true,
    });
    expect(partial.status).toBe('imported');
    expect(
      invoices()
        .map((i) => i.id)
        .sort(),
    ).toEqual(['F1', 'F2', 'F3']);
  });

  it('a column mapped by hand is read; a column set to "" is left out', async () => {
    const text = 'Cliente;Nome completo;Vence em;Total;Fatura\r\nC9;Joana Dias;15/04/2026;150,00;X9\r\n';
    const guessed = await api.ok<ImportResult>('imports.check', csvFile(text));
    expect(guessed.status).toBe('refused'); // "Nome completo", "Vence em", "Total" are not known names
    const mapping = {
      Cliente: 'customerId',
      'Nome completo': 'customerName',
      'Vence em': 'dueDate',
      Total: 'amount',
      Fatura: 'invoiceNumber',
    } as const;
    const mapped = await api.ok<ImportResult>('imports.apply', {
      ...csvFile(text),
      mapping,
      type: 'invoices',
    });
    expect(mapped).toMatchObject({ status: 'imported', summary: '1 cliente incluído, 1 fatura incluída' });
    expect(api.app.store.invoice('X9')).toMatchObject({ amountCents: 15000, dueDate: '2026-04-15' });
    expect(api.app.store.customer('C9')?.name).toBe('Joana Dias');

    const without = await api.ok<ImportResult>('imports.check', {
      ...csvFile(text),
      mapping: { ...mapping, Total: '' },
      type: 'invoices',
    });
    expect(without.status).toBe('refused');
    expect(without.rejected[0]!.message).toBe('falta a coluna Valor');
  });

  it('saves a named preset in the settings, imports with it, and removes it; shipped ones stay', async () => {
    const text = 'Cliente;Nome completo;Vence em;Total;Fatura\r\nC9;Joana Dias;15/04/2026;150,00;X9\r\n';
    const columns = {
      Cliente: 'customerId',
      'Nome completo': 'customerName',
      'Vence em': 'dueDate',
      Total: 'amount',
      Fatura: 'invoiceNumber',
    };
    const saved = await api.ok<ImportPresetView[]>('imports.savePreset', {
      name: 'Meu ERP',
      type: 'invoices',
      columns,
    });
    expect(saved.find((p) => p.name === 'Meu ERP')).toMatchObject({ id: 'meu-erp', shipped: false });
    expect(api.app.store.settings().importPresets).toEqual([
      { id: 'meu-erp', name: 'Meu ERP', type: 'invoices', columns },
    ]);
    const duplicate = await api.call('imports.savePreset', { name: 'meu erp', type: 'invoices', columns });
    expect(api.failure(duplicate).fieldErrors).toEqual({ name: 'já existe um modelo chamado "Meu ERP"' });

    const imported = await api.ok<ImportResult>('imports.apply', { ...csvFile(text), presetId: 'meu-erp' });
    expect(imported.status).toBe('imported');

    const shipped = await api.call('imports.removePreset', { id: 'ixc-fn-areceber' });
    expect(api.failure(shipped).code).toBe('not_found');
    const left = await api.ok<ImportPresetView[]>('imports.removePreset', { id: 'meu-erp' });
    expect(left.some((p) => p.id === 'meu-erp')).toBe(false);
    expect(left.find((p) => p.id === 'ixc-fn-areceber')).toMatchObject({ shipped: true });
    const unknown = await api.call('imports.check', { ...csvFile(text), presetId: 'meu-erp' });
    expect(api.failure(unknown).fieldErrors?.presetId).toBe('modelo de importação não encontrado: meu-erp');
  });

  it('a CNAB 240 retorno marks the invoice paid and brings the method\u2019s payments up to date', async () => {
    await api.ok(
      'imports.apply',
      csvFile(invoicesCsv([invoiceLine(1, { due: '2026-03-15', amountCents: 9990 })])),
    );
    const before = await api.ok<BillingMethodView[]>('billingMethods.list');
    expect(before[0]!.payments.stale).toBe(
      'Nenhum pagamento foi importado ainda: avisos de atraso podem ir para quem já pagou',
    );
    const retorno = cnab240Retorno('756', [
      {
        nossoNumero: '00000100001',
        code: '06',
        dueDate: '2026-03-15',
        amountCents: 9990,
        paidCents: 9990,
        date: '2026-03-18',
      },
    ]);
    const result = await api.ok<ImportResult>('imports.apply', {
      fileName: 'COB2003.RET',
      contentBase64: b64(retorno),
    });
    expect(result).toMatchObject({
      kind: 'cnab240',
      type: 'payments',
      status: 'imported',
      paymentsRefreshed: ['Boleto Bancário'],
    });
    expect(api.app.store.invoice('F1')).toMatchObject({
      status: 'paid',
      payment: { date: '2026-03-18', amountCents: 9990, source: 'retorno' },
    });
    const after = await api.ok<BillingMethodView[]>('billingMethods.list');
    expect(after[0]!.payments).toMatchObject({
      lastImportAt: '2026-03-20T13:00:00.000Z',
      lastImportFile: 'COB2003.RET',
      stale: null,
    });
    // The same retorno again: nothing changes, and it does not count as fresh payments again.
    const again = await api.ok<ImportResult>('imports.apply', {
      fileName: 'COB2003.RET',
      contentBase64: b64(retorno),
    });
    expect(again).toMatchObject({ status: 'unchanged', paymentsRefreshed: [] });
  });

  it('a regua/v1 document goes through the interchange checks; a relative PDF path is refused from the screens', async () => {
    const doc = {
      format: 'regua/v1',
      customers: [{ id: 'c1', name: 'Maria' }],
      invoices: [
        {
          id: 'f1',
          customerId: 'c1',
          billingMethodId: 'boleto',
          number: '1',
          issueDate: '2026-03-01',
          dueDate: '2026-03-15',
          amountCents: 100,
          pdfPath: 'boletos/f1.pdf',
        },
      ],
    };
    const refused = await api.ok<ImportResult>('imports.apply', {
      fileName: 'doc.json',
      contentBase64: b64(JSON.stringify(doc)),
    });
    expect(refused).toMatchObject({ kind: 'regua-json', status: 'refused' });
    expect(refused.documentErrors[0]).toMatchObject({ path: 'invoices[0].pdfPath' });
    const { pdfPath: _p, ...withoutPdf } = doc.invoices[0]!;
    const ok = await api.ok<ImportResult>('imports.apply', {
      fileName: 'doc.json',
      contentBase64: b64(JSON.stringify({ ...doc, invoices: [withoutPdf] })),
    });
    expect(ok).toMatchObject({
      status: 'imported',
      documentSummary: { created: { customers: 1, invoices: 1 } },
    });
  });
});

describe('billingMethods: the freshness guard', () => {
  it('keeps the guard when the method is renamed, turns it off with null, and Liberar envio records the release', async () => {
    await api.ok('billingMethods.save', { id: 'boleto', name: 'Boleto' });
    expect(api.app.store.settings().billingMethods[0]!.importedPayments).toEqual({
      staleAfterBusinessDays: 2,
    });
    const released = await api.ok<BillingMethodView>('billingMethods.releaseHeld', { id: 'boleto' });
    expect(released.payments.stale).toBeNull();
    expect(api.app.store.settings().paymentsStatus?.boleto?.releasedAt).toBe('2026-03-20T13:00:00.000Z');
    await api.ok('billingMethods.save', { id: 'boleto', name: 'Boleto', importedPayments: null });
    expect(api.app.store.settings().billingMethods[0]!.importedPayments).toBeNull();
  });

  it('Início warns before the run while payments are stale, and stops once they are fresh', async () => {
    const summary = await api.ok<DashboardSummary>('dashboard.summary');
    expect(summary.stalePayments).toEqual([
      {
        billingMethodId: 'boleto',
        billingMethodName: 'Boleto Bancário',
        message: 'Nenhum pagamento foi importado ainda: avisos de atraso podem ir para quem já pagou',
        lastImportDate: null,
        fromDate: null,
      },
    ]);
    await api.ok('billingMethods.releaseHeld', { id: 'boleto' });
    expect((await api.ok<DashboardSummary>('dashboard.summary')).stalePayments).toEqual([]);
  });
});
