// Contas de e-mail in the real UI: add an account pointing at a real SMTP server and test it, see a
// closed port fail, edit without ever seeing the password, remove.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpAccountView } from '../../shared/contract/mail';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/documents';
import { freePort } from '../support/free-port';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { clerkMessages } from '../support/clerk-messages';

const PASSWORD = 'senha-secreta-do-smtp-9137';

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer();
  served = await startServe(await tempDir());
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByText('Contas de e-mail').click();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

/** Lets Mantine's transitions finish and scrolls to the top, so the full-page screenshot shows the final state. */
async function shot(name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const dialog = () => page.getByRole('dialog');
const row = (text: string) => page.getByRole('row').filter({ hasText: text });

async function fillAccount(fields: { name: string; port: number; user?: string; password?: string }) {
  await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
  const form = dialog();
  // No identifier to type: main makes one from the name.
  expect(await form.getByLabel('Identificador').count()).toBe(0);
  await form.getByLabel('Nome', { exact: true }).fill(fields.name);
  await form.getByLabel('Servidor SMTP').fill('127.0.0.1');
  await form.getByRole('textbox', { name: 'Porta' }).fill(String(fields.port));
  await form.getByRole('combobox', { name: 'Segurança' }).click();
  await page.getByRole('option', { name: 'Nenhuma' }).click();
  if (fields.user) await form.getByLabel('Usuário').fill(fields.user);
  if (fields.password) await form.getByLabel('Senha', { exact: true }).fill(fields.password);
  await form.getByLabel('Nome do remetente').fill('Provedor Exemplo');
  await form.getByLabel('E-mail do remetente').fill('cobranca@provedor.example');
}

describe('Contas de e-mail', () => {
  it('starts empty, saying what to do and offering the test mode', async () => {
    await expect.poll(() => page.getByText('Nenhuma conta de e-mail cadastrada').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Usar modo de teste' }).isVisible()).toBe(true);
    await shot('smtp-accounts-empty');
  });

  it('refuses an incomplete form beside each field, saving nothing', async () => {
    await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
    await dialog().getByLabel('E-mail do remetente').fill('nao-e-email');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => dialog().getByText('informe o servidor SMTP').isVisible()).toBe(true);
    expect(await dialog().getByText('e-mail inválido').isVisible()).toBe(true);
    await shot('smtp-accounts-form-errors');
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    expect(await apiCall(served, 'smtp.list')).toEqual([]);
  });

  it('adds an account on a real SMTP server and Testar conexão shows success', async () => {
    await fillAccount({
      name: 'Principal',
      port: smtp.port,
      user: 'cobranca',
      password: PASSWORD,
    });
    await shot('smtp-accounts-form');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => dialog().isVisible(), { timeout: 5000 }).toBe(false);
    await expect.poll(() => row('Principal').isVisible()).toBe(true);
    expect(await row('Principal').innerText()).toMatch(/127\.0\.0\.1\s+\d+\s+Nenhuma[\s\S]*definida/);

    await row('Principal')
      .getByRole('button', { name: /Testar conexão/ })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: 'Conexão funcionando' });
    await expect.poll(() => alert.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await alert.innerText()).toContain(
      `Conexão com 127.0.0.1 na porta ${smtp.port} bem-sucedida e login aceito`,
    );
    await shot('smtp-accounts-test-ok');
  });

  it('an account on a closed port shows the failure', async () => {
    const port = await freePort();
    await fillAccount({ name: 'Porta fechada', port });
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => row('Porta fechada').isVisible()).toBe(true);
    await row('Porta fechada')
      .getByRole('button', { name: /Testar conexão/ })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: 'Falha na conexão' });
    await expect.poll(() => alert.isVisible(), { timeout: 20_000 }).toBe(true);
    // What happened and what to do; the system's error only behind Detalhes.
    expect(await alert.innerText()).toContain(
      `O servidor 127.0.0.1 recusou a conexão na porta ${port}. Verifique o endereço e a porta do servidor (geralmente 587 ou 465).`,
    );
    expect(await alert.innerText()).not.toContain('ECONNREFUSED');
    await alert.getByRole('button', { name: 'Detalhes' }).click();
    await expect.poll(() => alert.innerText()).toContain('ECONNREFUSED');
    // The suite's message check saw this alert, without its Detalhes.
    await expect
      .poll(() => clerkMessages().filter((m) => m.text.includes('recusou a conexão na porta')))
      .toEqual([
        expect.objectContaining({ kind: 'alerta', text: expect.not.stringContaining('ECONNREFUSED') }),
      ]);
    await shot('smtp-accounts-test-failed');
  });

  it('never shows the password: not in the page, not in the edit form, not in smtp.list', async () => {
    expect(await page.content()).not.toContain(PASSWORD);
    const list = await apiCall<SmtpAccountView[]>(served, 'smtp.list');
    expect(JSON.stringify(list)).not.toContain(PASSWORD);
    expect(list.find((a) => a.id === 'principal')).toMatchObject({ hasPassword: true });

    await page.getByRole('button', { name: 'Editar conta Principal' }).click();
    const password = dialog().getByLabel('Senha', { exact: true });
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe('deixe em branco para manter');
    expect(await page.content()).not.toContain(PASSWORD);
    await shot('smtp-accounts-edit');

    // Saving with the password left blank keeps it: the login still works.
    await dialog().getByLabel('Nome do remetente').fill('Provedor Exemplo Cobrança');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => row('Provedor Exemplo Cobrança').isVisible()).toBe(true);
    expect(await row('Principal').innerText()).toContain('definida');
    await smtp.clear();
    await apiCall(served, 'mail.sendTest', { smtpAccountId: 'principal', to: 'eu@provedor.example' });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.authUser).toBe('cobranca');
    expect(mail!.from).toContain('Provedor Exemplo Cobrança');
  });

  it('removes an account after confirming', async () => {
    await page.getByRole('button', { name: 'Remover conta Porta fechada' }).click();
    await dialog().getByRole('button', { name: 'Remover' }).click();
    await expect.poll(() => row('Porta fechada').count()).toBe(0);
    expect((await apiCall<SmtpAccountView[]>(served, 'smtp.list')).map((a) => a.id)).toEqual(['principal']);
    await shot('smtp-accounts-list');
  });
});
