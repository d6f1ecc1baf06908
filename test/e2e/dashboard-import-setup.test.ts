// Início, Importar and the first start, driven in a real browser against `regua serve`: a fresh store
// opens the guided setup, the sample data fills Início, an import with errors saves nothing, and the
// chart shows what a `regua run` sent.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, invoice, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';
import type { DashboardSummary } from '../../shared/contract/overview';

// 2026-11-29 09:00 in São Paulo: today's 08:10 slot has passed, the next one is tomorrow.
const NOW = { REGUA_NOW: '2026-11-29T12:00:00Z' };
// The next run's e-mails are composed in the background at once, not after a quiet moment.
const SERVE_ENV = { ...NOW, REGUA_PREPARE_DELAY_MS: '0' };

let browser: Browser;
const running: Served[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await browser?.close();
});

async function open(dataDir?: string): Promise<{ served: Served; page: Page; dataDir: string }> {
  const dir = dataDir ?? (await tempDir('regua-e2e-start-'));
  const served = await startServe(dir, SERVE_ENV);
  running.push(served);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(served.url);
  return { served, page, dataDir: dir };
}

const hash = (page: Page) => new URL(page.url()).hash;

async function exported(dataDir: string): Promise<{ customers: unknown[]; invoices: unknown[] }> {
  const result = await runCli(['--data-dir', dataDir, 'export'], { env: NOW });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { customers: unknown[]; invoices: unknown[] };
}

describe('Configuração inicial', () => {
  it('opens by itself on a fresh store and walks empresa → conta → regra → rotina to Início', async () => {
    const { served, page } = await open();
    await expect.poll(() => hash(page)).toBe('#/configuracao-inicial');
    const main = page.getByRole('main');
    await main.getByLabel('Nome da empresa').waitFor();
    await screenshot(page, 'setup-1-empresa');

    // Step 1: errors beside their fields, from the same schema main uses.
    await main.getByLabel('E-mail do financeiro').fill('financeiro@');
    await main.getByRole('button', { name: 'Salvar e continuar' }).click();
    await main.getByText('informe o nome da empresa').waitFor();
    await main.getByText('e-mail inválido').waitFor();
    await screenshot(page, 'setup-1-empresa-erros');
    await main.getByLabel('Nome da empresa').fill('Net Rápida Telecom');
    await main.getByLabel('E-mail do financeiro').fill('financeiro@netrapida.example');
    await main.getByLabel('Cidade').fill('Fortaleza');
    await main.getByRole('button', { name: 'Salvar e continuar' }).click();

    // Step 2: the test mode instead of an SMTP server.
    await main.getByRole('button', { name: 'Usar modo de teste' }).waitFor();
    await main.getByRole('button', { name: 'Salvar e continuar' }).click();
    await main.getByText('informe o servidor SMTP', { exact: true }).waitFor();
    await screenshot(page, 'setup-2-conta');
    await main.getByRole('button', { name: 'Usar modo de teste' }).click();

    // Step 3: a rule the schema refuses first, then a good one.
    const days = main.getByLabel('Dias para Envio');
    await days.waitFor();
    await days.fill('0');
    await main.getByRole('button', { name: 'Salvar e continuar' }).click();
    await main.getByText('Dias para Envio deve ser de 1 a 365 em Envio após Vencido').waitFor();
    await screenshot(page, 'setup-3-regra-erro');
    await days.fill('13');
    await main.getByRole('button', { name: 'Salvar e continuar' }).click();

    // Step 4: the routine, on the test-mode account chosen before.
    await main.getByLabel('Executar em feriados').waitFor();
    await screenshot(page, 'setup-4-rotina');
    await main.getByRole('button', { name: 'Salvar e concluir' }).click();
    await main.getByText('Tudo pronto').waitFor();
    await screenshot(page, 'setup-concluida');

    const status = await apiCall<{ needsSetup: boolean; testMode: boolean }>(served, 'setup.status');
    expect(status).toMatchObject({ needsSetup: false, testMode: true });
    const methods = await apiCall<{ name: string; sendRules: { kind: string; days: number }[] }[]>(
      served,
      'billingMethods.list',
    );
    expect(methods).toMatchObject([
      { name: 'Boleto Bancário', sendRules: [{ kind: 'after_due', days: 13 }] },
    ]);

    await main.getByRole('button', { name: 'Ir para o Início' }).click();
    await expect.poll(() => hash(page)).toBe('#/');
    await main.getByTestId('next-run-when').getByText('30/11/2026 08:10').waitFor();
    expect(await main.getByRole('region', { name: 'Configuração inicial pendente' }).count()).toBe(0);
    await page.close();
  });

  it('Carregar dados de exemplo fills the store; Início shows the next run, the forecast, then the chart after a run', async () => {
    const { served, page, dataDir } = await open();
    await expect.poll(() => hash(page)).toBe('#/configuracao-inicial');
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Carregar dados de exemplo' }).click();
    await expect.poll(() => hash(page)).toBe('#/');
    await page.getByText(/Dados de exemplo carregados: 25 clientes e 60 faturas/).waitFor();

    await main.getByTestId('next-run-when').getByText('30/11/2026 08:10').waitFor();
    await main.getByText('Envio diário de faturas').waitFor();
    await main
      .getByTestId('forecast-total')
      .getByText(/hoje: 6$/)
      .waitFor();
    await main.getByTestId('forecast-chart').locator('.recharts-bar-rectangle path').first().waitFor();
    await main.getByText('Nenhum e-mail enviado a clientes nos últimos 30 dias', { exact: false }).waitFor();
    expect(await main.getByRole('region', { name: 'Configuração inicial pendente' }).count()).toBe(0);
    // Tomorrow's e-mails were composed in the background; the card says so without a reload.
    const prepared = main.getByTestId('next-run-prepared');
    await prepared.getByText(/^\d+ e-mails prontos para envio$/).waitFor();
    const summary = await apiCall<DashboardSummary>(served, 'dashboard.summary');
    expect(await prepared.textContent()).toBe(
      `${summary.nextRun!.prepared!.ready} e-mails prontos para envio`,
    );
    expect(summary.nextRun!.prepared!.ready).toBe(summary.forecast[1]!.count);
    await screenshot(page, 'dashboard-exemplo');

    // An invoice due tomorrow whose PDF file is missing: Início warns before the run.
    const broken = invoice('sem-pdf', {
      customerId: 'cliente-001',
      billingMethodId: 'boleto',
      number: 'EX-SEM-PDF',
      issueDate: '2026-11-20',
      dueDate: '2026-11-30',
      pdfPath: '/nao/existe/fatura.pdf',
    });
    await apiCall(served, 'import.apply', { document: { format: 'regua/v1', invoices: [broken] } });
    const alert = main.getByRole('alert', { name: '1 aviso da próxima execução não poderá ser enviado' });
    await alert.waitFor();
    await alert
      .getByText(/EX-SEM-PDF.*arquivo PDF da fatura não encontrado: \/nao\/existe\/fatura\.pdf/)
      .waitFor();
    await prepared.getByText('1 aviso com problema', { exact: false }).waitFor();
    await screenshot(page, 'dashboard-problema-preparado');

    // Loading the sample twice is refused: the store has invoices now.
    await expect(apiCall(served, 'setup.loadSample')).rejects.toThrow(/já existem faturas/);

    const run = await runCli(['--data-dir', dataDir, 'run', '--date', '2026-11-29'], { env: NOW });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    await page.reload();
    // The sample sends through the test mode: nothing went to customers, and Início says so.
    await main.getByTestId('sent-total').getByText('0 enviados · 0 falhas').waitFor();
    await main
      .getByTestId('test-mode-captured')
      .getByText(/6 e-mails capturados/)
      .waitFor();
    const lastRun = main.getByRole('region', { name: 'Última execução' });
    await lastRun.getByText('concluída').waitFor();
    await lastRun.getByText(/6 enviados · 0 falhas · 0 pendentes/).waitFor();
    await main
      .getByTestId('forecast-total')
      .getByText(/hoje: 0$/)
      .waitFor();
    await screenshot(page, 'dashboard-apos-execucao');
    await page.close();
  });
});

describe('Importar', () => {
  it('shows each error with its JSON path and saves nothing; a valid file then imports with counts', async () => {
    const { page, dataDir } = await open();
    await expect.poll(() => hash(page)).toBe('#/configuracao-inicial');
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByText('Importar', { exact: true })
      .click();
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Importar' }).waitFor();
    await screenshot(page, 'importar-vazio');

    const paste = main.getByLabel('…ou cole o conteúdo do documento');
    await paste.fill('{ "format": "regua/v1", ');
    await main.getByRole('button', { name: 'Verificar' }).click();
    await main.getByText(/o conteúdo não é um JSON válido/).waitFor();

    const broken = baseDocument(2525, {
      customers: [
        { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
        { id: 'c2', name: 'José Souza', email: 'jose@@cliente' },
      ],
      invoices: [
        invoice('f1'),
        invoice('f2', { dueDate: '2021-02-30' }),
        invoice('f3', { amountCents: 99.9 }),
      ],
    });
    await paste.fill(JSON.stringify(broken, null, 2));
    await main.getByRole('button', { name: 'Verificar' }).click();
    const report = main.getByRole('region', { name: 'Erros do documento' });
    await report.getByText('O documento tem 3 erros: nada será importado').waitFor();
    for (const [path, message] of [
      ['customers[1].email', 'e-mail inválido: jose@@cliente'],
      ['invoices[1].dueDate', 'data inválida'],
      ['invoices[2].amountCents', 'valor (amountCents) deve ser um número inteiro de centavos'],
    ]) {
      const row = report.getByRole('row').filter({ hasText: path! });
      await row.getByText(message!, { exact: false }).waitFor();
    }
    expect(await main.getByRole('button', { name: 'Importar', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'importar-erros');
    expect(await exported(dataDir)).toMatchObject({ customers: [], invoices: [] });

    // A valid file, chosen with the file picker.
    const dir = await tempDir('regua-e2e-doc-');
    const file = await writeDocument(
      dir,
      baseDocument(2525, {
        customers: [
          { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' },
          { id: 'c2', name: 'José Souza', email: 'jose@cliente.example' },
        ],
        invoices: [invoice('f1'), invoice('f2', { customerId: 'c2' })],
      }),
      'clientes.json',
    );
    // A chosen file is checked at once: nothing to click before the preview.
    await main.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => paste.isDisabled()).toBe(true);
    const preview = main.getByRole('region', { name: 'Prévia da importação' });
    await preview.getByRole('row', { name: 'Clientes 2 0' }).waitFor();
    await preview.getByRole('row', { name: 'Faturas 2 0' }).waitFor();
    await screenshot(page, 'importar-previa');
    expect(await exported(dataDir)).toMatchObject({ customers: [], invoices: [] });

    await main.getByRole('button', { name: 'Importar', exact: true }).click();
    await page.getByText(/Importação concluída — incluídos: 1 empresa, .*2 clientes, 2 faturas/).waitFor();
    await main.getByRole('region', { name: 'Resultado da importação' }).waitFor();
    expect(await main.getByRole('button', { name: 'Importar', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'importar-concluida');
    const after = await exported(dataDir);
    expect(after.customers).toHaveLength(2);
    expect(after.invoices).toHaveLength(2);
    await page.close();
  });
});
