// `regua serve`: the scheduler plus the screens and the API over HTTP, on 127.0.0.1 unless told
// otherwise. Each start prints a URL carrying a fresh random token.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './api/index';
import { createHttpServer } from './http';
import { createFileLogger } from './services/logger';
import { DATA_FILES } from './services/store/store';
import { createEngine, type EngineOptions } from './engine';

export const RENDERER_DIR = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

/** Builds the screens with Vite when they have not been built yet (a fresh clone). */
export async function ensureRendererBuilt(log: (msg: string) => void = console.log): Promise<string> {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return RENDERER_DIR;
  log('construindo a interface (primeira execução)…');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  return RENDERER_DIR;
}

export interface ServeOptions extends EngineOptions {
  port: number;
  host: string;
}

export async function runServe(options: ServeOptions): Promise<number> {
  // REGUA_RENDERER_DIR: tests serve a renderer built into their own folder.
  const staticDir = process.env.REGUA_RENDERER_DIR ?? (await ensureRendererBuilt());
  const engine = await createEngine(options);
  const logFile = createFileLogger(engine.dataDir);
  const log = (msg: string) => {
    console.log(`${engine.clock.now().toISOString()} ${msg}`);
    logFile.info(msg);
  };
  for (const w of engine.warnings) log(`aviso: ${w}`);
  log(
    `senhas SMTP guardadas em ${join(engine.dataDir, DATA_FILES.secrets)}, legível só por este usuário (modo 0600); o aplicativo desktop usa o cofre do sistema`,
  );
  const handlers = createHandlers({ engine });
  const token = randomBytes(24).toString('base64url');
  const loopback = ['127.0.0.1', 'localhost', '::1'];
  const server = createHttpServer({
    handlers,
    events: engine.events,
    token,
    log: (msg) => logFile.info(msg),
    staticDir,
    allowedHosts: loopback.includes(options.host) ? loopback : [...loopback, options.host],
  });
  if (!loopback.includes(options.host))
    console.warn(
      `AVISO: escutando em ${options.host}: qualquer máquina que alcance este endereço e tenha o token acessa os dados.`,
    );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  console.log(
    `Régua disponível em http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/#token=${token}`,
  );
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  // The engine follows other processes' changes (regua import, regua run, the daemon) by itself.
  await engine.start({
    onRunError: (id, e) => log(`rotina ${id}: erro: ${e.message}`),
    onPrepared: log,
  });
  await stopped;
  log('encerrando após a execução em andamento');
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await engine.close();
  return 0;
}
