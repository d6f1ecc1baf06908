// `npm start` where the desktop app cannot open (this machine: no graphical session, no Electron binary
// and no way to download it): it says why in Portuguese and serves the same screens to the browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../support/cli';
import { tempDir } from '../support/documents';
import { testRenderer } from '../support/serve';

const START = join(process.cwd(), 'scripts', 'start.mjs');

async function startWithout(env: Record<string, string | undefined>) {
  const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...rest } = process.env;
  const child = spawn(process.execPath, [START], {
    env: {
      ...rest,
      REGUA_DATA_DIR: await tempDir(),
      REGUA_RENDERER_DIR: await testRenderer(), // not dist/renderer, which the packaging test rebuilds
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = collect(child, 120_000);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = output.match(/no navegador: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`npm start exited:\n${output}`)));
  });
  return { child, url, done };
}

async function expectServedThenStoppedByCtrlC(started: Awaited<ReturnType<typeof startWithout>>) {
  const page = await fetch(new URL('/', started.url));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  started.child.kill('SIGINT');
  const result = await started.done;
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const all = result.stdout + result.stderr;
  expect(all).toContain('encerrando');
  expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
  expect(all).not.toContain('Electron failed to install correctly');
  return all;
}

describe('npm start where the desktop app cannot open', () => {
  it('without a graphical session, explains it and serves the screens in the browser; Ctrl+C stops it', async () => {
    const started = await startWithout({});
    const output = await expectServedThenStoppedByCtrlC(started);
    expect(output).toContain(
      'O aplicativo desktop não pode abrir aqui: esta máquina não tem ambiente gráfico',
    );
    expect(output).toContain('Abra este endereço no navegador: http://127.0.0.1:');
  });

  it('without the Electron binary and no way to download it, says so and falls back the same way', async (ctx) => {
    if (existsSync(join(process.cwd(), 'node_modules', 'electron', 'path.txt')))
      return ctx.skip('o binário do Electron já está instalado nesta máquina');
    const started = await startWithout({
      DISPLAY: ':99', // as if there were a screen: the missing binary is what stops the desktop app
      BROWSER: 'true', // what xdg-open runs, so no real browser opens
      ELECTRON_MIRROR: 'http://127.0.0.1:9/', // a download that fails fast on any machine
      electron_config_cache: await tempDir(), // and no cached zip that would install the binary
    });
    const output = await expectServedThenStoppedByCtrlC(started);
    expect(output).toMatch(/não pode abrir aqui: o Electron .* não foi possível baixá-lo/);
  });
});
