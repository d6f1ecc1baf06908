// Configurações > Financeiro > Forma de Cobrança in a real browser: create a method, give it an
// "Envio após Vencido" rule, see a duplicate refused beside Dias para Envio, switch it off and on, and
// see the rule on the picture of the régua.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BillingMethodView } from '../../shared/contract/billing';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dataDir = await tempDir();
  // A method already in use by invoices (seeded by import: another slice's screen creates invoices).
  const doc = baseDocument(2525, {
    billingMethods: [{ id: 'pix', name: 'PIX', sendRules: [] }],
    invoices: [invoice('f1', { billingMethodId: 'pix' }), invoice('f2', { billingMethodId: 'pix' })],
  });
  const imported = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc)]);
  expect(imported.code, imported.stderr).toBe(0);
  served = await startServe(dataDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByText('Forma de Cobrança').click();
});
// What the screen looked like when a step failed.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await screenshot(page, 'billing-methods-failure');
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const methods = () => apiCall<BillingMethodView[]>(served, 'billingMethods.list');
const row = (name: string) =>
  page.getByRole('table', { name: 'Formas de cobrança' }).getByRole('row').filter({ hasText: name });
const dialog = () => page.getByRole('dialog');

/** A screenshot without the "Pronto" toasts, which would cover the page header. */
async function capture(name: string) {
  const hide = await page.addStyleTag({ content: '.mantine-Notifications-root { display: none; }' });
  await screenshot(page, name);
  await hide.evaluate((el) => (el as Element).remove());
}

async function chooseOption(label: string, option: string) {
  await dialog().getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addRule(kind: string, days: string, layout: string) {
  await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
  await expect.poll(() => dialog().getByText('Adicionar Regra de Envio').isVisible()).toBe(true);
  await chooseOption('Regra de Envio', kind);
  await chooseOption('Layout de Envio de Email', layout);
  await dialog().getByRole('textbox', { name: 'Dias para Envio' }).fill(days);
  await dialog().getByRole('button', { name: 'Salvar' }).click();
}

describe('Forma de Cobrança screen', () => {
  it('lists the imported method with its invoices, and refuses removing it while in use', async () => {
    await expect.poll(() => row('PIX').isVisible()).toBe(true);
    expect(await row('PIX').getByRole('cell').nth(3).textContent()).toBe('2');
    await row('PIX').getByRole('button', { name: 'Ações: PIX' }).click();
    const remove = page.getByRole('menuitem', { name: 'Remover' });
    expect(await remove.isDisabled()).toBe(true);
    await remove.hover();
    await expect
      .poll(() => page.getByText('Em uso por 2 faturas: desative em vez de remover.').isVisible())
      .toBe(true);
    await capture('billing-methods-remove-in-use');
    await page.keyboard.press('Escape');
  });

  it('creates "Boleto Bancário" from the Adicionar form, suggesting its identifier', async () => {
    await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
    await dialog().getByRole('textbox', { name: 'Nome' }).fill('Boleto Bancário');
    expect(await dialog().getByRole('textbox', { name: 'Identificador' }).inputValue()).toBe(
      'boleto-bancario',
    );
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => row('Boleto Bancário').isVisible()).toBe(true);
    await expect.poll(() => dialog().count()).toBe(0);
    expect((await methods()).find((m) => m.id === 'boleto-bancario')).toMatchObject({
      name: 'Boleto Bancário',
      active: true,
      sendRules: [],
    });
    await capture('billing-methods-list');
  });

  it('refuses, beside Nome, a second method with the same name', async () => {
    await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
    await dialog().getByRole('textbox', { name: 'Nome' }).fill('boleto bancario');
    await dialog().getByRole('textbox', { name: 'Identificador' }).fill('boleto-2');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect
      .poll(() => dialog().getByText('já existe uma forma de cobrança chamada "Boleto Bancário"').isVisible())
      .toBe(true);
    await capture('billing-methods-add-error');
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    expect((await methods()).map((m) => m.id)).toEqual(['pix', 'boleto-bancario']);
  });

  it('deactivates and reactivates from the Ações menu', async () => {
    await row('Boleto Bancário').getByRole('button', { name: 'Ações: Boleto Bancário' }).click();
    await page.getByRole('menuitem', { name: 'Desativar' }).click();
    await expect.poll(() => row('Boleto Bancário').getByText('Inativa').isVisible()).toBe(true);
    expect((await methods()).find((m) => m.id === 'boleto-bancario')?.active).toBe(false);
    await row('Boleto Bancário').getByRole('button', { name: 'Ações: Boleto Bancário' }).click();
    await page.getByRole('menuitem', { name: 'Ativar' }).click();
    await expect
      .poll(() => row('Boleto Bancário').getByText('Ativa', { exact: true }).isVisible())
      .toBe(true);
    expect((await methods()).find((m) => m.id === 'boleto-bancario')?.active).toBe(true);
  });

  it('opens Editar > Email and adds "Envio após Vencido" with 13 days, drawn at +13', async () => {
    await row('Boleto Bancário').getByRole('button', { name: 'Ações: Boleto Bancário' }).click();
    await page.getByRole('menuitem', { name: 'Editar' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/formas-de-cobranca/boleto-bancario');
    await expect.poll(() => page.getByRole('textbox', { name: 'Nome' }).inputValue()).toBe('Boleto Bancário');
    await capture('billing-methods-general');
    await page.getByRole('tab', { name: 'Email' }).click();
    await expect.poll(() => page.getByText('Nenhuma regra de envio', { exact: true }).isVisible()).toBe(true);
    await capture('billing-methods-email-empty');

    await addRule('Envio após Vencido', '13', 'Boleto Bancário – Após Vencimento');
    const rules = page.getByRole('table', { name: 'Regras de Envio' });
    await expect.poll(() => rules.getByRole('row').filter({ hasText: 'Envio após Vencido' }).count()).toBe(1);
    const cells = await rules.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual([
      'Envio após Vencido',
      '13',
      'Boleto Bancário – Após Vencimento',
      'Sim',
    ]);
    const timeline = page.getByRole('img', { name: /Régua de cobrança/ });
    expect(await timeline.locator('text').filter({ hasText: '+13' }).count()).toBe(1);
    const [method] = (await methods()).filter((m) => m.id === 'boleto-bancario');
    expect(method?.sendRules).toEqual([
      {
        id: 'r1',
        kind: 'after_due',
        days: 13,
        layoutId: 'boleto-apos-vencimento',
        attachInvoice: true,
        active: true,
        layoutName: 'Boleto Bancário – Após Vencimento',
      },
    ]);
    await capture('billing-methods-email-timeline');
  });

  it('refuses the same rule again, beside Dias para Envio, and saves nothing', async () => {
    await addRule('Envio após Vencido', '13', 'Boleto Bancário – Após Vencimento');
    const days = dialog().getByRole('textbox', { name: 'Dias para Envio' });
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
    const message = 'já existe a regra "Envio após Vencido com 13 dias" nesta forma de cobrança';
    const describedBy = (await days.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(message);
    await capture('billing-methods-duplicate-rule');
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    expect((await methods()).find((m) => m.id === 'boleto-bancario')?.sendRules).toHaveLength(1);
  });

  it('refuses days out of range beside the field, as typed (9999 is not cut to 365, -5 is not made 5)', async () => {
    for (const [typed, message] of [
      ['9999', 'Dias para Envio deve ser de 1 a 365 em Envio antes do Vencimento'],
      ['-5', 'Dias para Envio deve ser de 1 a 365 em Envio antes do Vencimento'],
    ]) {
      await addRule('Envio antes do Vencimento', typed!, 'Boleto Bancário – Antes do Vencimento');
      const days = dialog().getByRole('textbox', { name: 'Dias para Envio' });
      await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
      expect(await days.inputValue()).toBe(typed);
      expect(await dialog().getByText(message!).isVisible()).toBe(true);
      await dialog().getByRole('button', { name: 'Cancelar' }).click();
      await expect.poll(() => dialog().count()).toBe(0);
    }
    expect((await methods()).find((m) => m.id === 'boleto-bancario')?.sendRules).toHaveLength(1);
  });

  it('keeps Envio no Vencimento at 0 days and adds it at 0 on the régua', async () => {
    await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
    await chooseOption('Regra de Envio', 'Envio no Vencimento');
    const days = dialog().getByRole('textbox', { name: 'Dias para Envio' });
    await expect.poll(() => days.inputValue()).toBe('0');
    expect(await days.isDisabled()).toBe(true);
    expect(await dialog().getByRole('combobox', { name: 'Layout de Envio de Email' }).inputValue()).toBe(
      'Boleto Bancário – No Vencimento',
    );
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    const timeline = page.getByRole('img', { name: /Régua de cobrança/ });
    expect(await timeline.locator('text').filter({ hasText: /^0$/ }).count()).toBe(1);
  });

  it('dims an inactive rule on the régua, and the method switches off and on from its page', async () => {
    // From the keyboard, as the switch's thumb covers the visually hidden input.
    await page.getByRole('switch', { name: 'Ativa: Envio após Vencido com 13 dias' }).focus();
    await page.keyboard.press('Space');
    const mark = page.getByRole('img', { name: /Régua de cobrança/ }).locator('g[data-rule-id="r1"]');
    await expect.poll(() => mark.getAttribute('data-active')).toBe('false');
    expect(await mark.getAttribute('opacity')).toBe('0.35');

    await page.getByRole('button', { name: 'Desativar' }).click();
    await expect
      .poll(() => page.getByText('Esta forma de cobrança está inativa', { exact: false }).isVisible())
      .toBe(true);
    expect((await methods()).find((m) => m.id === 'boleto-bancario')?.active).toBe(false);
    await capture('billing-methods-email-inactive');
    await page.getByRole('button', { name: 'Ativar' }).click();
    await expect
      .poll(async () => (await methods()).find((m) => m.id === 'boleto-bancario')?.active)
      .toBe(true);
  });

  it('draws every kind of rule at its offset, due-date rules above the line and issue-date rules below', async () => {
    await apiCall(served, 'billingMethods.save', { id: 'carne', name: 'Carnê', create: true });
    const rules = [
      { id: 'a', kind: 'after_issue', days: 0, layoutId: 'boleto-emissao' },
      { id: 'b', kind: 'before_due', days: 5, layoutId: 'boleto-antes-vencimento' },
      { id: 'c', kind: 'before_due', days: 4, layoutId: 'boleto-antes-vencimento' },
      { id: 'd', kind: 'on_due', days: 0, layoutId: 'boleto-no-vencimento' },
      { id: 'e', kind: 'after_due', days: 13, layoutId: 'boleto-apos-vencimento', active: false },
      { id: 'f', kind: 'after_due', days: 30, layoutId: 'boleto-apos-vencimento' },
    ];
    for (const rule of rules) await apiCall(served, 'rules.save', { billingMethodId: 'carne', rule });
    await page.goto(`${served.baseUrl}#/formas-de-cobranca/carne/email`);
    const timeline = page.getByRole('img', { name: /Régua de cobrança/ });
    await expect.poll(() => timeline.locator('g[data-rule-id]').count()).toBe(6);
    const labels = await timeline.locator('g[data-rule-id] text').allTextContents();
    expect(labels.sort()).toEqual(['+0', '+13', '+30', '-4', '-5', '0'].sort());
    const centre = async (id: string) =>
      Number(await timeline.locator(`g[data-rule-id="${id}"] circle`).getAttribute('cx'));
    const labelY = async (id: string) =>
      Number(await timeline.locator(`g[data-rule-id="${id}"] text`).getAttribute('y'));
    const axis = Number(await timeline.locator('g[data-rule-id="d"] circle').getAttribute('cy'));
    // In time order along the line; -5 and -4 are too close to share a row, so one is lifted.
    expect([
      await centre('a'),
      await centre('b'),
      await centre('c'),
      await centre('d'),
      await centre('f'),
    ]).toEqual(
      [await centre('a'), await centre('b'), await centre('c'), await centre('d'), await centre('f')].sort(
        (x, y) => x - y,
      ),
    );
    expect(await labelY('b')).not.toBe(await labelY('c'));
    expect(await labelY('a')).toBeGreaterThan(axis);
    expect(await labelY('f')).toBeLessThan(axis);
    await capture('billing-methods-email-timeline-all-kinds');
  });

  it('edits a rule in place and removes another after confirming', async () => {
    await page.getByRole('button', { name: 'Editar regra Envio após Vencido com 30 dias' }).click();
    await expect.poll(() => dialog().getByText('Editar Regra de Envio').isVisible()).toBe(true);
    await dialog().getByRole('textbox', { name: 'Dias para Envio' }).fill('20');
    await dialog().getByRole('button', { name: 'Salvar' }).click();
    const timeline = page.getByRole('img', { name: /Régua de cobrança/ });
    await expect.poll(() => timeline.locator('g[data-rule-id="f"] text').textContent()).toBe('+20');

    await page.getByRole('button', { name: 'Remover regra Envio após Emissão com 0 dias' }).click();
    await dialog().getByRole('button', { name: 'Remover' }).click();
    await expect.poll(() => timeline.locator('g[data-rule-id="a"]').count()).toBe(0);
    const carne = (await methods()).find((m) => m.id === 'carne');
    expect(carne?.sendRules.map((r) => [r.id, r.days])).toEqual([
      ['b', 5],
      ['c', 4],
      ['d', 0],
      ['e', 13],
      ['f', 20],
    ]);
  });

  it('Boleto tab: refuses a 3% fine beside Multa, then saves fine and interest and shows the instruction', async () => {
    await page.getByRole('tab', { name: 'Boleto' }).click();
    const form = page.getByRole('form', { name: 'Boleto' });
    await form.getByRole('textbox', { name: 'Agência/Código do Beneficiário' }).fill('3381-2 / 0012345-6');
    await form.getByRole('textbox', { name: 'Multa por atraso' }).fill('3');
    await form.getByRole('textbox', { name: 'Juros de mora ao mês' }).fill('1');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await expect
      .poll(() =>
        form.getByText('Multa de no máximo 2% (limite do Código de Defesa do Consumidor)').isVisible(),
      )
      .toBe(true);
    await form.getByRole('textbox', { name: 'Multa por atraso' }).fill('2');
    await expect
      .poll(() =>
        form
          .getByText(
            'Após o vencimento, cobrar multa de 2% (R$ 2,00) e juros de mora de 1% ao mês (R$ 0,03 por dia de atraso).',
          )
          .isVisible(),
      )
      .toBe(true);
    await form.getByRole('button', { name: 'Salvar' }).click();
    await expect
      .poll(async () => (await methods()).find((m) => m.id === 'carne')?.boleto)
      .toEqual({ beneficiaryCode: '3381-2 / 0012345-6', finePercent: 2, monthlyInterestPercent: 1 });
    await capture('billing-methods-boleto');
  });
});
