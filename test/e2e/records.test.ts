// Clientes, Faturas and Histórico de envios in the real UI, on 120 imported invoices and a real SMTP
// server: search and pages, mark paid, Enviar por e-mail with its preview, a 5xx in the history,
// Reenviar once the mailbox works, and the CSV export.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ListPage } from '../../shared/contract/method';
import type { InvoiceView } from '../../shared/contract/records';
import type { Customer } from '../../shared/domain';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;

const NAMES = [
  'Maria da Silva',
  'João Conceição',
  'Pedro Álvares',
  'Ana Lúcia Ribeiro',
  'Carlos Eduardo Souza',
  'Fernanda Gonçalves',
  'Luís Antônio Pereira',
  'Patrícia Araújo',
  'Ricardo Nóbrega',
  'Sônia Figueiredo',
  'Tiago Brandão',
  'Vera Lúcia Campos',
];
const slug = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').split(' ')[0]!.toLowerCase();
const customers = NAMES.map((name, i) => ({
  id: `c${String(i + 1).padStart(2, '0')}`,
  name,
  email: `${slug(name)}@cliente.example`,
  document: i === 0 ? '123.456.789-09' : null,
}));
// 120 invoices, ten per customer. The first twelve (one per customer) fall due on 20/02/2021, so the
// after_due 13 rule sends them on the 05/03/2021 run; the others fall due later.
const invoices = Array.from({ length: 120 }, (_, i) => {
  const n = String(i + 1).padStart(4, '0');
  const month = i < 12 ? 2 : 3 + Math.floor((i - 12) / 12);
  return invoice(`f${n}`, {
    customerId: customers[i % 12]!.id,
    number: `2021-${n}`,
    issueDate: `2021-${String(month).padStart(2, '0')}-01`,
    dueDate: `2021-${String(month).padStart(2, '0')}-20`,
    amountCents: 9_990 + i * 100,
  });
});

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dataDir = await tempDir();
  const file = await writeDocument(dataDir, baseDocument(smtp.port, { customers, invoices }));
  const imported = await runCli(['--data-dir', dataDir, 'import', file]);
  expect(imported.stderr).toBe('');
  // Pedro's mailbox refuses mail: his notice fails with the server's reply; the other eleven go out.
  await smtp.setFaults({
    rcpt: [{ match: '^pedro@', code: 550, message: '5.1.1 Caixa postal inexistente' }],
  });
  const run = await runCli(['--data-dir', dataDir, 'run', '--date', '2021-03-05']);
  expect(run.code).toBe(1);
  expect(await smtp.messages()).toHaveLength(11);
  await smtp.clear();

  // The screens open the afternoon after that run: nothing is left for the schedule to catch up.
  served = await startServe(dataDir, { REGUA_NOW: '2021-03-05T18:00:00Z' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(served.url);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

const menu = (label: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByText(label, { exact: true }).click();
const table = (name: string) => page.getByRole('table', { name });
const rows = (name: string) => table(name).locator('tbody tr');
const row = (name: string, text: string) => rows(name).filter({ hasText: text });
const dialog = () => page.getByRole('dialog');
const toast = (text: string) => page.getByRole('alert').filter({ hasText: text });
// Badges are shown in capitals by CSS; textContent reads the words as written.
const text = (locator: { textContent(): Promise<string | null> }) =>
  locator.textContent().then((t) => t ?? '');
const visible = (locator: { isVisible(): Promise<boolean> }) =>
  expect.poll(() => locator.isVisible(), { timeout: 15_000 });

describe('Clientes', () => {
  it('lists the customers, finds one without accents and edits her in a modal', async () => {
    await menu('Clientes');
    await expect.poll(() => rows('Clientes').count()).toBe(12);
    await screenshot(page, 'customers-list');

    await page.getByLabel('Buscar clientes').fill('joao conceicao');
    await expect.poll(() => rows('Clientes').count()).toBe(1);
    expect(await rows('Clientes').innerText()).toContain('João Conceição');
    await page.getByLabel('Buscar clientes').fill('123.456.789-09');
    await visible(row('Clientes', 'Maria da Silva')).toBe(true);

    await page.getByRole('button', { name: 'Editar cliente Maria da Silva' }).click();
    await dialog().getByRole('textbox', { name: 'E-mails' }).fill('maria@cliente.example; nao-e-email');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await visible(dialog().getByText('e-mail inválido: nao-e-email')).toBe(true);
    await screenshot(page, 'customers-edit-error');
    await dialog().getByRole('textbox', { name: 'E-mails' }).fill('maria@cliente.example');
    expect(await dialog().getByRole('switch', { name: 'Cliente ativo' }).isChecked()).toBe(true);
    expect(
      await dialog()
        .getByRole('switch', { name: /Não recebe e-mails/ })
        .isChecked(),
    ).toBe(false);
    await dialog().getByLabel('Telefone').fill('(11) 98888-7777');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await visible(toast('Cliente Maria da Silva salvo')).toBe(true);
    const saved = await apiCall<ListPage<Customer>>(served, 'customers.list', { search: 'maria' });
    expect(saved.items[0]).toMatchObject({
      phone: '(11) 98888-7777',
      email: 'maria@cliente.example',
      active: true,
      emailOptOut: false,
    });
  });
});

describe('Faturas', () => {
  it('pages through 120 invoices and searches them by customer without accents', async () => {
    await menu('Faturas');
    await expect.poll(() => rows('Faturas').count()).toBe(25);
    await visible(page.getByText('1–25 de 120 faturas')).toBe(true);
    await page.getByRole('button', { name: 'Próxima página' }).click();
    await visible(page.getByText('26–50 de 120 faturas')).toBe(true);
    await page.getByRole('button', { name: 'Página 5' }).click();
    await visible(page.getByText('101–120 de 120 faturas')).toBe(true);
    await expect.poll(() => rows('Faturas').count()).toBe(20);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await screenshot(page, 'invoices-list');

    await page.getByLabel('Buscar faturas').fill('goncalves');
    await visible(page.getByText('10 faturas', { exact: true })).toBe(true);
    expect(await rows('Faturas').first().innerText()).toContain('Fernanda Gonçalves');
    await page.getByLabel('Buscar faturas').fill('nada-disso');
    await visible(page.getByText('Nenhuma fatura atende a esses filtros.')).toBe(true);
    await screenshot(page, 'invoices-empty-search');
  });

  it('marks an invoice as paid from its row, and reopens it', async () => {
    await page.getByLabel('Buscar faturas').fill('2021-0013');
    await expect.poll(() => rows('Faturas').count()).toBe(1);
    await page.getByRole('button', { name: 'Ações da fatura 2021-0013' }).click();
    await page.getByRole('menuitem', { name: 'Marcar como paga' }).click();
    // The date and the amount paid: today and the full amount unless changed.
    const paying = dialog();
    expect(await paying.getByRole('textbox', { name: 'Valor pago' }).inputValue()).toMatch(
      /^R\$ [\d.]+,\d\d$/,
    );
    await paying.getByRole('button', { name: 'Marcar como paga' }).click();
    await visible(toast('Fatura 2021-0013 marcada como paga')).toBe(true);
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => text(rows('Faturas'))).toContain('paga');
    const paid = await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', { status: 'paid' });
    expect(paid.items.map((i) => i.id)).toEqual(['f0013']);

    await page.getByRole('combobox', { name: 'Situação' }).click();
    await page.getByRole('option', { name: 'Pagas' }).click();
    await page.getByLabel('Buscar faturas').fill('');
    await expect.poll(() => rows('Faturas').count()).toBe(1);
    await page.getByRole('button', { name: 'Ações da fatura 2021-0013' }).click();
    await page.getByRole('menuitem', { name: 'Reabrir' }).click();
    await visible(page.getByText('Nenhuma fatura atende a esses filtros.')).toBe(true);
    await page.getByRole('combobox', { name: 'Situação' }).click();
    await page.getByRole('option', { name: 'Todas' }).click();
    // Leave one paid for the screenshots.
    await page.getByLabel('Buscar faturas').fill('2021-0014');
    await page.getByRole('button', { name: 'Ações da fatura 2021-0014' }).click();
    await page.getByRole('menuitem', { name: 'Marcar como paga' }).click();
    await dialog().getByRole('button', { name: 'Marcar como paga' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => text(rows('Faturas'))).toContain('paga');
    await page.getByRole('button', { name: 'Ações da fatura 2021-0014' }).click();
    await visible(page.getByRole('menuitem', { name: 'Reabrir' })).toBe(true);
    await page.waitForTimeout(300); // let the menu finish fading in for the picture
    await screenshot(page, 'invoices-paid-actions');
    await page.keyboard.press('Escape');
  });

  it('sends an invoice by e-mail after showing the preview, and the mail arrives with the PDF', async () => {
    await page.getByLabel('Buscar faturas').fill('2021-0001');
    await expect.poll(() => rows('Faturas').count()).toBe(1);
    await page.getByRole('button', { name: 'Ações da fatura 2021-0001' }).click();
    await page.getByRole('menuitem', { name: 'Enviar por e-mail' }).click();
    const modal = dialog();
    await visible(modal.getByText('Anexo:')).toBe(true);
    expect(await modal.getByLabel('Layout de e-mail').inputValue()).toBe('Boleto Bancário – Após Vencimento');
    expect(await modal.innerText()).toContain('maria@cliente.example');
    expect(await modal.innerText()).toContain('fatura-2021-0001.pdf');
    expect(await modal.innerText()).toContain('Fatura 2021-0001 em atraso');
    const frame = page.frameLocator('iframe[title="Prévia do e-mail"]');
    await expect.poll(() => frame.locator('body').innerText()).toContain('Maria da Silva');
    expect(await modal.locator('iframe').getAttribute('sandbox')).toBe('');
    await screenshot(page, 'invoices-send-modal');

    await modal.getByRole('button', { name: 'Enviar agora' }).click();
    await visible(toast('E-mail da fatura 2021-0001 enviado para maria@cliente.example')).toBe(true);
    const [mail] = await smtp.waitForMessages(1, 15_000);
    expect(mail!.to).toEqual(['maria@cliente.example']);
    expect(mail!.subject).toContain('Fatura 2021-0001 em atraso');
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]).toMatchObject({
      filename: 'fatura-2021-0001.pdf',
      contentType: 'application/pdf',
    });
    expect(mail!.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await smtp.clear();
  });
});

describe('Histórico de envios', () => {
  it('shows the sent notices and the failed one, what to do, and the server reply behind Detalhes', async () => {
    await menu('Histórico de envios');
    await visible(row('Histórico de envios', 'Pedro Álvares')).toBe(true);
    const pedro = await text(row('Histórico de envios', 'Pedro Álvares'));
    expect(pedro).toContain('falhou');
    expect(pedro).toContain(
      'O servidor 127.0.0.1 recusou o endereço pedro@cliente.example: ele não existe ou não recebe e-mails. Corrija o e-mail do cliente.',
    );
    expect(pedro).not.toContain('Caixa postal inexistente');
    await row('Histórico de envios', 'Pedro Álvares').getByRole('button', { name: 'Detalhes' }).click();
    await expect
      .poll(() => text(row('Histórico de envios', 'Pedro Álvares')))
      .toContain('Caixa postal inexistente');
    expect(pedro).toContain('Envio após Vencido com 13 dias');
    const maria = row('Histórico de envios', 'Maria da Silva');
    await expect.poll(() => maria.count()).toBe(2); // the run's notice and the manual one
    expect(await text(maria.filter({ hasText: 'Envio manual' }))).toContain('enviado');
    expect(await text(row('Histórico de envios', 'João Conceição'))).toContain('enviado');
    await screenshot(page, 'deliveries-list');

    await page.getByRole('combobox', { name: 'Situação' }).click();
    await page.getByRole('option', { name: 'falhou' }).click();
    await expect.poll(() => rows('Histórico de envios').count()).toBe(1);
    await page.getByLabel('Período: de').fill('01/01/2020');
    await page.getByLabel('Período: de').press('Escape');
    await expect.poll(() => rows('Histórico de envios').count()).toBe(1);
    await page.getByLabel('Período: até').fill('31/12/2020');
    await page.getByLabel('Período: até').press('Escape');
    await visible(page.getByText('Nenhum envio com esses filtros.')).toBe(true);
    await page.getByLabel('Período: até').fill('');
    await page.getByLabel('Período: até').press('Escape');
    await expect.poll(() => rows('Histórico de envios').count()).toBe(1);
    await page.waitForTimeout(300); // let the calendar finish fading out for the picture
    await screenshot(page, 'deliveries-failed-filter');
  });

  it('resends the failed notice once the mailbox works, and it arrives', async () => {
    await smtp.setFaults({});
    await page.getByRole('button', { name: /^Reenviar fatura 2021-0003/ }).click();
    await visible(toast('Fatura 2021-0003 reenviada para pedro@cliente.example')).toBe(true);
    const [mail] = await smtp.waitForMessages(1, 15_000);
    expect(mail!.to).toEqual(['pedro@cliente.example']);
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['fatura-2021-0003.pdf']);
    // Now sent: it leaves the "falhou" filter.
    await visible(page.getByText('Nenhum envio com esses filtros.')).toBe(true);
    await page.getByRole('combobox', { name: 'Situação' }).click();
    await page.getByRole('option', { name: 'Todas' }).click();
    await expect.poll(() => text(row('Histórico de envios', 'Pedro Álvares'))).toContain('enviado');
    await screenshot(page, 'deliveries-after-resend');
  });

  it('exports the history as a CSV that Excel pt-BR opens', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportar CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^historico-de-envios-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Data;Situação;Fatura;Cliente;E-mails;Regra;Dias;Vencimento;Data de referência;Motivo;Resposta do servidor',
    );
    expect(lines).toHaveLength(1 + 13); // twelve notices of the run and the manual one
    const pedro = lines.find((l) => l.includes('Pedro Álvares'))!.split(';');
    expect(pedro.slice(1, 9)).toEqual([
      'enviado',
      '2021-0003',
      'Pedro Álvares',
      'pedro@cliente.example',
      'Envio após Vencido',
      '13',
      '20/02/2021',
      '05/03/2021',
    ]);
  });
});
