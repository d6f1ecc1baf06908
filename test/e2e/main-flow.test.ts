// The product's main story, through the screens alone, in a real browser against the real `regua serve`
// on an empty data directory and a real SMTP server: Empresa → Contas de e-mail → Forma de Cobrança with
// "Envio após Vencido" 13 dias → a daily routine at 08:10:00 → Importar the customers and invoices →
// Simular 05/03/2021 → Executar nesta data → the e-mail with the PDF arrives → Histórico de envios →
// running the same date again sends nothing. The API is only read, to check what the screens did.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BillingMethodView } from '../../shared/contract/billing';
import type { Page as ListPage } from '../../shared/contract/method';
import type { DeliveryView, InvoiceView } from '../../shared/contract/records';
import type { RoutineView } from '../../shared/contract/routines';
import type { Company } from '../../shared/domain';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/documents';
import { testLine } from '../support/payment-codes';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const STEP_TIMEOUT = 240_000;

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;
/** The identifier the Forma de Cobrança screen gave "Boleto Bancário" (read from the page). */
let billingMethodId = '';

beforeAll(async () => {
  smtp = await startSmtpServer();
  served = await startServe(await tempDir('regua-e2e-main-flow-'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
  page.setDefaultTimeout(15_000);
}, 120_000);
// What the screen looked like when a step failed.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page)
    await screenshot(page, `main-flow-failure-${task.name.slice(0, 2)}`);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

const hash = (p: Page = page) => new URL(p.url()).hash;
const menu = (label: string, p: Page = page) =>
  p.getByRole('navigation', { name: 'Menu principal' }).getByText(label, { exact: true }).click();
const dialog = (name?: string, p: Page = page) =>
  name ? p.getByRole('dialog', { name }) : p.getByRole('dialog');
const toast = (text: string) => page.getByRole('alert').filter({ hasText: text });
const visible = (locator: { isVisible(): Promise<boolean> }, timeout = 15_000) =>
  expect.poll(() => locator.isVisible(), { timeout });
// Badges are upper-cased by CSS; textContent reads the words as written.
const text = (locator: { textContent(): Promise<string | null> }) =>
  locator.textContent().then((t) => t ?? '');
const routineRow = (p: Page = page) => p.getByRole('row').filter({ hasText: 'Envio de faturas' });
const historyRows = () => page.getByRole('table', { name: 'Histórico de envios' }).locator('tbody tr');

/** Lets Mantine's transitions finish and scrolls to the top, so the full-page screenshot shows the final state. */
async function shot(name: string, p: Page = page) {
  await p.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await p.evaluate(() => window.scrollTo(0, 0));
  // Without the "Pronto" toasts (each is checked where it appears), which would cover the page.
  const hide = await p.addStyleTag({ content: '.mantine-Notifications-root { display: none; }' });
  await screenshot(p, `main-flow-${name}`);
  await hide.evaluate((el) => (el as Element).remove());
}

async function choose(scope: ReturnType<typeof dialog>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addRule() {
  await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
  const form = dialog('Adicionar Regra de Envio');
  await visible(form).toBe(true);
  await choose(form, 'Regra de Envio', 'Envio após Vencido');
  await choose(form, 'Layout de Envio de Email', 'Boleto Bancário – Após Vencimento');
  await form.getByRole('textbox', { name: 'Dias para Envio' }).fill('13');
  await form.getByRole('button', { name: 'Salvar' }).click();
  return form;
}

/** Opens Simular on the routine, simulates 05/03/2021 and returns the modal. */
async function simulate(p: Page = page) {
  await routineRow(p).getByRole('button', { name: 'Simular' }).click();
  const sim = dialog('Simular: Envio de faturas', p);
  await sim.getByLabel('Data').fill('05/03/2021');
  await sim.getByRole('button', { name: 'Simular' }).click();
  await visible(sim.getByText('Datas de referência de 05/03/2021 a 05/03/2021')).toBe(true);
  return sim;
}

/** The customers and invoices an ERP would export: nothing but `customers` and `invoices`. */
function erpDocument(methodId: string) {
  // Each with the boleto's linha digitável, as ERPs export it (an invoice with no way to pay is not sent).
  const invoice = (fields: Record<string, unknown>) => {
    const base = {
      billingMethodId: methodId,
      issueDate: '2021-02-01',
      dueDate: '2021-02-20',
      amountCents: 9990,
    };
    const merged = { ...base, ...fields };
    return {
      ...merged,
      digitableLine: testLine(merged.dueDate, merged.amountCents, Number(String(fields.id).slice(1))),
    };
  };
  return {
    format: 'regua/v1',
    customers: [
      { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
      { id: 'c2', name: 'João Souza', email: 'joao@cliente.example' },
      { id: 'c3', name: 'Antônio Sem E-mail' },
    ],
    invoices: [
      // After due + 13 days → its notice goes out on 05/03/2021.
      invoice({ id: 'f1', customerId: 'c1', number: '2021-0001' }),
      // Same dates, but paid: left out.
      invoice({ id: 'f2', customerId: 'c2', number: '2021-0002', status: 'paid' }),
      // Same dates, but nowhere to send it: left out.
      invoice({ id: 'f3', customerId: 'c3', number: '2021-0003' }),
      // Maria's next invoice: its notice is due on 02/04/2021, not on 05/03/2021.
      invoice({
        id: 'f4',
        customerId: 'c1',
        number: '2021-0004',
        issueDate: '2021-03-01',
        dueDate: '2021-03-20',
      }),
    ],
  };
}

describe('Main flow: from an empty store to the e-mail in the customer’s mailbox, through the screens', () => {
  it(
    '01 a fresh store opens the guided setup once; the menu leads away from it',
    async () => {
      await page.goto(served.url);
      await expect.poll(() => hash()).toBe('#/configuracao-inicial');
      await page.getByRole('main').getByLabel('Nome da empresa').waitFor();
      await shot('01-configuracao-inicial');
      // Offered once: back on Início, the store still empty, it stays there.
      await menu('Início');
      await visible(page.getByRole('region', { name: 'Configuração inicial pendente' })).toBe(true);
      expect(hash()).toBe('#/');
      await menu('Empresa');
      await expect.poll(() => hash()).toBe('#/empresa');
      await visible(page.getByText('Comece pelos dados da empresa')).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    '02 Empresa: saves the company, state SP',
    async () => {
      await page.getByRole('textbox', { name: 'Nome' }).fill('Provedor Exemplo Ltda');
      await page.getByLabel('CNPJ').fill('12.345.678/0001-95');
      await page.getByLabel('E-mail').fill('financeiro@provedor.example');
      await page.getByLabel('Telefone').fill('(11) 4000-1234');
      await page.getByRole('combobox', { name: 'Estado' }).click();
      await page.getByRole('option', { name: 'SP — São Paulo' }).click();
      await page.getByLabel('Cidade').fill('São Paulo');
      await page.getByRole('button', { name: 'Salvar' }).click();
      await visible(page.getByText('Dados da empresa salvos')).toBe(true);
      expect(await apiCall<Company>(served, 'company.get')).toMatchObject({
        name: 'Provedor Exemplo Ltda',
        timezone: 'America/Sao_Paulo',
        state: 'SP',
        city: 'São Paulo',
      });
      await shot('02-empresa');
    },
    STEP_TIMEOUT,
  );

  it(
    '03 Contas de e-mail: adds the account on the real SMTP server; Testar conexão succeeds',
    async () => {
      await menu('Contas de e-mail');
      await visible(page.getByText('Nenhuma conta de e-mail cadastrada')).toBe(true);
      await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
      const form = dialog();
      await form.getByLabel('Identificador').fill('principal');
      await form.getByLabel('Nome', { exact: true }).fill('Principal');
      await form.getByLabel('Servidor SMTP').fill('127.0.0.1');
      await form.getByRole('textbox', { name: 'Porta' }).fill(String(smtp.port));
      await form.getByRole('combobox', { name: 'Segurança' }).click();
      await page.getByRole('option', { name: 'Nenhuma' }).click();
      await form.getByLabel('Usuário').fill('cobranca');
      await form.getByLabel('Senha', { exact: true }).fill('qualquer-senha');
      await form.getByLabel('Nome do remetente').fill('Provedor Exemplo');
      await form.getByLabel('E-mail do remetente').fill('cobranca@provedor.example');
      await form.getByRole('button', { name: 'Salvar' }).click();
      await expect.poll(() => dialog().count()).toBe(0);
      const row = page.getByRole('row').filter({ hasText: 'Principal' });
      await visible(row).toBe(true);

      await row.getByRole('button', { name: /Testar conexão/ }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Conexão funcionando' });
      await visible(alert, 20_000).toBe(true);
      expect(await alert.innerText()).toContain(
        `Conexão com 127.0.0.1:${smtp.port} bem-sucedida e login aceito`,
      );
      await shot('03-contas-de-email');
    },
    STEP_TIMEOUT,
  );

  it(
    '04 Forma de Cobrança: "Boleto Bancário" with "Envio após Vencido" 13 dias; the same rule again is refused beside Dias para Envio',
    async () => {
      await menu('Forma de Cobrança');
      await expect.poll(() => hash()).toBe('#/formas-de-cobranca');
      // The empty list offers Adicionar twice: beside the title and in the empty state.
      await visible(page.getByText('Nenhuma forma de cobrança', { exact: true })).toBe(true);
      await page.getByRole('button', { name: 'Adicionar', exact: true }).first().click();
      const create = dialog('Adicionar Forma de Cobrança');
      await create.getByRole('textbox', { name: 'Nome' }).fill('Boleto Bancário');
      await create.getByRole('button', { name: 'Salvar' }).click();
      await expect.poll(() => dialog().count()).toBe(0);
      const row = page
        .getByRole('table', { name: 'Formas de cobrança' })
        .getByRole('row')
        .filter({ hasText: 'Boleto Bancário' });
      await visible(row).toBe(true);

      await row.getByRole('button', { name: 'Ações: Boleto Bancário' }).click();
      await page.getByRole('menuitem', { name: 'Editar' }).click();
      await expect.poll(() => hash()).toMatch(/^#\/formas-de-cobranca\/[\w-]+$/);
      // The identifier the screen gave the method is in its address.
      billingMethodId = hash().split('/')[2]!;
      await page.getByRole('tab', { name: 'Email' }).click();
      await visible(page.getByText('Nenhuma regra de envio', { exact: true })).toBe(true);

      await addRule();
      await expect.poll(() => dialog().count()).toBe(0);
      const rules = page.getByRole('table', { name: 'Regras de Envio' });
      await expect
        .poll(() => rules.getByRole('row').filter({ hasText: 'Envio após Vencido' }).count())
        .toBe(1);
      const cells = await rules.getByRole('row').nth(1).getByRole('cell').allTextContents();
      expect(cells.slice(0, 3)).toEqual(['Envio após Vencido', '13', 'Boleto Bancário – Após Vencimento']);
      await shot('04-forma-de-cobranca-regra');

      const again = await addRule();
      const days = again.getByRole('textbox', { name: 'Dias para Envio' });
      await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
      const errorId = ((await days.getAttribute('aria-describedby')) ?? '')
        .split(' ')
        .find((id) => id.endsWith('-error'));
      expect(errorId).toBeTruthy();
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain(
        'já existe a regra "Envio após Vencido com 13 dias" nesta forma de cobrança',
      );
      await shot('04-forma-de-cobranca-regra-repetida');
      await again.getByRole('button', { name: 'Cancelar' }).click();
      await expect.poll(() => dialog().count()).toBe(0);

      const methods = await apiCall<BillingMethodView[]>(served, 'billingMethods.list');
      expect(methods).toHaveLength(1);
      expect(methods[0]).toMatchObject({
        id: billingMethodId,
        name: 'Boleto Bancário',
        active: true,
        sendRules: [{ kind: 'after_due', days: 13, layoutId: 'boleto-apos-vencimento', active: true }],
      });
      expect(methods[0]!.sendRules).toHaveLength(1);
    },
    STEP_TIMEOUT,
  );

  it(
    '05 Rotinas: adds "Envio de faturas", every day at 08:10:00, on holidays too, with the account and the method',
    async () => {
      await menu('Rotinas');
      await visible(page.getByText('Nenhuma rotina cadastrada')).toBe(true);
      await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
      const form = dialog('Nova rotina');
      await form.getByLabel('Descrição').fill('Envio de faturas');
      expect(await form.getByRole('combobox', { name: 'Tarefa' }).inputValue()).toBe('Enviar Email');
      await expect
        .poll(() => form.getByRole('combobox', { name: 'Conta de e-mail' }).inputValue())
        .toBe('Principal <cobranca@provedor.example>');
      await form.getByLabel('Formas de cobrança').click();
      await page.getByRole('option', { name: 'Boleto Bancário', exact: true }).click();
      // Close the dropdown without Escape (which would close the modal).
      await form.getByLabel('Descrição').click();
      await form.getByRole('textbox', { name: 'Horário' }).fill('08:10:00');
      await form.getByRole('switch', { name: 'Executar em feriados' }).check();
      expect(await form.getByRole('switch', { name: 'Executar em feriados' }).isChecked()).toBe(true);
      await shot('05-rotina-formulario');
      await form.getByRole('button', { name: 'Salvar' }).click();

      await expect.poll(() => routineRow().count()).toBe(1);
      await expect.poll(() => dialog().count()).toBe(0);
      const rowText = await routineRow().innerText();
      expect(rowText).toContain('Todos os dias às 08:10:00');
      expect(rowText).toContain('executa em feriados');
      const routines = await apiCall<RoutineView[]>(served, 'routines.list');
      expect(routines).toHaveLength(1);
      expect(routines[0]).toMatchObject({
        description: 'Envio de faturas',
        task: 'send_email',
        schedule: { frequency: 'daily', time: '08:10:00' },
        runOnHolidays: true,
        smtpAccountId: 'principal',
        billingMethodIds: [billingMethodId],
        active: true,
      });
      await shot('05-rotinas');
    },
    STEP_TIMEOUT,
  );

  it(
    '06 Importar: a document with only customers and invoices, verified then imported',
    async () => {
      await menu('Importar');
      const main = page.getByRole('main');
      await main.getByRole('heading', { name: 'Importar' }).waitFor();
      await main
        .getByLabel('…ou cole o conteúdo do documento')
        .fill(JSON.stringify(erpDocument(billingMethodId), null, 2));
      await main.getByRole('button', { name: 'Verificar' }).click();
      const preview = main.getByRole('region', { name: 'Prévia da importação' });
      await preview.getByRole('row', { name: 'Clientes 3 0' }).waitFor();
      await preview.getByRole('row', { name: 'Faturas 4 0' }).waitFor();
      expect(await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', {})).toMatchObject({ total: 0 });
      await shot('06-importar-previa');

      await main.getByRole('button', { name: 'Importar' }).click();
      await visible(toast('Importação concluída — incluídos: 3 clientes, 4 faturas')).toBe(true);
      await main.getByRole('region', { name: 'Resultado da importação' }).waitFor();
      const invoices = await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', {});
      expect(invoices.total).toBe(4);
      expect(invoices.items.find((i) => i.number === '2021-0001')).toMatchObject({
        customerId: 'c1',
        billingMethodId,
        dueDate: '2021-02-20',
        amountCents: 9990,
        status: 'open',
      });
      // Importing customers and invoices leaves the screens' settings as they were.
      const methods = await apiCall<BillingMethodView[]>(served, 'billingMethods.list');
      expect(methods.map((m) => [m.id, m.sendRules.length])).toEqual([[billingMethodId, 1]]);
      expect(await apiCall<RoutineView[]>(served, 'routines.list')).toHaveLength(1);
      await shot('06-importar-concluida');
    },
    STEP_TIMEOUT,
  );

  let staleTab: Page | undefined;

  it(
    "07 Rotinas > Simular 05/03/2021: Maria's invoice would be sent; the paid one and the one without e-mail are left out with their reasons",
    async () => {
      await menu('Rotinas');
      const sim = await simulate();
      const due = sim.getByRole('table', { name: 'Avisos que seriam enviados' });
      await expect.poll(() => due.locator('tbody tr').count()).toBe(1);
      const dueText = await due.innerText();
      for (const expected of [
        '2021-0001',
        'venc. 20/02/2021',
        'Maria da Silva',
        'maria@cliente.example',
        'Envio após Vencido com 13 dias',
        '05/03/2021',
      ])
        expect(dueText).toContain(expected);
      expect(dueText).not.toContain('2021-0004');
      expect(await sim.getByRole('heading', { name: 'Seriam enviados (1)' }).isVisible()).toBe(true);

      const left = sim.getByRole('table', { name: 'Faturas que ficariam de fora' });
      const leftRow = (number: string) => left.locator('tbody tr').filter({ hasText: number });
      expect(await leftRow('2021-0002').innerText()).toContain('fatura paga');
      expect(await leftRow('2021-0003').innerText()).toContain('cliente sem e-mail');
      expect(await leftRow('2021-0001').count()).toBe(0);
      await shot('07-simulacao');

      // A second window, left on this same simulation: used in step 10 to ask for the same date again.
      const tab = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
      staleTab = tab;
      tab.setDefaultTimeout(15_000);
      await tab.goto(served.url);
      await expect.poll(() => hash(tab)).toBe('#/');
      await menu('Rotinas', tab);
      const staleSim = await simulate(tab);
      await visible(staleSim.getByRole('button', { name: 'Executar nesta data' })).toBe(true);

      // Simulating sends and records nothing.
      expect(await smtp.messages()).toHaveLength(0);
      const history = await apiCall<ListPage<DeliveryView>>(served, 'deliveries.list', {});
      expect(history.total).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    '08 Executar nesta data: the run for 05/03/2021 sends exactly one e-mail to Maria, with the layout subject and the PDF',
    async () => {
      const sim = dialog('Simular: Envio de faturas');
      await sim.getByRole('button', { name: 'Executar nesta data' }).click();
      const run = dialog('Executar agora: Envio de faturas');
      await visible(run).toBe(true);
      expect(await run.innerText()).toContain('Enviar agora os avisos da data (05/03/2021)');
      await shot('08-executar-confirmacao');
      await run.getByRole('button', { name: 'Executar', exact: true }).click();
      await visible(run.getByText('Execução concluída'), 60_000).toBe(true);
      expect(await run.innerText()).toContain('1 de 1 aviso(s) enviados em 05/03/2021.');
      await shot('08-executar-resumo');

      const [mail, ...others] = await smtp.waitForMessages(1, 30_000);
      expect(others).toHaveLength(0);
      expect(mail!.envelopeTo).toEqual(['maria@cliente.example']);
      expect(mail!.to).toEqual(['maria@cliente.example']);
      expect(mail!.authUser).toBe('cobranca');
      expect(mail!.from).toContain('cobranca@provedor.example');
      expect(mail!.subject).toBe('Fatura 2021-0001 em atraso – venceu em 20/02/2021');
      expect(mail!.html).toContain('Maria da Silva');
      expect(mail!.attachments).toHaveLength(1);
      expect(mail!.attachments[0]).toMatchObject({
        filename: 'fatura-2021-0001.pdf',
        contentType: 'application/pdf',
      });
      expect(mail!.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      await run.getByRole('button', { name: 'Fechar' }).click();
      await expect.poll(() => dialog().count()).toBe(0);
      await expect.poll(() => text(routineRow())).toContain('concluída');
      expect(await text(routineRow())).toContain('manual · 1 enviado, 0 falhas, 0 pendentes, 2 ignorados');
      await shot('08-rotinas-apos-execucao');
    },
    STEP_TIMEOUT,
  );

  it(
    "09 Histórico de envios: Maria's invoice is there as enviado; the one without e-mail and the paid one, with their reasons",
    async () => {
      await menu('Histórico de envios');
      const maria = historyRows().filter({ hasText: 'Maria da Silva' });
      await expect.poll(() => maria.count()).toBe(1);
      const mariaText = await text(maria);
      for (const expected of [
        'enviado',
        '2021-0001',
        'Envio após Vencido com 13 dias',
        'maria@cliente.example',
      ])
        expect(mariaText).toContain(expected);
      const antonio = historyRows().filter({ hasText: 'Antônio Sem E-mail' });
      await expect.poll(() => text(antonio)).toContain('ignorado');
      expect(await text(antonio)).toContain('cliente sem e-mail');
      // The paid invoice's notice did not go, and the history says why.
      expect(await text(historyRows().filter({ hasText: 'João Souza' }))).toContain('fatura paga');
      expect(await historyRows().count()).toBe(3);
      await shot('09-historico');

      const history = await apiCall<ListPage<DeliveryView>>(served, 'deliveries.list', {});
      expect(history.items.find((d) => d.invoiceNumber === '2021-0001')).toMatchObject({
        status: 'sent',
        to: ['maria@cliente.example'],
        kind: 'after_due',
        days: 13,
      });
    },
    STEP_TIMEOUT,
  );

  it(
    '10 running 05/03/2021 again from the screens sends nothing: exactly once',
    async () => {
      // On this window, simulating the date again shows the notice as already sent, and nothing to run.
      await menu('Rotinas');
      const sim = await simulate();
      await visible(sim.getByText('Nenhum aviso sairia nesta data.')).toBe(true);
      expect(await sim.getByRole('heading', { name: 'Seriam enviados (0)' }).isVisible()).toBe(true);
      expect(await sim.getByRole('button', { name: 'Executar nesta data' }).count()).toBe(0);
      const left = sim.getByRole('table', { name: 'Faturas que ficariam de fora' });
      expect(await left.locator('tbody tr').filter({ hasText: '2021-0001' }).innerText()).toContain(
        'já enviado anteriormente',
      );
      await shot('10-simulacao-de-novo');
      await sim.getByRole('button', { name: 'Simular' }).focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog().count()).toBe(0);

      // The other window still offers "Executar nesta data" from before the run: running it sends nothing.
      const tab = staleTab;
      if (!tab) throw new Error('the second window of step 07 is missing');
      await dialog('Simular: Envio de faturas', tab)
        .getByRole('button', { name: 'Executar nesta data' })
        .click();
      const run = dialog('Executar agora: Envio de faturas', tab);
      expect(await run.innerText()).toContain('Enviar agora os avisos da data (05/03/2021)');
      await run.getByRole('button', { name: 'Executar', exact: true }).click();
      await visible(run.getByText('Execução concluída'), 60_000).toBe(true);
      expect(await run.innerText()).toContain('Nenhum aviso a enviar em 05/03/2021.');
      await shot('10-executar-de-novo', tab);
      await run.getByRole('button', { name: 'Fechar' }).click();
      await tab.close();

      // The run is over: whatever it would have sent would be on the server by now.
      expect(await smtp.messages()).toHaveLength(1);
      await expect.poll(() => text(routineRow())).toContain('0 enviados');
      await menu('Histórico de envios');
      await expect.poll(() => historyRows().filter({ hasText: 'Maria da Silva' }).count()).toBe(1);
      expect(await historyRows().count()).toBe(3);
      const history = await apiCall<ListPage<DeliveryView>>(served, 'deliveries.list', {});
      expect(history.total).toBe(3);
      await shot('10-historico-final');
    },
    STEP_TIMEOUT,
  );

  // What Histórico de envios shows for Maria's e-mail, and when it was sent by the company's clock.
  const sentAt = { shown: '', company: '' };

  it(
    '11 Histórico de envios, opened from a browser in another time zone: its CSV and Rotinas use the company’s clock',
    async () => {
      const [delivery] = (
        await apiCall<ListPage<DeliveryView>>(served, 'deliveries.list', { status: 'sent' })
      ).items;
      expect(delivery?.invoiceNumber).toBe('2021-0001');
      sentAt.company = companyClock(delivery!.at);

      // A browser on UTC (a server's console, an office abroad): 3 h ahead of São Paulo.
      const utc = await browser.newPage({
        viewport: { width: 1366, height: 900 },
        locale: 'pt-BR',
        timezoneId: 'UTC',
      });
      try {
        utc.setDefaultTimeout(15_000);
        await utc.goto(served.url);
        await expect.poll(() => hash(utc)).toBe('#/');
        await menu('Histórico de envios', utc);
        const maria = utc
          .getByRole('table', { name: 'Histórico de envios' })
          .locator('tbody tr')
          .filter({ hasText: 'Maria da Silva' });
        await visible(maria).toBe(true);
        sentAt.shown = (await maria.getByRole('cell').first().innerText()).replace(', ', ' ').trim();

        const [download] = await Promise.all([
          utc.waitForEvent('download'),
          utc.getByRole('button', { name: 'Exportar CSV' }).click(),
        ]);
        const csv = await readFile((await download.path())!, 'utf8');
        const line = csv.split('\r\n').find((l) => l.includes('Maria da Silva'));
        expect(line?.split(';')[0]).toBe(sentAt.company);
        await shot('11-historico-em-utc', utc);

        // Rotinas, on the same browser, says when the last run started by the company's clock.
        const [routine] = await apiCall<RoutineView[]>(served, 'routines.list');
        await menu('Rotinas', utc);
        await expect
          .poll(() => routineRow(utc).innerText())
          .toContain(companyClock(routine!.lastRun!.startedAt));
      } finally {
        await utc.close();
      }
    },
    STEP_TIMEOUT,
  );

  // A browser on another time zone (UTC here) still sees times on the company's clock, like the
  // Período filter and the CSV count them; otherwise an evening send would be listed on the next day.
  it('12 Histórico de envios shows the time by the company’s clock, like its CSV and Rotinas', () => {
    expect(sentAt.shown).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(sentAt.shown).toBe(sentAt.company);
  });
});

/** dd/mm/aaaa HH:MM of an instant in São Paulo, the company's time zone. */
function companyClock(iso: string): string {
  return new Intl.DateTimeFormat('pt-BR', {
    timeZone: 'America/Sao_Paulo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(', ', ' ');
}
