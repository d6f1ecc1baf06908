// Empresa and Feriados in the real UI: the company's state brings its holidays; own holidays are added
// and removed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../shared/domain';
import { readLogo } from '../../shared/logo';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await startServe(await tempDir());
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(served.url);
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

const menu = (label: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByText(label, { exact: true }).click();
const holidayRow = (text: string) =>
  page.getByRole('table', { name: 'Feriados de 2026' }).getByRole('row').filter({ hasText: text });

async function chooseYear(year: number) {
  await page.getByRole('button', { name: 'Ano' }).click();
  await page.getByRole('button', { name: String(year), exact: true }).click();
}

describe('Empresa', () => {
  it('starts empty, saying what to fill in', async () => {
    await menu('Empresa');
    await expect.poll(() => page.getByText('Comece pelos dados da empresa').isVisible()).toBe(true);
    await shot('company-empty');
  });

  it('shows errors beside the fields and saves nothing', async () => {
    await page.getByLabel('CNPJ').fill('12.345');
    await page.getByLabel('E-mail').fill('financeiro@');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByText('informe o nome da empresa').isVisible()).toBe(true);
    expect(
      await page.getByText(/CPF\/CNPJ inválido: tem \d+ caracteres \(CPF tem 11, CNPJ 14\)/).isVisible(),
    ).toBe(true);
    expect(await page.getByText('e-mail inválido').isVisible()).toBe(true);
    await shot('company-errors');
    expect(await apiCall(served, 'company.get')).toBeNull();
  });

  it('saves the company with state SP and city São Paulo', async () => {
    await page.getByRole('textbox', { name: 'Nome' }).fill('Provedor Exemplo Ltda');
    await page.getByLabel('CNPJ').fill('12.345.678/0001-95');
    await page.getByLabel('E-mail').fill('financeiro@provedor.example');
    await page.getByLabel('Telefone').fill('(11) 4000-1234');
    await page.getByRole('combobox', { name: 'Estado' }).click();
    await page.getByRole('option', { name: 'SP — São Paulo' }).click();
    await page.getByLabel('Cidade').fill('São Paulo');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByText('Dados da empresa salvos').isVisible()).toBe(true);
    expect(await apiCall<Company>(served, 'company.get')).toEqual({
      name: 'Provedor Exemplo Ltda',
      document: '12.345.678/0001-95',
      email: 'financeiro@provedor.example',
      phone: '(11) 4000-1234',
      timezone: 'America/Sao_Paulo',
      state: 'SP',
      city: 'São Paulo',
    });
    await shot('company-saved');
  });
});

describe('Empresa: logotipo', () => {
  const SVG =
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300" viewBox="0 0 1200 300">' +
    '<rect width="1200" height="300" fill="#0f766e"/><text x="40" y="200" font-size="160" fill="#fff">Fibra</text></svg>';
  const input = () => page.locator('input[type=file]');

  it('refuses a file that is not PNG or SVG, beside Logotipo', async () => {
    await menu('Empresa');
    await input().setInputFiles({ name: 'logo.txt', mimeType: 'text/plain', buffer: Buffer.from('oi') });
    await expect.poll(() => page.getByText('escolha uma imagem PNG ou SVG').isVisible()).toBe(true);
  });

  it('draws an SVG into a PNG that fits 600×240, shows it and saves it with the company', async () => {
    await input().setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG) });
    await expect.poll(() => page.getByRole('img', { name: 'Logotipo da empresa' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(async () => !!(await apiCall<Company>(served, 'company.get'))?.logo).toBe(true);
    const saved = await apiCall<Company>(served, 'company.get');
    const logo = readLogo(saved!.logo!);
    expect(logo.ok && [logo.value.width, logo.value.height]).toEqual([600, 150]);
    await shot('company-logo');
  });

  it('removes the logo', async () => {
    await page.getByRole('button', { name: 'Remover' }).click();
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(async () => (await apiCall<Company>(served, 'company.get'))?.logo ?? null).toBeNull();
  });
});

describe('Feriados', () => {
  it('lists 2026 with SP holidays: Consciência Negra 20/11 and Revolução Constitucionalista 09/07', async () => {
    await menu('Feriados');
    await chooseYear(2026);
    await expect.poll(() => holidayRow('20/11/2026').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await holidayRow('20/11/2026').innerText()).toMatch(
      /sexta-feira\s+Dia da Consciência Negra\s+Nacional/i,
    );
    expect(await holidayRow('09/07/2026').innerText()).toMatch(
      /quinta-feira\s+Revolução Constitucionalista\s+Estadual/i,
    );
    expect(await holidayRow('25/01/2026').innerText()).toMatch(/Municipal/i);
    await shot('holidays-2026-sp');
  });

  it('refuses an own holiday on a day that already is one, beside the date', async () => {
    await page.getByLabel('Data').fill('25/12/2026');
    await page.getByRole('textbox', { name: 'Nome' }).fill('Confraternização');
    await page.getByRole('button', { name: 'Adicionar feriado' }).click();
    await expect.poll(() => page.getByText('25/12/2026 já é feriado nacional: Natal').isVisible()).toBe(true);
    await shot('holidays-add-error');
  });

  it('adds a yearly own holiday and removes it', async () => {
    await page.getByLabel('Data').fill('');
    await page.getByLabel('Data').fill('15/10/2026');
    await page.getByRole('textbox', { name: 'Nome' }).fill('Dia do Provedor');
    await page.getByLabel('Repete todo ano').check();
    await page.getByRole('button', { name: 'Adicionar feriado' }).click();
    await expect.poll(() => holidayRow('15/10/2026').isVisible()).toBe(true);
    expect(await holidayRow('15/10/2026').innerText()).toMatch(
      /quinta-feira\s+Dia do Provedor\s+todo ano\s+Próprio/i,
    );
    expect(await apiCall(served, 'holidays.list', { year: 2027 })).toContainEqual(
      expect.objectContaining({ date: '2027-10-15', source: 'custom' }),
    );
    await shot('holidays-custom-added');

    await page.getByRole('button', { name: 'Remover Dia do Provedor' }).click();
    await expect.poll(() => holidayRow('15/10/2026').count()).toBe(0);
    expect(await apiCall(served, 'holidays.list', { year: 2027 })).not.toContainEqual(
      expect.objectContaining({ source: 'custom' }),
    );
  });
});
