// Contas de e-mail > Domínio e DKIM in the real UI: generate a key, copy the record, "Verificar
// domínio" against a real DNS server (dnsmasq) first with nothing published, then with the records
// the screen said to publish; the account form still saves with a key, and its bounce mailbox
// ("Caixa para retornos") is tried on a real IMAP server (Dovecot).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpAccountView } from '../../shared/contract/mail';
import { launchBrowser, screenshot } from '../support/browser';
import { debianProgram } from '../support/debian-package';
import { startDnsmasq, type LocalDns } from '../support/dnsmasq';
import { tempDir } from '../support/documents';
import { startDovecot, type TestImapServer } from '../support/dovecot';
import { freePort } from '../support/free-port';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const dnsmasq = await debianProgram('dnsmasq', 'dnsmasq-base');
const dovecot = await debianProgram('dovecot', 'dovecot-imapd');

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;
let dnsPort: number;
let dns: LocalDns | null = null;
let imap: TestImapServer | null = null;

beforeAll(async () => {
  if (dnsmasq.skip) return;
  smtp = await startSmtpServer();
  dnsPort = await freePort();
  if (dovecot.path) imap = await startDovecot(dovecot.path);
  served = await startServe(await tempDir(), { REGUA_DNS_SERVERS: `127.0.0.1:${dnsPort}` });
  await apiCall(served, 'smtp.save', {
    id: 'principal',
    name: 'Principal',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    fromName: 'Provedor Exemplo',
    fromAddress: 'cobranca@provedor.test',
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.baseUrl });
  page = await context.newPage();
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByText('Contas de e-mail').click();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
  await dns?.stop();
  await imap?.stop();
});

async function shot(name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await screenshot(page, name);
}
const dialog = () => page.getByRole('dialog');
const check = (name: string) => dialog().getByRole('region', { name: new RegExp(`^${name}:`) });

async function serveDns(txt: Record<string, string>) {
  await dns?.stop();
  dns = await startDnsmasq(dnsmasq.path!, { txt, domains: ['test'] }, dnsPort);
}

describe.skipIf(dnsmasq.skip)('Domínio e DKIM', () => {
  it('generates a key and shows the exact record, with a copy button', async () => {
    await page.getByRole('button', { name: 'Domínio e DKIM de Principal' }).click();
    await expect.poll(() => dialog().getByText('Com DKIM, cada e-mail sai assinado').isVisible()).toBe(true);
    await dialog().getByRole('button', { name: 'Gerar chave' }).click();
    const record = dialog().getByRole('group', { name: 'Registro DKIM a publicar' });
    await expect.poll(() => record.isVisible(), { timeout: 20_000 }).toBe(true);
    const [view] = await apiCall<SmtpAccountView[]>(served, 'smtp.list');
    expect(view!.dkim!.record!.name).toMatch(/^regua\d{6}\._domainkey\.provedor\.test$/);
    expect(await record.innerText()).toContain(view!.dkim!.record!.name);
    expect(await record.innerText()).toContain(view!.dkim!.record!.value);

    await record.getByRole('button', { name: 'Copiar valor' }).click();
    await expect.poll(() => record.getByRole('button', { name: 'Copiar valor' }).innerText()).toBe('Copiado');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(view!.dkim!.record!.value);
    expect(await page.content()).not.toContain('PRIVATE KEY');
    await shot('deliverability-dkim-generated');
  });

  it('Verificar domínio with nothing published says, in Portuguese, what to publish', async () => {
    await serveDns({ 'outro.test': 'v=spf1 -all' });
    await dialog().getByRole('button', { name: 'Verificar domínio' }).click();
    await expect
      .poll(() => dialog().getByText('Falta acertar o domínio').isVisible(), { timeout: 20_000 })
      .toBe(true);
    for (const name of ['SPF', 'DKIM', 'DMARC'])
      expect(await check(name).getByText('Falta publicar').isVisible()).toBe(true);
    expect(await check('SPF').innerText()).toContain('v=spf1 ip4:127.0.0.1 ~all');
    expect(await check('DMARC').innerText()).toContain('_dmarc.provedor.test');
    expect(await check('DMARC').innerText()).toContain('v=DMARC1; p=none; rua=mailto:cobranca@provedor.test');
    await shot('deliverability-domain-missing');
  });

  it('after publishing what the screen showed, the domain is ready', async () => {
    const [view] = await apiCall<SmtpAccountView[]>(served, 'smtp.list');
    const spf = await check('SPF')
      .getByRole('group')
      .getByText(/^v=spf1/)
      .innerText();
    const dmarc = await check('DMARC')
      .getByRole('group')
      .getByText(/^v=DMARC1/)
      .innerText();
    await serveDns({
      'provedor.test': spf,
      [view!.dkim!.record!.name]: view!.dkim!.record!.value,
      '_dmarc.provedor.test': dmarc,
    });
    await dialog().getByRole('button', { name: 'Verificar domínio' }).click();
    await expect.poll(() => dialog().getByText('Domínio pronto').isVisible(), { timeout: 20_000 }).toBe(true);
    for (const name of ['SPF', 'DKIM', 'DMARC'])
      expect(await check(name).getByText('OK', { exact: true }).isVisible()).toBe(true);
    expect(await dialog().innerText()).toContain(
      'O domínio provedor.test está pronto: SPF, DKIM e DMARC em ordem.',
    );
    await shot('deliverability-domain-ready');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(
      await page.getByRole('row').filter({ hasText: 'Principal' }).getByText('assina com DKIM').isVisible(),
    ).toBe(true);
  });

  it('the account form still saves with a key, and Caixa para retornos tests its connection', async () => {
    await page.getByRole('button', { name: 'Editar conta Principal' }).click();
    const form = dialog();
    await form.getByLabel('Ler os e-mails devolvidos de uma caixa para retornos (IMAP)').check();
    const box = form.getByRole('group', { name: 'Caixa para retornos' });
    await box.getByLabel('Servidor IMAP').fill('127.0.0.1');
    await box.getByRole('textbox', { name: 'Porta IMAP' }).fill(String(imap?.port ?? (await freePort())));
    await box.getByRole('combobox', { name: 'Segurança IMAP' }).click();
    await page.getByRole('option', { name: 'Nenhuma' }).click();
    await box.getByLabel('Usuário IMAP').fill(imap?.user ?? 'retornos@provedor.test');
    await box.getByLabel('Senha IMAP').fill('errada');
    await box.getByRole('button', { name: 'Testar conexão IMAP' }).click();
    await expect
      .poll(() => box.getByText('Falha na caixa para retornos').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await shot('deliverability-bounce-mailbox-failed');
    if (imap) {
      await box.getByLabel('Senha IMAP').fill(imap.password);
      await box.getByRole('button', { name: 'Testar conexão IMAP' }).click();
      await expect
        .poll(() => box.getByText('Caixa para retornos funcionando').isVisible(), { timeout: 20_000 })
        .toBe(true);
      expect(await box.innerText()).toContain('Login aceito e pasta "INBOX" aberta');
      await shot('deliverability-bounce-mailbox-ok');
    }
    await form.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => dialog().count(), { timeout: 5000 }).toBe(0);
    const [view] = await apiCall<SmtpAccountView[]>(served, 'smtp.list');
    expect(view).toMatchObject({
      dkim: { hasPrivateKey: true },
      bounceMailbox: { host: '127.0.0.1', security: 'none', folder: 'INBOX', hasPassword: true },
    });
    expect(
      await page.getByRole('row').filter({ hasText: 'Principal' }).getByText('lê retornos').isVisible(),
    ).toBe(true);
  });
});
