// Clientes and Faturas by hand in a real browser against `regua serve`: Adicionar with the errors
// beside their fields (the same checks as imports), Remover a customer who has invoices (asked twice),
// "Remover dados de exemplo", and an "Importar arquivos" routine created in Rotinas.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ListPage } from '../../shared/contract/method';
import type { InvoiceView } from '../../shared/contract/records';
import type { RoutineView } from '../../shared/contract/routines';
import type { Customer } from '../../shared/domain';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/documents';
import { fillTime } from '../support/screen-checks';
import { apiCall, startServe, type Served } from '../support/serve';

const NOW = { REGUA_NOW: '2026-03-13T12:00:00Z' };
let served: Served;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = await tempDir('regua-e2e-by-hand-');
  served = await startServe(join(dir, 'dados'), NOW);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
  // The sample: a company, the test-mode account, a billing method, a routine, 25 customers, 60 invoices.
  await apiCall(served, 'setup.loadSample');
}, 120_000);
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page)
    await screenshot(page, `by-hand-failure-${task.name.slice(0, 12)}`);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const main = () => page.getByRole('main');
const menu = (label: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByText(label, { exact: true }).click();
const dialog = () => page.getByRole('dialog');
const toast = (text: string) => page.getByRole('alert').filter({ hasText: text });
const visible = (locator: { isVisible(): Promise<boolean> }) =>
  expect.poll(() => locator.isVisible()).toBe(true);

describe('Clientes and Faturas by hand', () => {
  it('Adicionar cliente refuses a bad CPF beside its field, then saves', async () => {
    await menu('Clientes');
    await main().getByRole('button', { name: 'Adicionar', exact: true }).click();
    const form = dialog();
    await form.getByLabel('Código').fill('novo-1');
    await form.getByLabel('Nome').fill('Rosa Amaral');
    await form.getByLabel('CPF/CNPJ').fill('111.111.111-11');
    await form.getByLabel('CEP').fill('123');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await visible(form.getByText('CPF inválido: todos os dígitos iguais'));
    await visible(form.getByText(/^CEP inválido/));
    await screenshot(page, 'clientes-adicionar-erros');
    await form.getByLabel('CPF/CNPJ').fill('529.982.247-25');
    await form.getByLabel('CEP').fill('01310-100');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await visible(toast('Cliente Rosa Amaral adicionado'));
    expect(
      (await apiCall<ListPage<Customer>>(served, 'customers.list', { search: 'rosa' })).items[0],
    ).toMatchObject({
      id: 'novo-1',
      document: '529.982.247-25',
      address: { zip: '01310100' },
    });
  });

  it('Adicionar fatura: a vencimento before the emissão is refused beside it; then saved', async () => {
    await menu('Faturas');
    await main().getByRole('button', { name: 'Adicionar', exact: true }).click();
    const form = dialog();
    await form.getByRole('textbox', { name: /^Número/ }).fill('AVULSA-1');
    await form.getByRole('combobox', { name: 'Cliente' }).fill('rosa');
    await page.getByRole('option', { name: 'Rosa Amaral (novo-1)' }).click();
    await form.getByRole('textbox', { name: 'Valor' }).fill('150,00');
    await form.getByLabel('Emissão').fill('10/03/2026');
    await form.getByLabel('Vencimento').fill('01/03/2026');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await visible(form.getByText('vencimento anterior à emissão'));
    await screenshot(page, 'faturas-adicionar-erro');
    await form.getByLabel('Vencimento').fill('25/03/2026');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await visible(toast('Fatura AVULSA-1 adicionada'));
    const [invoice] = (await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', { search: 'AVULSA-1' }))
      .items;
    expect(invoice).toMatchObject({
      customerId: 'novo-1',
      amountCents: 15000,
      dueDate: '2026-03-25',
      status: 'open',
    });
  });

  it('Remover a customer with invoices asks twice and says the invoices go too', async () => {
    await menu('Clientes');
    await main().getByLabel('Buscar clientes').fill('rosa');
    await main().getByRole('button', { name: 'Remover cliente Rosa Amaral' }).click();
    await visible(dialog().getByText('Rosa Amaral tem 1 fatura.', { exact: false }));
    await dialog().getByRole('button', { name: 'Continuar' }).click();
    await screenshot(page, 'clientes-remover-com-faturas');
    await dialog().getByRole('button', { name: 'Remover cliente e 1 fatura' }).click();
    await visible(toast('Cliente Rosa Amaral e 1 fatura removidos'));
    expect(
      (await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', { search: 'AVULSA-1' })).total,
    ).toBe(0);
  });

  it('Remover dados de exemplo takes out exactly what the sample added', async () => {
    await main().getByLabel('Buscar clientes').fill('');
    await main().getByRole('button', { name: 'Remover dados de exemplo' }).click();
    await dialog().getByRole('button', { name: 'Remover dados de exemplo' }).click();
    await visible(toast('Dados de exemplo removidos: 25 clientes e 60 faturas'));
    await visible(main().getByText('Nenhum cliente cadastrado ainda.'));
    await expect.poll(() => main().getByRole('alert', { name: 'Dados de exemplo' }).count()).toBe(0);
  });
});

describe('Rotinas: an "Importar arquivos" routine', () => {
  it('is created with its folder, just before a sending routine, and listed with its task', async () => {
    const folder = join(dir, 'entrada');
    await mkdir(folder);
    await apiCall(served, 'testMode.enable');
    await apiCall(served, 'routines.save', {
      id: 'envio',
      description: 'Envio diário',
      task: 'send_email',
      schedule: { frequency: 'daily', time: '08:10:00' },
      smtpAccountId: 'modo-teste',
    });
    await menu('Rotinas');
    await main().getByRole('button', { name: 'Adicionar', exact: true }).click();
    const form = dialog();
    await form.getByLabel('Descrição').fill('Importar do ERP');
    await form.getByRole('combobox', { name: 'Tarefa' }).click();
    await page.getByRole('option', { name: 'Importar arquivos' }).click();
    await form.getByLabel('Pasta', { exact: true }).fill(join(dir, 'nao-existe'));
    await form.getByRole('combobox', { name: 'Executar também logo antes de' }).click();
    await page.getByRole('option', { name: 'Envio diário' }).click();
    await fillTime(form, 'Horário', '07:50:00'); // the 24-hour field of the screens work
    await form.getByRole('button', { name: 'Salvar' }).click();
    await visible(form.getByText('pasta não encontrada', { exact: false }));
    await form.getByLabel('Pasta', { exact: true }).fill(folder);
    await screenshot(page, 'rotinas-importar-arquivos');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    const row = page.getByRole('row').filter({ hasText: 'Importar do ERP' });
    await visible(row);
    expect(await row.innerText()).toContain('Importar arquivos');
    const routines = await apiCall<RoutineView[]>(served, 'routines.list');
    expect(routines.find((r) => r.id === 'importar-do-erp')).toMatchObject({
      task: 'import_files',
      folder,
      fileType: 'auto',
      beforeRoutineId: 'envio',
      watch: true,
      runOnHolidays: true,
      schedule: { frequency: 'daily', time: '07:50:00' },
    });
  });
});
