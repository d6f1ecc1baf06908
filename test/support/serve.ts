// Starts the real `regua serve` in a child process and reads the URL (with its token) it prints.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { collect, spawnCli } from './cli';

export interface Served {
  /** http://127.0.0.1:PORT/ */
  baseUrl: string;
  token: string;
  /** The URL a user opens: baseUrl + #token=… */
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

let rendererBuild: Promise<string> | null = null;

/** Builds the current screens once per test worker, into a folder of its own (workers run in parallel). */
export function testRenderer(): Promise<string> {
  rendererBuild ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'regua-ui-'));
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  })();
  return rendererBuild;
}

export async function startServe(dataDir: string, env: Record<string, string> = {}): Promise<Served> {
  const rendererDir = await testRenderer();
  const child = spawnCli(['--data-dir', dataDir, 'serve', '--port', '0'], {
    env: { REGUA_RENDERER_DIR: rendererDir, ...env },
  });
  let output = '';
  const done = collect(child, 600_000);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`regua serve did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = output.match(/(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', () => reject(new Error(`regua serve exited:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    baseUrl: `${parsed.origin}/`,
    token: parsed.hash.replace('#token=', ''),
    port: Number(parsed.port),
    process: child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await done.catch(() => undefined);
    },
  };
}

/** Calls the API like the screens do. */
export async function apiCall<T = unknown>(served: Served, name: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${served.baseUrl}api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}
