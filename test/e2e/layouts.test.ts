// Configurações › Geral › Layout de E-mail in a real browser against `regua serve`: the list with the
// subjects as customers read them; a clerk editing the after-due layout in the visual editor (a
// sentence changed, {{fatura.valor}} inserted as a chip, saved) and the notice a routine then sends
// through a real SMTP server carrying the change; unknown variables refused; leaving with unsaved
// changes asks; the HTML code, the preview with a real invoice, a test send and an own layout.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { screenshotAtSizes } from '../support/screen-checks';
import { apiCall, startServe, type Served } from '../support/serve';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const AFTER_DUE = 'Boleto Bancário – Após Vencimento';
const AFTER_DUE_SUBJECT = 'Fatura {{fatura.numero}} em atraso – venceu em {{fatura.vencimento}}';
const ORIGINAL_SENTENCE =
  'Até {{envio.data}}, não identificamos o pagamento da sua fatura com vencimento em <strong>{{fatura.vencimento}}</strong>. Para manter seu acesso à internet sem interrupções, regularize o pagamento o quanto antes.';
const NEW_SENTENCE =
  'Sua fatura de {{fatura.valor}} continua em aberto. Regularize hoje para evitar o bloqueio.';

let served: Served;
let browser: Browser;
let smtp: TestSmtpServer;
let dataDir: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  dataDir = await tempDir();
  // The company, the SMTP account on the test server, the after_due 13 rule, customer Maria da Silva
  // and invoice N-f1 (due 20/02/2021: its notice goes out on 05/03/2021).
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
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByText('Layout de E-mail', { exact: true })
    .click();
  await page.getByRole('heading', { name: 'Layout de E-mail', level: 1 }).waitFor();
  return page;
}

async function openEditor(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

const body = (page: Page) => page.getByRole('textbox', { name: 'Corpo do e-mail' });
const subjectField = (page: Page) => page.getByRole('textbox', { name: 'Assunto' });
const htmlCode = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Código HTML do corpo do e-mail"]')!
        .value,
  );
const previewSubject = (page: Page) => page.getByTestId('preview-subject').textContent();
const previewFrame = (page: Page) => page.frameLocator('iframe[title="Prévia do e-mail"]');

describe('Layout de E-mail', () => {
  it('lists the layouts with the subject as a customer reads it, and their status', async () => {
    const page = await openLayouts();
    const table = page.getByRole('table', { name: 'Layouts de e-mail' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5); // header + 4
    const row = table.getByRole('row').filter({ hasText: AFTER_DUE });
    await expect
      .poll(() => row.textContent())
      .toContain('Fatura 2026000123 em atraso – venceu em 15/03/2026');
    expect(await row.textContent()).not.toContain('{{');
    await expect.poll(() => row.textContent()).toContain('Pré-cadastrado');
    await screenshotAtSizes(page, 'layouts-lista');
    await page.close();
  });

  it('a clerk changes a sentence and inserts {{fatura.valor}} as a chip; the notice sent carries it', async () => {
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    const original = await htmlCode(page);
    // The layout as shipped (the store trims the file's last line break).
    expect(original).toBe(
      (await readFile(join('assets', 'layouts', 'boleto-apos-vencimento.html'), 'utf8')).trim(),
    );
    // The conditions read as blocks, the variables as chips.
    await body(page).getByText('Se a fatura tem boleto (linha digitável):').waitFor();
    await body(page).locator('[data-variable="cliente.nome"]').first().waitFor();
    await screenshotAtSizes(page, 'layouts-editor-visual');

    // Select the sentence (a triple click takes its paragraph) and write the new one.
    await body(page).getByText('não identificamos o pagamento', { exact: false }).click({ clickCount: 3 });
    await page.keyboard.type('Sua fatura de ');
    await page.getByRole('button', { name: 'Inserir {{fatura.valor}}' }).click();
    await page.keyboard.type(' continua em aberto. Regularize hoje para evitar o bloqueio.');
    const paragraph = body(page).locator('p', { hasText: 'continua em aberto' });
    await expect.poll(() => paragraph.locator('[data-variable="fatura.valor"]').count()).toBe(1);
    expect(await paragraph.locator('[data-variable="fatura.valor"]').innerText()).toBe('Valor da fatura');
    await page.getByText('Alterações não salvas').waitFor();
    await previewFrame(page).getByText('Sua fatura de R$ 99,90 continua em aberto.').waitFor();

    // Only that sentence changed in the HTML.
    const edited = await htmlCode(page);
    expect(edited).toBe(original.replace(ORIGINAL_SENTENCE, NEW_SENTENCE));

    // Leaving before saving asks; keeping on editing keeps the change.
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByText('Rotinas', { exact: true })
      .click();
    const leave = page.getByRole('dialog', { name: 'Sair sem salvar?' });
    await leave
      .getByText('As alterações no layout “Boleto Bancário – Após Vencimento” ainda não foram salvas')
      .waitFor();
    await screenshot(page, 'layouts-sair-sem-salvar');
    await leave.getByRole('button', { name: 'Continuar editando' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).hash).toBe('#/layouts/editar/boleto-apos-vencimento');
    expect(await htmlCode(page)).toBe(edited);

    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText(`Layout "${AFTER_DUE}" salvo`).waitFor();
    await page.getByText('Editado', { exact: true }).waitFor();
    const saved = await apiCall<{ id: string; html: string }[]>(served, 'layouts.list');
    expect(saved.find((l) => l.id === 'boleto-apos-vencimento')!.html).toBe(edited);
    // Saved: leaving no longer asks.
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByText('Rotinas', { exact: true })
      .click();
    await page.getByRole('heading', { name: 'Rotinas', level: 1 }).waitFor();
    await page.close();

    // The routine sends the notice through the real SMTP server with the new sentence.
    await smtp.clear();
    const run = await runCli(['--data-dir', dataDir, 'run', '--date', '2021-03-05']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.envelopeTo).toEqual(['maria@cliente.example']);
    expect(mail!.html).toContain(
      'Sua fatura de R$ 99,90 continua em aberto. Regularize hoje para evitar o bloqueio.',
    );
    expect(mail!.html).not.toContain('não identificamos o pagamento');
    expect(mail!.text).toContain('Sua fatura de R$ 99,90 continua em aberto.');
    // The rest of the e-mail is as before: the summary table, the linha digitável section, the footer.
    expect(mail!.html).toContain('Dias em atraso');
    expect(mail!.html).toContain('A fatura em PDF segue anexa a este e-mail.');
  });

  it('refuses an unknown variable typed in the visual editor, naming it, and saves nothing', async () => {
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    await body(page).getByText('continua em aberto', { exact: false }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Código: {{fatura.codigo}}.');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('variável desconhecida: {{fatura.codigo}}', { exact: false }).first().waitFor();
    await screenshot(page, 'layouts-variavel-desconhecida');
    const saved = await apiCall<{ id: string; html: string }[]>(served, 'layouts.list');
    expect(saved.find((l) => l.id === 'boleto-apos-vencimento')!.html).not.toContain('fatura.codigo');
    await page.keyboard.press('Control+Z'); // undo the typing: nothing left to save
    await page.close();
  });

  it('edits the subject with chips, refuses a typo beside Assunto, and restores the default', async () => {
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    const subject = subjectField(page);
    await subject.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Olá {{cliente.nomee}}, fatura em atraso');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('variável desconhecida: {{cliente.nomee}} (quis dizer {{cliente.nome}}?)').waitFor();
    // The preview still renders, showing the unknown tag where it stands.
    await expect.poll(() => previewSubject(page)).toBe('Olá {{cliente.nomee}}, fatura em atraso');

    // Fixed from the catalogue: the variable goes in as a chip where the cursor is.
    await subject.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Olá ');
    await page.getByRole('button', { name: 'Inserir {{cliente.nome}}' }).click();
    await page.keyboard.type(', fatura em atraso');
    await expect.poll(() => subject.locator('[data-variable="cliente.nome"]').count()).toBe(1);
    await expect.poll(() => previewSubject(page)).toBe('Olá Maria da Silva Souza, fatura em atraso');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText(`Layout "${AFTER_DUE}" salvo`).waitFor();
    const saved = await apiCall<{ id: string; subject: string }[]>(served, 'layouts.list');
    expect(saved.find((l) => l.id === 'boleto-apos-vencimento')!.subject).toBe(
      'Olá {{cliente.nome}}, fatura em atraso',
    );

    await page.getByRole('button', { name: 'Restaurar padrão' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurar padrão' });
    await dialog.getByRole('button', { name: 'Restaurar padrão' }).click();
    await page.getByText('Pré-cadastrado', { exact: true }).waitFor();
    await expect.poll(() => subject.locator('[data-variable="fatura.numero"]').count()).toBe(1);
    await body(page).getByText('não identificamos o pagamento', { exact: false }).waitFor();
    const restored = await apiCall<{ id: string; subject: string }[]>(served, 'layouts.list');
    expect(restored.find((l) => l.id === 'boleto-apos-vencimento')!.subject).toBe(AFTER_DUE_SUBJECT);
    await page.close();
  });

  it('keeps the HTML code for experts: an edit there shows in the visual editor', async () => {
    const page = await openLayouts();
    await openEditor(page, AFTER_DUE);
    await page.getByRole('tab', { name: 'Código HTML' }).click();
    const code = page.getByRole('textbox', { name: 'Código HTML do corpo do e-mail' });
    const html = await code.inputValue();
    await code.fill(html.replace('Fatura em atraso</h1>', 'Fatura em aberto</h1>'));
    await page.getByRole('tab', { name: 'Editor visual' }).click();
    await body(page).getByText('Fatura em aberto', { exact: true }).waitFor();
    await screenshot(page, 'layouts-codigo-html');
    // Leave without saving.
    await page
      .getByRole('navigation', { name: 'Você está em' })
      .getByRole('link', { name: 'Layout de E-mail' })
      .click();
    await page
      .getByRole('dialog', { name: 'Sair sem salvar?' })
      .getByRole('button', { name: 'Sair sem salvar' })
      .click();
    await page.getByRole('table', { name: 'Layouts de e-mail' }).waitFor();
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
    await page.getByRole('heading', { name: 'Novo layout', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Nome' }).fill('Aviso de Suspensão');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/layouts/editar/aviso-de-suspensao');
    await page.getByText('Próprio', { exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Você está em' })
      .getByRole('link', { name: 'Layout de E-mail' })
      .click();
    const own = page.getByRole('row').filter({ hasText: 'Aviso de Suspensão' });
    await expect.poll(() => own.textContent()).toContain('Próprio');
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

  it('marks a layout as "Lembrete sem cobrança", refusing a payment variable beside the body', async () => {
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
    await page.getByRole('tab', { name: 'Código HTML' }).click();
    await page
      .getByRole('textbox', { name: 'Código HTML do corpo do e-mail' })
      .fill('<p>Olá, {{cliente.nome}}: sua fatura vence em {{fatura.vencimento}}.</p>');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/layouts/editar/lembrete');
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'Lembrete sem cobrança' }).isChecked())
      .toBe(true);
    await page.close();
  });
});
