// The test mode tells the truth, in the real UI: a routine pointed at the test-mode account captures
// its e-mails (the header says so while it does), the real notices stay due, and once the routine is
// switched to the real account they go out to the customer — once.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dataDir = await tempDir();
  const imported = await runCli([
    '--data-dir',
    dataDir,
    'import',
    await writeDocument(dataDir, baseDocument(smtp.port)),
  ]);
  expect(imported.stderr).toBe('');
  // "Today" is 05/03/2021, the day Maria's after-due notice falls on.
  served = await startServe(dataDir, { REGUA_NOW: '2021-03-05T18:00:00Z' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

const menu = (name: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByText(name, { exact: true }).click();
const dialog = () => page.getByRole('dialog');
const routineRow = () => page.getByRole('row').filter({ hasText: 'Envio de faturas' });
const badge = () => page.getByRole('banner').getByText(/modo de teste/);

async function pointRoutineAt(account: RegExp) {
  await menu('Rotinas');
  await routineRow()
    .getByRole('button', { name: /^Editar/ })
    .click();
  const form = dialog();
  await form.getByRole('combobox', { name: 'Conta de e-mail' }).click();
  await page.getByRole('option', { name: account }).click();
  await expect.poll(() => page.getByRole('listbox').count()).toBe(0); // the dropdown has closed
  await form.getByRole('button', { name: 'Salvar' }).click();
  await expect.poll(() => dialog().count()).toBe(0);
}

async function runNow(): Promise<string> {
  await routineRow().getByRole('button', { name: 'Executar agora' }).click();
  const run = dialog();
  const confirm = await run.innerText();
  await run.getByRole('button', { name: 'Executar', exact: true }).click();
  await expect.poll(() => run.getByText('Execução concluída').isVisible(), { timeout: 20_000 }).toBe(true);
  await run.getByRole('button', { name: 'Fechar' }).click();
  return confirm;
}

describe('the test mode never consumes a real notice', () => {
  it('enabling the mode alone does not claim anything goes to the test inbox', async () => {
    await menu('Modo de teste');
    await page.getByRole('button', { name: 'Ativar modo de teste' }).click();
    await expect.poll(() => page.getByText('ativo', { exact: true }).isVisible()).toBe(true);
    expect(await badge().count()).toBe(0); // no routine sends there yet
  });

  it('a routine on the test-mode account: the header says so, Executar agora names it, the e-mail is captured', async () => {
    await pointRoutineAt(/Modo de teste/);
    await expect.poll(() => badge().isVisible()).toBe(true);
    expect(await badge().textContent()).toContain('Envio de faturas');
    const confirm = await runNow();
    expect(confirm).toMatch(/caixa de entrada do modo de teste/);
    expect(confirm).toMatch(/nada sai para clientes/);
    await menu('Modo de teste');
    await expect
      .poll(() => page.getByRole('table', { name: 'Mensagens capturadas' }).getByText(/N-f1/).isVisible())
      .toBe(true);
    expect(await smtp.messages()).toHaveLength(0);
    await screenshot(page, 'test-mode-story-captured');

    await menu('Histórico de envios');
    const history = page.getByRole('table', { name: 'Histórico de envios' });
    await expect.poll(() => page.getByText('Nenhum envio registrado ainda.').isVisible()).toBe(true);
    await page.getByText('Modo de teste', { exact: true }).last().click();
    await expect.poll(() => history.getByText('Maria da Silva').isVisible()).toBe(true);
  });

  it('switched to the real account: the notice is still due, goes out to the customer once, and the badge is gone', async () => {
    await pointRoutineAt(/Provedor Exemplo <cobranca@provedor\.example>/);
    await expect.poll(() => badge().count()).toBe(0);

    await routineRow().getByRole('button', { name: 'Simular' }).click();
    const sim = dialog();
    await sim.getByLabel('Data').fill('05/03/2021');
    await sim.getByRole('button', { name: 'Simular' }).click();
    const due = sim.getByRole('table', { name: 'Avisos que seriam enviados' });
    await expect.poll(async () => (await due.count()) && (await due.innerText())).toContain('Maria da Silva');
    expect(await sim.innerText()).not.toContain('já enviado anteriormente');
    expect(await sim.innerText()).toContain('Conta de envio: Provedor Exemplo <cobranca@provedor.example>');
    await page.keyboard.press('Escape');

    const confirm = await runNow();
    expect(confirm).toContain('Os e-mails saem pela conta Provedor Exemplo <cobranca@provedor.example>');
    const [mail, ...others] = await smtp.waitForMessages(1);
    expect(others).toHaveLength(0);
    expect(mail!.to).toEqual(['maria@cliente.example']);

    await runNow(); // again: nothing goes twice
    expect(await smtp.messages()).toHaveLength(1);
    const summary = await apiCall<{ testModeCaptured: number; sentPerDay: { sent: number }[] }>(
      served,
      'dashboard.summary',
    );
    expect(summary.testModeCaptured).toBe(1);
    expect(summary.sentPerDay.reduce((n, d) => n + d.sent, 0)).toBe(1);
    await screenshot(page, 'test-mode-story-real');
  });
});
