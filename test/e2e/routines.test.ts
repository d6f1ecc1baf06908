// Configurações › Geral › Rotinas in a real browser against `regua serve`: create a routine through the
// form, simulate the article's date, run it now against a real SMTP server, edit it, remove it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatDateBR } from '../../shared/calendar';
import type { RoutineView } from '../../shared/contract/routines';
import { dateInZone, nextSlot } from '../../shared/schedule';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { fillTime } from '../support/screen-checks';

const TZ = 'America/Sao_Paulo';
const today = dateInZone(new Date(), TZ);

let smtp: TestSmtpServer;
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dataDir = await tempDir();
  const doc = baseDocument(smtp.port, {
    routines: [],
    customers: [
      { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
      { id: 'c2', name: 'João Souza', email: 'joao@cliente.example' },
      { id: 'c3', name: 'Ana Pereira', email: 'ana@cliente.example' },
    ],
    invoices: [
      // The article's invoice: after_due 13 → its notice goes out on 05/03/2021.
      invoice('f1', { number: '2021-0001' }),
      invoice('f2', { customerId: 'c2', number: '2021-0002', status: 'paid' }),
      // Its reference date is today: the one "Executar agora" sends.
      invoice('f3', {
        customerId: 'c3',
        number: 'HOJE-0003',
        issueDate: addDays(today, -30),
        dueDate: addDays(today, -13),
      }),
    ],
  });
  const imported = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, doc)]);
  expect(imported.stderr).toBe('');
  served = await startServe(dataDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByText('Rotinas', { exact: true })
    .click();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

const row = (name: string) => page.getByRole('row').filter({ hasText: name });
const dialog = () => page.getByRole('dialog');

describe('Rotinas', () => {
  it('says what to do when there is no routine, and creates a daily one through the form', async () => {
    await expect.poll(() => page.getByText('Nenhuma rotina cadastrada').isVisible()).toBe(true);
    await screenshot(page, 'routines-empty');

    await page.getByRole('button', { name: 'Adicionar' }).click();
    const form = dialog();
    await form.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => form.getByText('informe a descrição').isVisible()).toBe(true);

    await form.getByLabel('Descrição').fill('Envio de faturas');
    expect(await form.getByRole('combobox', { name: 'Tarefa' }).inputValue()).toBe('Enviar Email');
    expect(await form.getByRole('combobox', { name: 'Conta de e-mail' }).inputValue()).toBe(
      'Provedor Exemplo <cobranca@provedor.example>',
    );
    await fillTime(form, 'Horário', '08:10:00');
    await form.getByRole('switch', { name: 'Executar em feriados' }).check();
    expect(await form.getByText('informe a descrição').count()).toBe(0);
    await page.waitForTimeout(300); // the switch's thumb slides
    await screenshot(page, 'routines-form');
    await form.getByRole('button', { name: 'Salvar' }).click();

    await expect.poll(() => row('Envio de faturas').count()).toBe(1);
    await expect.poll(() => dialog().count()).toBe(0);
    const next = nextSlot({ frequency: 'daily', time: '08:10:00' }, new Date(), TZ)!;
    const cells = row('Envio de faturas');
    expect(await cells.innerText()).toContain('Enviar Email');
    expect(await cells.innerText()).toContain('Todos os dias às 08:10:00');
    expect(await cells.innerText()).toContain(`${formatDateBR(next.date)} 08:10`);
    expect(await cells.innerText()).toContain('Nunca executada');

    const [saved] = await apiCall<RoutineView[]>(served, 'routines.list');
    expect(saved).toMatchObject({
      id: 'envio-de-faturas',
      task: 'send_email',
      schedule: { frequency: 'daily', time: '08:10:00' },
      runOnHolidays: true,
      catchUp: true,
      smtpAccountId: 'principal',
      billingMethodIds: [],
      active: true,
    });
    await screenshot(page, 'routines-list');
  });

  it("simulates 05/03/2021: the article's notice goes out, the paid invoice is left out", async () => {
    await row('Envio de faturas').getByRole('button', { name: 'Simular' }).click();
    const sim = dialog();
    await sim.getByLabel('Data').fill('05/03/2021');
    await sim.getByRole('button', { name: 'Simular' }).click();

    const due = sim.getByRole('table', { name: 'Avisos que seriam enviados' });
    await expect.poll(() => due.count()).toBe(1);
    const dueText = await due.innerText();
    for (const text of [
      '2021-0001',
      'Maria da Silva',
      'maria@cliente.example',
      'Envio após Vencido com 13 dias',
      '05/03/2021',
    ])
      expect(dueText).toContain(text);
    expect(dueText).not.toContain('HOJE-0003');
    const left = await sim.getByRole('table', { name: 'Faturas que ficariam de fora' }).innerText();
    expect(left).toContain('2021-0002');
    expect(left).toContain('fatura paga');
    expect(await sim.innerText()).toContain('Datas de referência de 05/03/2021 a 05/03/2021');
    await screenshot(page, 'routines-simulation');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await smtp.messages()).toHaveLength(0);
  });

  it('runs now with the e-mail server down: the run is aborted with the reason, the notice stays pending', async () => {
    await smtp.stop();
    try {
      await row('Envio de faturas').getByRole('button', { name: 'Executar agora' }).click();
      const run = dialog();
      await run.getByRole('button', { name: 'Executar', exact: true }).click();
      await expect
        .poll(() => run.getByText('Execução interrompida').isVisible(), { timeout: 15_000 })
        .toBe(true);
      const text = await run.innerText();
      expect(text).toContain(`O servidor 127.0.0.1 recusou a conexão na porta ${smtp.port}.`);
      expect(text).not.toMatch(/ECONNREFUSED/);
      expect(text).toContain('ficaram pendentes');
      await screenshot(page, 'routines-run-aborted');
      await run.getByRole('button', { name: 'Fechar' }).click();
      await expect
        .poll(() => row('Envio de faturas').textContent(), { timeout: 15_000 })
        .toContain('abortada');
    } finally {
      await smtp.restart();
    }
  });

  it('runs now: shows the progress pushed by main, the summary, and the pending e-mail reaches the server', async () => {
    // Hold the server's answer so the progress is on screen long enough to see it.
    await smtp.setFaults({ dataDelayMs: 1500 });
    await row('Envio de faturas').getByRole('button', { name: 'Executar agora' }).click();
    const run = dialog();
    expect(await run.innerText()).toContain(`Enviar agora os avisos de hoje (${formatDateBR(today)})`);
    await run.getByRole('button', { name: 'Executar', exact: true }).click();

    await expect.poll(() => run.getByText('Enviando: 0 de 1 aviso(s)').isVisible()).toBe(true);
    await screenshot(page, 'routines-run-progress');
    await expect.poll(() => run.getByText('Execução concluída').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await run.innerText()).toContain(`1 de 1 aviso(s) enviados em ${formatDateBR(today)}`);
    await screenshot(page, 'routines-run-result');

    const [mail, ...others] = await smtp.waitForMessages(1);
    expect(others).toHaveLength(0);
    expect(mail!.to).toEqual(['ana@cliente.example']);
    await smtp.setFaults({});

    await run.getByRole('button', { name: 'Fechar' }).click();
    // textContent: the status badge is upper-cased by CSS, which innerText would apply.
    await expect.poll(() => row('Envio de faturas').textContent()).toContain('concluída');
    expect(await row('Envio de faturas').textContent()).toContain('manual · 1 enviado, 0 falhas');
    await screenshot(page, 'routines-list-after-run');
  });

  it('edits the routine to Monday and Wednesday, then removes it', async () => {
    await row('Envio de faturas').getByRole('button', { name: 'Editar rotina Envio de faturas' }).click();
    const form = dialog();
    await form.getByText('Dias da semana', { exact: true }).first().click();
    for (const day of ['Ter', 'Qui', 'Sex']) {
      await form.getByText(day, { exact: true }).click();
      expect(await form.getByRole('checkbox', { name: day }).isChecked()).toBe(false);
    }
    expect(await form.getByRole('checkbox', { name: 'Seg' }).isChecked()).toBe(true);
    // A look at the month days and back: the weekdays picked are kept.
    await form.getByText('Dias do mês', { exact: true }).first().click();
    await form.getByText('20', { exact: true }).click();
    expect(await form.getByRole('checkbox', { name: 'Dia 20' }).isChecked()).toBe(true);
    await screenshot(page, 'routines-form-monthly');
    await form.getByText('Dias da semana', { exact: true }).first().click();
    expect(await form.getByRole('checkbox', { name: 'Qua' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Ter' }).isChecked()).toBe(false);
    await screenshot(page, 'routines-form-weekly');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => row('Envio de faturas').innerText()).toContain('Seg, Qua às 08:10:00');
    const [saved] = await apiCall<RoutineView[]>(served, 'routines.list');
    expect(saved!.schedule).toEqual({ frequency: 'weekly', time: '08:10:00', weekdays: [1, 3] });

    await row('Envio de faturas').getByRole('button', { name: 'Remover rotina Envio de faturas' }).click();
    await dialog().getByRole('button', { name: 'Remover' }).click();
    await expect.poll(() => page.getByText('Nenhuma rotina cadastrada').isVisible()).toBe(true);
    expect(await apiCall<RoutineView[]>(served, 'routines.list')).toEqual([]);
  });
});
