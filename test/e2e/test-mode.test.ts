// Modo de teste in the real UI: enable it, send a message into it from outside the page, and watch it
// arrive in the inbox live, shown in a sandboxed frame; then clear the inbox.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await startServe(await tempDir());
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByText('Modo de teste').click();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Lets Mantine's transitions finish and scrolls to the top, so the full-page screenshot shows the final state. */
async function shot(name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

describe('Modo de teste', () => {
  it('explains the mode and offers to enable it; the inbox says what to do', async () => {
    await expect
      .poll(() => page.getByRole('button', { name: 'Ativar modo de teste' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('Nenhuma mensagem capturada').isVisible()).toBe(true);
    await shot('test-mode-disabled');
  });

  it('enables the mode: the test-mode account exists and the capture server listens', async () => {
    await page.getByRole('button', { name: 'Ativar modo de teste' }).click();
    await expect.poll(() => page.getByText('ativo', { exact: true }).isVisible()).toBe(true);
    const status = await apiCall<{ enabled: boolean; port: number | null }>(served, 'testMode.status');
    expect(status.enabled).toBe(true);
    expect(status.port).toEqual(expect.any(Number));
    await shot('test-mode-enabled');
  });

  it('shows a message sent through the test-mode account live, with its HTML sandboxed and its text', async () => {
    const sent = await apiCall<{ ok: boolean }>(served, 'mail.sendTest', {
      smtpAccountId: 'modo-teste',
      to: 'cliente@exemplo.com.br',
    });
    expect(sent.ok).toBe(true);
    // No reload: the inbox.received event brings it in and opens it.
    const inbox = page.getByRole('table', { name: 'Mensagens capturadas' });
    await expect
      .poll(() => inbox.getByText('Régua – e-mail de teste').isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await inbox.getByText('cliente@exemplo.com.br').isVisible()).toBe(true);

    const viewer = page.getByRole('region', { name: 'Mensagem selecionada' });
    await expect
      .poll(() => viewer.getByRole('heading', { name: 'Régua – e-mail de teste' }).isVisible())
      .toBe(true);
    const frame = viewer.locator('iframe[title="Conteúdo HTML da mensagem"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('E-mail de teste');
    await expect
      .poll(() =>
        page
          .frameLocator('iframe[title="Conteúdo HTML da mensagem"]')
          .getByRole('heading', { name: 'E-mail de teste' })
          .isVisible(),
      )
      .toBe(true);
    await shot('test-mode-inbox-html');

    await viewer.getByRole('tab', { name: 'Texto' }).click();
    expect(await viewer.getByLabel('Texto da mensagem').innerText()).toContain('Este é um e-mail de teste');
    await shot('test-mode-inbox-text');
  });

  it('sends a test e-mail from the page itself into the inbox', async () => {
    await page.getByLabel('Enviar e-mail de teste para').fill('outra@exemplo.com.br');
    await page.getByRole('button', { name: 'Enviar teste' }).click();
    await expect
      .poll(() => page.getByText('E-mail de teste enviado para outra@exemplo.com.br.').isVisible())
      .toBe(true);
    const inbox = page.getByRole('table', { name: 'Mensagens capturadas' });
    await expect.poll(() => inbox.getByText('outra@exemplo.com.br').isVisible()).toBe(true);
  });

  it('Limpar caixa empties the inbox after confirming', async () => {
    await page.getByRole('button', { name: 'Limpar caixa' }).click();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.getByRole('dialog').getByRole('button', { name: 'Limpar caixa' }).click();
    await expect.poll(() => page.getByText('Nenhuma mensagem capturada').isVisible()).toBe(true);
    expect(await apiCall(served, 'inbox.list')).toEqual([]);
    await shot('test-mode-cleared');
  });
});
