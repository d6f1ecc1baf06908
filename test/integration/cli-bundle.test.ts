// bin/regua.js runs an esbuild bundle of main/cli.ts, rebuilt when an input changes. Each test builds a
// bundle of its own inside the project (externals resolve from its node_modules) through
// REGUA_CLI_BUNDLE, so the one the rest of the suite uses is never touched.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCliBundle, isCliBundleFresh } from '../../scripts/cli-bundle.mjs';
import { collect, REGUA_BIN } from '../support/cli';

const WORK = join(process.cwd(), 'test-results', `cli-bundle-${process.pid}`);
let n = 0;
const newBundlePath = async () => {
  const dir = join(WORK, String(++n));
  await mkdir(dir, { recursive: true });
  return join(dir, 'regua.mjs');
};
afterAll(() => rm(WORK, { recursive: true, force: true }));

const help = (bundle: string, env: Record<string, string> = {}) =>
  collect(
    spawn(process.execPath, [REGUA_BIN, '--help'], {
      env: { ...process.env, REGUA_CLI_BUNDLE: bundle, REGUA_DEBUG_BUNDLE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
const builds = (stderr: string) => stderr.match(/regua: bundled main\/cli\.ts/g)?.length ?? 0;

describe('the bundled regua command', () => {
  it('is built once when a dozen commands start at the same time, and none reads a half-written file', async () => {
    const bundle = await newBundlePath();
    const results = await Promise.all(Array.from({ length: 12 }, () => help(bundle)));
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Uso: regua <comando>');
    }
    expect(results.reduce((sum, r) => sum + builds(r.stderr), 0)).toBe(1);
    expect((await readdir(join(bundle, '..'))).sort()).toEqual([
      'compose-worker.mjs',
      'compose-worker.mjs.map',
      'regua.mjs',
      'regua.mjs.map',
    ]); // no lock or temp file left
    expect(isCliBundleFresh(bundle)).toBe(true);
  });

  it('is rebuilt when an input differs from what its stamp recorded, and not otherwise', async () => {
    const bundle = await newBundlePath();
    expect(await ensureCliBundle(bundle)).toBe(bundle);
    expect(builds((await help(bundle)).stderr)).toBe(0);

    // As if main/cli.ts had been edited after the build: its recorded mtime and size no longer match.
    const text = await readFile(bundle, 'utf8');
    const edited = text.replace(/("main\/cli\.ts":")[^"]+"/, '$1' + '1:1"');
    expect(edited).not.toBe(text);
    await writeFile(bundle, edited);
    expect(isCliBundleFresh(bundle)).toBe(false);

    const rebuilt = await help(bundle);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(builds(rebuilt.stderr)).toBe(1);
    expect(isCliBundleFresh(bundle)).toBe(true);
  });

  it('finds assets, the screens and vite.config.ts where the sources do, and never imports electron', async () => {
    const bundle = await newBundlePath();
    await ensureCliBundle(bundle);
    const text = await readFile(bundle, 'utf8');
    // import.meta.url of each source file, seen from the bundle's folder (test-results/…/N/)
    expect(text).toContain('new URL("../../../main/services/paths.ts", import.meta.url)');
    expect(text).toContain('new URL("../../../main/serve.ts", import.meta.url)');
    expect(text).not.toMatch(/from ["']electron["']|require\(["']electron["']\)|import\(["']electron["']\)/);
    for (const external of ['vite', 'smtp-server', 'mailparser'])
      expect(text).toContain(`import("${external}")`); // loaded from node_modules, only when used
    // The invoice PDF is written by main/services/pdf/page.ts; pdfkit is only the tests' and the
    // metrics script's.
    expect(text).not.toMatch(/["']pdfkit["']/);
  });

  it('takes over the build lock of a process that died', async () => {
    const bundle = await newBundlePath();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(`${bundle}.lock`, String(dead));
    const r = await help(bundle);
    expect(r.code, r.stderr).toBe(0);
    expect(builds(r.stderr)).toBe(1);
  });

  it('runs the sources through tsx when the bundle cannot be written', async () => {
    const blocker = join(await newBundlePath(), '..', 'a-file');
    await writeFile(blocker, '');
    const r = await help(join(blocker, 'regua.mjs'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Uso: regua <comando>');
    expect(r.stderr).toContain('running it from source');
  });
});
