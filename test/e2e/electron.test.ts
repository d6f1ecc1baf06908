// The desktop app itself, driven by Playwright's Electron support: launch, open Forma de Cobrança,
// add a rule, close the window to the tray, run now. Needs the Electron binary, which cannot be
// downloaded on the build machines: there the test is skipped and says why.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { startSmtpServer } from '../support/smtp-server';

const binary = join(
  process.cwd(),
  'node_modules',
  'electron',
  'dist',
  process.platform === 'win32' ? 'electron.exe' : 'electron',
);
const built = existsSync('out/main/index.js') && existsSync('dist/renderer/index.html');
const skipReason = !existsSync(binary)
  ? `sem o binário do Electron (${binary}): ele é baixado na primeira execução de \`npx electron\`, o que esta máquina não consegue`
  : !built
    ? 'app não construído: rode `npm run build` antes'
    : null;

describe('the desktop app (Electron)', () => {
  it('adds a rule in Forma de Cobrança, keeps running in the tray after the window closes, and runs now', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const smtp = await startSmtpServer();
    const dataDir = await tempDir();
    try {
      await runCli(['--data-dir', dataDir, 'import', await writeDocument(dataDir, baseDocument(smtp.port))]);
      const app = await electron.launch({
        executablePath: binary,
        args: ['.'],
        env: { ...process.env, REGUA_DATA_DIR: dataDir, REGUA_E2E: '1' },
      });
      const page = await app.firstWindow();
      await page.getByRole('link', { name: 'Forma de Cobrança' }).click();
      await page.getByText('Boleto Bancário').first().click();
      await page.getByRole('tab', { name: 'Email' }).click();
      await page.getByRole('button', { name: 'Adicionar' }).click();
      await page.getByLabel('Regra de Envio').click();
      await page.getByRole('option', { name: 'Envio no Vencimento' }).click();
      await page.getByRole('button', { name: 'Salvar' }).click();
      await expect.poll(() => page.getByText('Envio no Vencimento').count()).toBeGreaterThan(0);
      await page.close(); // hides to the tray
      expect(app.process().exitCode).toBeNull();
      await app.evaluate(() =>
        (globalThis as unknown as { reguaTray: { runNow(): void } }).reguaTray.runNow(),
      );
      await expect
        .poll(async () => (await runCli(['--data-dir', dataDir, 'history', '--json'])).stdout.length, {
          timeout: 30_000,
        })
        .toBeGreaterThan(2);
      await app.evaluate(() => (globalThis as unknown as { reguaTray: { quit(): void } }).reguaTray.quit());
    } finally {
      await smtp.stop();
    }
  });
});
