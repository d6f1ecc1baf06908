// `npm start`: the desktop app. In development (the default) the screens come from the Vite dev
// server with hot reload; with `--production` (or NODE_ENV=production) from the built files.
// Where the desktop app cannot open (no graphical session, the Electron binary missing and not
// downloadable), it says why in Portuguese and opens the same screens in the browser (`regua serve`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
process.chdir(ROOT);
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const run = (cmd, args, { env = {}, shell = false } = {}) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell });
    child.on('exit', (code) => resolve(code ?? 1));
  });

/** Why no desktop window can open on this machine, before trying; null when nothing says so. */
function noGraphicalSession() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'esta máquina não tem ambiente gráfico (DISPLAY e WAYLAND_DISPLAY estão vazios: um servidor, uma sessão SSH, um contêiner)';
}

/** The Electron binary, without the download that `require('electron')` starts when it is missing. */
function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { dir: null, binary: null };
  }
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return { dir, binary: join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name ?? 'electron') };
  const binary = name && join(dir, 'dist', name);
  return { dir, binary: binary && existsSync(binary) ? binary : null };
}

/** Electron 42+ fetches its binary on first use; here, with the output kept, to explain a failure. */
function downloadElectron(dir) {
  console.log('baixando o Electron (primeira execução)…');
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status === 0) return null;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const firstError = output.split('\n').find((line) => /error|failed|ENOTFOUND|ECONN/i.test(line));
  return (
    'o Electron (o programa que abre a janela do aplicativo) não está instalado e não foi possível baixá-lo' +
    ' do GitHub, de onde ele vem' +
    (firstError ? ` (detalhe: ${firstError.trim().slice(0, 160)})` : '')
  );
}

/** Opens a URL in the system's browser when there is one; silent when there is none. */
function openInBrowser(url) {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false; // xdg-open would start a text browser here
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** The same screens in the browser: `regua serve`, its URL printed (and opened); Ctrl+C stops it. */
async function browserMode(reason) {
  console.log(`\nO aplicativo desktop não pode abrir aqui: ${reason}.`);
  console.log('Em vez dele, as mesmas telas abrem no navegador (regua serve)…\n');
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'regua.js'), 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stopping = false;
  // Ctrl+C reaches both processes from the terminal; a kill reaches only this one. SIGTERM, which serve
  // also handles, stops it cleanly in both cases without a second SIGINT cutting its shutdown short.
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      stopping = true;
      child.kill('SIGTERM');
    });
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    buffer += chunk.toString();
    const match = buffer.match(/Régua disponível em (http\S+)/);
    if (!match) return;
    buffer = '';
    const url = match[1];
    const opened = openInBrowser(url);
    console.log(
      `\n${opened ? 'Abrindo no navegador' : 'Abra este endereço no navegador'}: ${url}\n` +
        '(o agendador continua rodando enquanto este terminal estiver aberto; Ctrl+C encerra)\n',
    );
  });
  const code = await new Promise((resolve) =>
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
  );
  process.exit(stopping && code === 0 ? 0 : code);
}

const noDisplay = noGraphicalSession();
if (noDisplay) await browserMode(noDisplay);
let { dir, binary } = electronBinary();
if (!dir) await browserMode('o Electron não está instalado (rode `npm install`)');
if (!binary) {
  const failure = downloadElectron(dir);
  if (failure) await browserMode(failure);
  binary = electronBinary().binary;
  if (!binary)
    await browserMode('o Electron foi baixado, mas o executável não apareceu em node_modules/electron');
}

/** Runs Electron; its error output is passed through and kept, to tell "no display" from other failures. */
function launchElectron(env = {}) {
  return new Promise((resolve) => {
    const child = spawn(binary, ['.'], {
      stdio: ['inherit', 'inherit', 'pipe'],
      env: { ...process.env, ...env },
    });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      errors = (errors + chunk.toString()).slice(-8192);
    });
    child.on('exit', (code) =>
      resolve({
        code: code ?? 1,
        noDisplay:
          code !== 0 && /Missing X server|cannot open display|Failed to connect to Wayland/i.test(errors),
      }),
    );
  });
}
const displayUnreachable = () =>
  `o Electron não conseguiu abrir uma janela: o ambiente gráfico indicado (DISPLAY=${process.env.DISPLAY ?? ''}` +
  `${process.env.WAYLAND_DISPLAY ? `, WAYLAND_DISPLAY=${process.env.WAYLAND_DISPLAY}` : ''}) não responde`;

await run(process.execPath, ['scripts/build-electron.mjs']);
let result;
if (production) {
  if (!existsSync('dist/renderer/index.html'))
    await run('npx', ['vite', 'build'], { shell: process.platform === 'win32' });
  result = await launchElectron();
} else {
  const { createServer } = await import('vite');
  const server = await createServer({ configFile: 'vite.config.ts' });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  console.log(`telas em ${url} (Vite), abrindo o Electron…`);
  result = await launchElectron({ VITE_DEV_SERVER_URL: url });
  await server.close();
}
if (result.noDisplay) await browserMode(displayUnreachable());
process.exit(result.code);
