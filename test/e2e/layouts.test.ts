// Configuração > Geral > Layout de E-mail in a real browser against `regua serve`: the list, editing a
// pre-registered layout (refused with the unknown variable's name, fixed, previewed, restored), a new
// layout of the office's own, and a test send that reaches a real SMTP server with the PDF attached.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const AFTER_DUE = 'Boleto Bancário – Após Vencimento';
const AFTER_DUE_SUBJECT = 'Fatura {{fatura.numero}} em atraso – venceu em {{fatura.vencimento}}';

let served: Served;
let browser: Browser;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dataDir = await tempDir();
  // The company, the SMTP account on the test server, customer Maria da Silva and invoice N-f1.
  const imported = await runCli([
    '--data-dir',
    dataDir,
    'import',
    await writeDocument(dataDir, baseDocument(smtp.port)),
  ]);
  if (imported.code !== 0) throw new Error(`regua import: ${imported.stderr}`);
  served = await startServe(dataDir);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await smtp?.stop();
});

async function openLayouts(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByText('Layout de E-mail', { exact: true })
    .click();
  await page.getByRole('heading', { name: 'Layout de E-mail' }).waitFor();
  return page;
}

async function openEditor(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

/** The texts the field points at with aria-describedby: its description and its error. */
const describedBy = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' | '),
  );

const previewSubject = (page: Page) => page.getByTestId('preview-subject').textContent();
const previewFrame = (page: Page) => page.frameLocator('iframe[title="Prévia do e-mail"]');

describe('Layout de E-mail', () => {
  it('lists the pre-registered layouts with their subjects and status', async () => {
    const page = await openLayouts();
    const table = page.getByRole('table', { name: 'Layouts de e-mail' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5); // header + 4
    const row = table.getByRole('row').filter({ hasText: AFTER_DUE });
    await expect.poll(() => row.textContent()).toContain(AFTER_DUE_SUBJECT);
    await expect.poll(() => row.textContent()).toContain('Pré-cadastrado');
    await screenshot(page, 'layouts-list');
    await page.close();
  });

  it('refuses an unknown variable beside Assunto, previews the fix and restores the default', async () => {
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    const subject = page.getByRole('textbox', { name: 'Assunto' });
    expect(await subject.inputValue()).toBe(AFTER_DUE_SUBJECT);

    await subject.fill('Olá {{cliente.nomee}}, fatura de {{fatura.valor}} em atraso');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => subject.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(subject)).toContain('variável desconhecida: {{cliente.nomee}}');
    // The preview still renders, showing the unknown tag where it stands and the problem.
    await expect.poll(() => previewSubject(page)).toBe('Olá {{cliente.nomee}}, fatura de R$ 99,90 em atraso');
    await page.getByRole('region', { name: 'Prévia' }).getByText('O layout tem problemas').waitFor();
    await screenshot(page, 'layouts-error');

    // Fix it from the catalogue: the variable goes where the caret is.
    await subject.fill('Olá , fatura de {{fatura.valor}} em atraso');
    await subject.focus();
    await subject.evaluate((el: HTMLInputElement) => el.setSelectionRange(4, 4));
    await page.getByRole('button', { name: 'Inserir {{cliente.nome}}' }).click();
    expect(await subject.inputValue()).toBe('Olá {{cliente.nome}}, fatura de {{fatura.valor}} em atraso');
    await expect
      .poll(() => previewSubject(page))
      .toBe('Olá Maria da Silva Souza, fatura de R$ 99,90 em atraso');
    await previewFrame(page).getByText('Olá, Maria da Silva Souza!').waitFor();
    await previewFrame(page)
      .getByText(/R\$ \d+,\d{2}/)
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText(`Layout "${AFTER_DUE}" salvo`).waitFor();
    await expect.poll(() => subject.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByText('Editado', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Texto' }).click();
    await page.getByText('Olá, Maria da Silva Souza!').first().waitFor();
    await page.getByRole('tab', { name: 'E-mail' }).click();
    await screenshot(page, 'layouts-editor-preview');
    const saved = await apiCall<{ id: string; subject: string }[]>(served, 'layouts.list');
    expect(saved.find((l) => l.id === 'boleto-apos-vencimento')!.subject).toBe(
      'Olá {{cliente.nome}}, fatura de {{fatura.valor}} em atraso',
    );

    await page.getByRole('button', { name: 'Restaurar padrão' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurar padrão' });
    await screenshot(page, 'layouts-restore-confirm');
    await dialog.getByRole('button', { name: 'Restaurar padrão' }).click();
    await expect.poll(() => subject.inputValue()).toBe(AFTER_DUE_SUBJECT);
    await page.getByText('Pré-cadastrado', { exact: true }).waitFor();
    await page.close();
  });

  it('previews with a real invoice when the invoice list is available, or says why not', async () => {
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    const realInvoice = page.getByRole('radio', { name: 'Uma fatura real' });
    const listed = await apiCall(served, 'invoices.list', { search: '', page: 1, pageSize: 20 }).then(
      () => true,
      () => false,
    );
    if (!listed) {
      await page.getByText('Lista de faturas indisponível no momento').waitFor();
      expect(await realInvoice.isDisabled()).toBe(true);
    } else {
      await expect.poll(() => realInvoice.isEnabled()).toBe(true);
      await realInvoice.check();
      await page.getByRole('combobox', { name: 'Fatura' }).fill('N-f1');
      await page.getByRole('option', { name: /N-f1/ }).click();
      await page.getByLabel('Data do envio', { exact: true }).fill('05/03/2021');
      await page.keyboard.press('Escape');
      await expect.poll(() => previewSubject(page)).toBe('Fatura N-f1 em atraso – venceu em 20/02/2021');
      await previewFrame(page).getByText('Olá, Maria da Silva!').waitFor();
    }
    await screenshot(page, 'layouts-preview-source');
    await page.close();
  });

  it('sends a test through the SMTP account: "[TESTE]" in the subject, the QR code inline and the PDF attached', async () => {
    await smtp.clear();
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    await page.getByRole('button', { name: 'Enviar teste' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enviar teste' });
    await dialog.getByRole('textbox', { name: 'Enviar para (e-mail)' }).fill('teste@provedor.example');
    await dialog.getByRole('button', { name: 'Enviar teste' }).click();
    await dialog.getByText('Enviado', { exact: true }).waitFor();
    await screenshot(page, 'layouts-send-test');

    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.envelopeTo).toEqual(['teste@provedor.example']);
    expect(mail!.subject).toMatch(/^\[TESTE\] Fatura 2026000123 em atraso – venceu em 15\/03\/2026$/);
    // The sample invoice has PIX: its QR code rides inline, the PDF is attached.
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['pix-qrcode.png', 'image/png'],
      ['fatura-2026000123.pdf', 'application/pdf'],
    ]);
    expect(mail!.messageId).toMatch(/^<regua\.test\./);
    await page.close();
  });

  it('adds a layout of its own and deletes it', async () => {
    const page = await openLayouts();
    await page.getByRole('button', { name: 'Adicionar' }).click();
    await page.getByRole('heading', { name: 'Novo layout' }).waitFor();
    await page.getByRole('textbox', { name: 'Nome' }).fill('Aviso de Suspensão');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/layouts/editar/aviso-de-suspensao');
    await page.getByText('Próprio', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Layouts de E-mail' }).click();
    const own = page.getByRole('row').filter({ hasText: 'Aviso de Suspensão' });
    await expect.poll(() => own.textContent()).toContain('Próprio');
    await screenshot(page, 'layouts-list-own');
    await page.getByRole('link', { name: 'Aviso de Suspensão' }).click();

    await page.getByRole('button', { name: 'Excluir' }).click();
    await page
      .getByRole('dialog', { name: 'Excluir layout' })
      .getByRole('button', { name: 'Excluir' })
      .click();
    await page.getByRole('table', { name: 'Layouts de e-mail' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Aviso de Suspensão' }).count()).toBe(0);
    await page.close();
  });

  it('marks a layout as "Lembrete sem cobrança", refusing a payment variable beside HTML', async () => {
    const page = await openLayouts();
    await page.getByRole('button', { name: 'Adicionar' }).click();
    await page.getByRole('heading', { name: 'Novo layout' }).waitFor();
    await page.getByRole('textbox', { name: 'Nome' }).fill('Lembrete');
    await page.getByRole('checkbox', { name: 'Lembrete sem cobrança' }).check();
    await page.getByRole('button', { name: 'Salvar' }).click();
    // The new layout's sample HTML shows the linha digitável and the PIX code: refused for a reminder.
    await expect
      .poll(() =>
        page
          .getByText(/um layout de lembrete \(sem cobrança\) não pode usar \{\{fatura\.linhaDigitavel\}\}/)
          .isVisible(),
      )
      .toBe(true);
    await page
      .getByRole('textbox', { name: 'HTML' })
      .fill('<p>Olá, {{cliente.nome}}: sua fatura vence em {{fatura.vencimento}}.</p>');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/layouts/editar/lembrete');
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'Lembrete sem cobrança' }).isChecked())
      .toBe(true);
    await page.close();
  });
});
