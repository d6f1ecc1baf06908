// The office's real files, through the screens, in a real browser against `regua serve` and a real
// SMTP server: an ERP CSV whose columns are mapped by hand (and saved as a model), a bad line left
// out and then fixed in the file, Início warning that payments are stale, a bank retorno that marks
// an invoice paid, Simular and Executar: the paid invoice gets no after-due notice, and the history
// says "fatura paga".
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ListPage } from '../../shared/contract/method';
import type { InvoiceView } from '../../shared/contract/records';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { cnab240Retorno } from '../support/cnab-writer';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { invoiceLine, windows1252 } from '../support/import-files';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const STEP_TIMEOUT = 180_000;
// Friday 13/03/2026, 09:00 in São Paulo.
const NOW = { REGUA_NOW: '2026-03-13T12:00:00Z', REGUA_PREPARE_DELAY_MS: '0' };
const DUE = '2026-03-10';

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;
let dir: string;

const lines = [1, 2, 3].map((i) => invoiceLine(i, { due: DUE, amountCents: 9990 }));
const br = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** An ERP's own export: headers the generic model does not know. */
function erpCsv(emailOfLine2: string) {
  const header = 'Cliente;Nome completo;Correio;Título;Vence em;Total;Nosso Nº';
  const rows = lines.map((l, i) =>
    [l.code, l.name, i === 1 ? emailOfLine2 : l.email, l.number, br(l.due), '99,90', l.nossoNumero].join(';'),
  );
  return windows1252([header, ...rows].join('\r\n') + '\r\n');
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  dir = await tempDir('regua-e2e-import-');
  const dataDir = join(dir, 'dados');
  const doc = baseDocument(smtp.port, {
    billingMethods: [
      {
        id: 'boleto',
        name: 'Boleto Bancário',
        importedPayments: { staleAfterBusinessDays: 2 },
        sendRules: [{ id: 'apos-3', kind: 'after_due', days: 3, layoutId: 'boleto-apos-vencimento' }],
      },
    ],
    routines: [
      {
        id: 'diaria',
        description: 'Envio de faturas',
        task: 'send_email',
        schedule: { frequency: 'daily', time: '08:10:00' },
        runOnHolidays: true,
        smtpAccountId: 'principal',
      },
    ],
    customers: [],
    invoices: [],
  });
  const setUp = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dir, doc)], { env: NOW });
  if (setUp.code !== 0) throw new Error(setUp.stderr);
  served = await startServe(dataDir, NOW);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
}, 120_000);
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page)
    await screenshot(page, `import-story-failure-${task.name.slice(0, 12)}`);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

const main = () => page.getByRole('main');
const menu = (label: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByText(label, { exact: true }).click();
const dialog = (name?: string) => (name ? page.getByRole('dialog', { name }) : page.getByRole('dialog'));
const toast = (text: string) => page.getByRole('alert').filter({ hasText: text });
const visible = (locator: { isVisible(): Promise<boolean> }, timeout = 15_000) =>
  expect.poll(() => locator.isVisible(), { timeout });
const summary = () => main().getByTestId('import-summary');

async function chooseFile(name: string, bytes: Uint8Array | string) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  await main().locator('input[type="file"]').setInputFiles(path);
}

async function mapColumn(header: string, field: string) {
  await main()
    .getByRole('combobox', { name: `Campo da coluna ${header}` })
    .click();
  await page.getByRole('option', { name: field, exact: true }).click();
}

const invoices = () => apiCall<ListPage<InvoiceView>>(served, 'invoices.list', {});

describe('Importar, the retorno and the run, through the screens', () => {
  it(
    'maps the columns of an ERP export by hand, imports the valid lines, saves the model',
    async () => {
      await menu('Importar');
      await main().getByRole('heading', { name: 'Importar' }).waitFor();
      await chooseFile('boletos-erp.csv', erpCsv('maria@'));
      // Not one column the generic model knows but "Título": the file says what is missing.
      await visible(main().getByText('planilha CSV', { exact: false })).toBe(true);
      await visible(main().getByRole('table', { name: 'Colunas do arquivo' })).toBe(true);
      await mapColumn('Cliente', 'Código do cliente');
      await mapColumn('Nome completo', 'Nome');
      await mapColumn('Correio', 'E-mail');
      await mapColumn('Vence em', 'Vencimento');
      await mapColumn('Total', 'Valor');
      await mapColumn('Nosso Nº', 'Nosso número');
      const rejected = main().getByRole('table', { name: 'Linhas recusadas' });
      await visible(rejected).toBe(true);
      await expect.poll(() => rejected.innerText()).toMatch(/3\s+Correio\s+maria@\s+não é um e-mail válido/);
      await visible(main().getByText('Só as linhas válidas: 2 clientes novos, 2 faturas novas.')).toBe(true);
      await screenshot(page, 'importar-csv-mapeado');
      expect((await invoices()).total).toBe(0);

      await main().getByRole('button', { name: 'Salvar como modelo' }).click();
      await dialog('Salvar as colunas como modelo').getByLabel('Nome do modelo').fill('Meu ERP');
      await dialog('Salvar as colunas como modelo').getByRole('button', { name: 'Salvar' }).click();
      await visible(toast('Modelo "Meu ERP" salvo')).toBe(true);

      await main().getByRole('button', { name: 'Importar só as linhas válidas' }).click();
      await visible(main().getByRole('region', { name: 'Resultado da importação' })).toBe(true);
      await expect
        .poll(() => summary().innerText())
        .toBe('2 clientes incluídos, 2 faturas incluídas, 1 linha com erro ignorada');
      expect((await invoices()).items.map((i) => i.number).sort()).toEqual(['F1', 'F3']);
      await screenshot(page, 'importar-linhas-validas');
    },
    STEP_TIMEOUT,
  );

  it(
    'the bad line fixed in the file: with the saved model, only it comes in',
    async () => {
      await main().getByRole('button', { name: 'Importar outro arquivo' }).click();
      await chooseFile('boletos-erp.csv', erpCsv('maria@cliente.example'));
      await main().getByRole('combobox', { name: 'Modelo de colunas' }).click();
      await page.getByRole('option', { name: 'Meu ERP (salvo)' }).click();
      await expect.poll(() => summary().innerText()).toBe('1 cliente incluído, 1 fatura incluída');
      await main().getByRole('button', { name: 'Importar', exact: true }).click();
      await visible(toast('Importação concluída — 1 cliente incluído, 1 fatura incluída')).toBe(true);
      expect((await invoices()).total).toBe(3);
    },
    STEP_TIMEOUT,
  );

  it(
    'Início warns that payments are stale; a CNAB 240 retorno marks F1 paid and the warning goes',
    async () => {
      await menu('Início');
      const alert = main().getByRole('alert', { name: 'Pagamentos desatualizados' });
      await visible(alert).toBe(true);
      expect(await alert.innerText()).toContain(
        'Boleto Bancário: Nenhum pagamento foi importado ainda: avisos de atraso podem ir para quem já pagou.',
      );
      await screenshot(page, 'inicio-pagamentos-desatualizados');

      await menu('Importar');
      const retorno = cnab240Retorno('756', [
        {
          nossoNumero: lines[0]!.nossoNumero,
          code: '06',
          dueDate: DUE,
          amountCents: 9990,
          paidCents: 9990,
          date: '2026-03-12',
        },
      ]);
      await chooseFile('COB1303.RET', retorno);
      await visible(main().getByText('retorno do banco CNAB 240', { exact: false })).toBe(true);
      await expect.poll(() => summary().innerText()).toBe('1 fatura marcada como paga');
      await main().getByRole('button', { name: 'Importar', exact: true }).click();
      await visible(main().getByText('Pagamentos atualizados: Boleto Bancário.')).toBe(true);
      await screenshot(page, 'importar-retorno');
      expect((await invoices()).items.find((i) => i.number === 'F1')).toMatchObject({
        status: 'paid',
        payment: { date: '2026-03-12', source: 'retorno' },
      });

      await menu('Início');
      await main().getByTestId('next-run-when').waitFor();
      expect(await main().getByRole('alert', { name: 'Pagamentos desatualizados' }).count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'Simular and Executar 13/03: the after-due notices go to F2 and F3; F1 is left out as "fatura paga"',
    async () => {
      await menu('Rotinas');
      const row = page.getByRole('row').filter({ hasText: 'Envio de faturas' });
      await row.getByRole('button', { name: 'Simular' }).click();
      const sim = dialog('Simular: Envio de faturas');
      await sim.getByLabel('Data').fill('13/03/2026');
      await sim.getByRole('button', { name: 'Simular' }).click();
      await visible(sim.getByRole('heading', { name: 'Seriam enviados (2)' })).toBe(true);
      const left = sim.getByRole('table', { name: 'Faturas que ficariam de fora' });
      expect(await left.locator('tbody tr').filter({ hasText: 'F1' }).innerText()).toContain('fatura paga');
      await screenshot(page, 'importar-simulacao');

      await sim.getByRole('button', { name: 'Executar nesta data' }).click();
      const run = dialog('Executar agora: Envio de faturas');
      await run.getByRole('button', { name: 'Executar', exact: true }).click();
      await visible(run.getByText('Execução concluída'), 60_000).toBe(true);
      expect(await run.innerText()).toContain('2 de 2 aviso(s) enviados em 13/03/2026.');
      const mails = await smtp.waitForMessages(2, 30_000);
      expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([
        'cliente3@provedor.example',
        'maria@cliente.example', // the line fixed in the file
      ]);
      await run.getByRole('button', { name: 'Fechar' }).click();

      await menu('Histórico de envios');
      const rows = page.getByRole('table', { name: 'Histórico de envios' }).locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      expect(await rows.filter({ hasText: 'F1' }).innerText()).toContain('fatura paga');
      await screenshot(page, 'importar-historico');
    },
    STEP_TIMEOUT,
  );
});
