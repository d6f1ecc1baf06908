// `npm start`: the desktop app. In development (the default) the screens come from the Vite dev
// server with hot reload; with `--production` (or NODE_ENV=production) from the built files.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const run = (cmd, args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: 'inherit',
      env: { ...process.env, ...env },
      shell: process.platform === 'win32',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });

await run(process.execPath, ['scripts/build-electron.mjs']);
if (production) {
  if (!existsSync('dist/renderer/index.html')) await run('npx', ['vite', 'build']);
  process.exit(await run('npx', ['electron', '.']));
}
const { createServer } = await import('vite');
const server = await createServer({ configFile: 'vite.config.ts' });
await server.listen();
const url = server.resolvedUrls?.local[0];
console.log(`telas em ${url} (Vite), abrindo o Electron…`);
const code = await run('npx', ['electron', '.'], { VITE_DEV_SERVER_URL: url });
await server.close();
process.exit(code);
