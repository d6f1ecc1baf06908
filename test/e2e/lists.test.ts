// Faturas and Clientes as a clerk uses a list, in a real Chromium against `regua serve` on the company's
// clock (REGUA_NOW), in an English/New York browser: sort by a column (aria-sort), filter VENCIDA,
// tick three invoices and Marcar como paga after a confirmation that names them, read the summary;
// Cancelar asks first, and a cancelled invoice offers no Enviar por e-mail; Clientes by name, Z to A.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ListPage } from '../../shared/contract/method';
import type { InvoiceView } from '../../shared/contract/records';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { seriousAccessibilityViolations } from '../support/screen-checks';
import { apiCall, startServe, type Served } from '../support/serve';

let served: Served;
let browser: Browser;
let page: Page;

const NAMES = ['Maria da Silva', 'João Conceição', 'Ana Lúcia Ribeiro', 'Zélia Duarte', 'Bruno Álvares'];
const customers = NAMES.map((name, i) => ({
  id: `c${i + 1}`,
  name,
  email: `cliente${i + 1}@cliente.example`,
  address: { city: ['Campinas', 'Atibaia', 'Jundiaí', 'Sorocaba', 'Itu'][i] },
}));
// Today is 10/03/2026 in São Paulo. V-01…V-06 fell due in February (vencidas), A-01…A-06 fall due
// later; P-01 is paid, X-01 cancelled.
const invoices = [
  ...Array.from({ length: 6 }, (_, i) =>
    invoice(`v${i + 1}`, {
      customerId: `c${(i % 5) + 1}`,
      number: `V-0${i + 1}`,
      issueDate: '2026-02-01',
      dueDate: `2026-02-${String(10 + i).padStart(2, '0')}`,
      amountCents: 12_345 * (i + 1),
    }),
  ),
  ...Array.from({ length: 6 }, (_, i) =>
    invoice(`a${i + 1}`, {
      customerId: `c${(i % 5) + 1}`,
      number: `A-0${i + 1}`,
      issueDate: '2026-03-01',
      dueDate: `2026-03-${String(20 + i).padStart(2, '0')}`,
      amountCents: 9_990 + i,
    }),
  ),
  invoice('p1', { customerId: 'c1', number: 'P-01', status: 'paid', dueDate: '2026-02-05' }),
  invoice('x1', { customerId: 'c2', number: 'X-01', status: 'cancelled', dueDate: '2026-02-06' }),
];

beforeAll(async () => {
  const dataDir = await tempDir();
  const file = await writeDocument(dataDir, baseDocument(2525, { customers, invoices, routines: [] }));
  const imported = await runCli(['--data-dir', dataDir, 'import', file]);
  expect(imported.stderr).toBe('');
  served = await startServe(dataDir, { REGUA_NOW: '2026-03-10T15:00:00Z' });
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1500, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.addInitScript(() => sessionStorage.setItem('regua.setupOffered', '1'));
  await page.goto(served.url);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const menu = (label: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByText(label, { exact: true }).click();
const table = (name: string) => page.getByRole('table', { name });
const rows = (name: string) => table(name).locator('tbody tr');
const column = (name: string, index: number) =>
  rows(name).evaluateAll(
    (trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement).innerText.trim()),
    index,
  );
const header = (name: string, label: string) => table(name).locator('th').filter({ hasText: label });
const dialog = () => page.getByRole('dialog');
/** A screen catches up within seconds on a busy machine; vitest's default wait is one second. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const text = (locator: { textContent(): Promise<string | null> }) =>
  locator.textContent().then((t) => t ?? '');

describe('Faturas', () => {
  it('sorts by Valor both ways, with aria-sort on the header', async () => {
    await menu('Faturas');
    await poll(() => page.title()).toBe('Faturas — Régua');
    expect(await page.locator('h1').innerText()).toBe('Faturas');
    await poll(() => rows('Faturas').count()).toBe(14);
    expect(await header('Faturas', 'Vencimento').getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: 'Valor', exact: true }).click();
    await poll(() => header('Faturas', 'Valor').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Faturas', 'Vencimento').getAttribute('aria-sort')).toBe('none');
    const cents = (values: string[]) => values.map((v) => Number(v.replace(/\D/g, '')));
    await poll(async () => cents(await column('Faturas', 6))[13]).toBe(12_345 * 6);
    const asc = cents(await column('Faturas', 6));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect((await column('Faturas', 6))[13]).toBe('R$ 740,70');

    await page.getByRole('button', { name: 'Valor', exact: true }).click();
    await poll(() => header('Faturas', 'Valor').getAttribute('aria-sort')).toBe('descending');
    await poll(async () => (await column('Faturas', 6))[0]).toBe('R$ 740,70');
    await screenshot(page, 'lists-invoices-sorted');
  });

  it('filters VENCIDA, ticks three, and marks them paid after a confirmation naming them', async () => {
    await page.getByRole('combobox', { name: 'Situação' }).click();
    await page.getByRole('option', { name: 'Vencidas' }).click();
    await poll(() => rows('Faturas').count()).toBe(6);
    expect(await text(table('Faturas').locator('tbody'))).not.toMatch(/aberta|paga|cancelada/);
    expect((await column('Faturas', 7)).every((s) => s.toLowerCase() === 'vencida')).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    for (const n of ['V-06', 'V-05', 'V-04'])
      await page.getByRole('checkbox', { name: `Selecionar fatura ${n}` }).check();
    await poll(() => page.getByText('3 faturas selecionadas.').isVisible()).toBe(true);
    const trigger = page.getByRole('button', { name: 'Marcar como paga' });
    await trigger.click();
    const confirm = dialog();
    await poll(() => text(confirm)).toContain('Marcar 3 faturas como pagas?');
    expect(await text(confirm)).toContain('V-06, V-05, V-04');
    // Today comes from the app a moment after the dialog opens (Confirmar waits for it).
    await poll(() => confirm.getByRole('textbox', { name: 'Data do pagamento' }).inputValue()).toBe(
      '10/03/2026',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'lists-invoices-bulk-confirm');
    await confirm.getByRole('button', { name: 'Marcar como paga' }).click();
    await poll(() => dialog().count()).toBe(0);
    // Focus is back where the clerk was, not lost at the top of the page.
    await poll(() => page.evaluate(() => document.activeElement?.tagName ?? '')).not.toBe('BODY');

    const summary = page.getByRole('alert').filter({ hasText: 'Marcar como paga: resultado' });
    await poll(() => text(summary)).toContain('3 faturas marcadas como pagas.');
    await poll(() => rows('Faturas').count()).toBe(3);
    const paid = await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', { status: 'paid' });
    expect(paid.items.map((i) => i.number).sort()).toEqual(['P-01', 'V-04', 'V-05', 'V-06']);
    expect(paid.items.find((i) => i.number === 'V-06')!.payment).toMatchObject({
      date: '2026-03-10',
      amountCents: 12_345 * 6,
    });
    await screenshot(page, 'lists-invoices-bulk-summary');
  });

  it('says which were left out and why when a bulk action does not apply to all', async () => {
    await page.getByRole('button', { name: 'Limpar filtros' }).first().click();
    await poll(() => rows('Faturas').count()).toBe(14);
    await page.getByRole('checkbox', { name: 'Selecionar fatura P-01' }).check();
    await page.getByRole('checkbox', { name: 'Selecionar fatura V-01' }).check();
    await page.getByRole('button', { name: 'Cancelar', exact: true }).click();
    const confirm = dialog();
    await poll(() => text(confirm)).toContain('Cancelar 2 faturas?');
    await confirm.getByRole('button', { name: 'Cancelar 2 faturas' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Cancelar faturas: resultado' });
    await poll(() => text(summary)).toContain('1 fatura cancelada.');
    expect(await text(summary)).toContain('A fatura P-01 está paga (reabra-a antes de cancelar).');
  });

  it('asks before cancelling one invoice, and offers no Enviar por e-mail on a cancelled one', async () => {
    await page.getByRole('button', { name: 'Ações da fatura A-01' }).click();
    await page.getByRole('menuitem', { name: 'Cancelar' }).click();
    const confirm = dialog();
    await poll(() => text(confirm)).toContain('Cancelar a fatura A-01 de Maria da Silva');
    await confirm.getByRole('button', { name: 'Voltar' }).click();
    await poll(() => dialog().count()).toBe(0);
    expect(
      (await apiCall<ListPage<InvoiceView>>(served, 'invoices.list', { search: 'A-01' })).items[0]!.status,
    ).toBe('open');

    await page.getByRole('button', { name: 'Ações da fatura A-01' }).click();
    await page.getByRole('menuitem', { name: 'Cancelar' }).click();
    await dialog().getByRole('button', { name: 'Cancelar fatura' }).click();
    await poll(() => page.getByRole('alert').filter({ hasText: 'Fatura A-01 cancelada' }).count()).toBe(1);
    await poll(() => text(rows('Faturas').filter({ hasText: 'A-01' }).first())).toContain('cancelada');

    for (const n of ['A-01', 'X-01', 'P-01']) {
      await page.getByRole('button', { name: `Ações da fatura ${n}` }).click();
      await poll(() => page.getByRole('menuitem', { name: 'Reabrir' }).isVisible()).toBe(true);
      expect(await page.getByRole('menuitem', { name: 'Enviar por e-mail' }).count(), n).toBe(0);
      await page.keyboard.press('Escape');
    }
    await page.getByRole('button', { name: 'Ações da fatura A-02' }).click();
    // The menu opens with a transition: wait for it rather than count at once.
    await poll(() => page.getByRole('menuitem', { name: 'Enviar por e-mail' }).count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('shows the empty state of a filter that finds nothing, with Limpar filtros', async () => {
    await page.getByLabel('Buscar faturas').fill('nada-disso');
    await poll(() => page.getByText('Nenhuma fatura atende a esses filtros.').isVisible()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The empty state's own Limpar filtros (the filter bar has one too).
    await page.getByRole('main').getByRole('button', { name: 'Limpar filtros' }).last().click();
    await poll(() => rows('Faturas').count()).toBe(14);
  });
});

describe('Clientes', () => {
  it('sorts by name, Z to A, and names what each icon button acts on', async () => {
    await menu('Clientes');
    await poll(() => page.title()).toBe('Clientes — Régua');
    expect(await page.locator('h1').innerText()).toBe('Clientes');
    await poll(() => rows('Clientes').count()).toBe(5);
    expect(await header('Clientes', 'Nome').getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Nome', exact: true }).click();
    await poll(() => header('Clientes', 'Nome').getAttribute('aria-sort')).toBe('descending');
    await poll(async () => (await column('Clientes', 0)).map((c) => c.split('\n')[0])).toEqual([
      'Zélia Duarte',
      'Maria da Silva',
      'João Conceição',
      'Bruno Álvares',
      'Ana Lúcia Ribeiro',
    ]);
    expect(await page.getByRole('button', { name: 'Editar cliente Zélia Duarte' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Remover cliente Zélia Duarte' }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'lists-customers-name-desc');
  });
});
