// The Chromium that @sparticuz/chromium ships inside its npm tarball, for Linux x64 machines without an
// installed browser. Its own executablePath() unpacks into the shared temp folder and, while another
// process is still writing there, returns the half-written binary; so it is run in a child process whose
// TMPDIR is a private folder, under a lock, and the folder is renamed into place when complete: vitest
// workers starting together unpack it once (~7 s), later runs reuse it.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const PACKAGE = '@sparticuz/chromium';

export interface BundledChromium {
  executablePath: string;
  /** The package's own launch arguments (headless shell, single process, SwiftShader…). */
  args: string[];
  /**
   * FONTCONFIG_FILE: the system's fonts plus the package's Open Sans, for machines with no fonts;
   * LD_LIBRARY_PATH: the libraries shipped with it.
   */
  env: Record<string, string>;
  packageVersion: string;
  dir: string;
}

export function bundledChromiumInstalled(): boolean {
  try {
    require.resolve(PACKAGE);
    return true;
  } catch {
    return false;
  }
}

const MARKER = 'regua-unpacked.json';
const fontsConf = (dir: string) => join(dir, 'regua-fonts.conf');
const LOCK_STALE_MS = 5 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readUnpacked(dir: string): BundledChromium | null {
  try {
    const unpacked = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as BundledChromium;
    const complete = [
      unpacked.executablePath,
      fontsConf(dir),
      join(unpacked.env.LD_LIBRARY_PATH!, 'libnss3.so'),
    ];
    return complete.every((f) => existsSync(f)) ? unpacked : null;
  } catch {
    return null;
  }
}

function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  let holderGone = false;
  try {
    process.kill(Number(readFileSync(lock, 'utf8')), 0);
  } catch (e) {
    holderGone = (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (holderGone || age > LOCK_STALE_MS) rmSync(lock, { force: true });
  return false;
}

async function unpack(entry: string, dir: string, packageVersion: string): Promise<BundledChromium> {
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    // al2023.tar.br holds the NSS, NSPR and expat libraries the binary links to (its Lambda build): with
    // them a machine needs nothing beyond glibc, where Debian's come only with a browser package.
    const libs = join(dirname(entry), '..', 'bin', 'al2023.tar.br');
    const script =
      `const { default: chromium, inflate } = await import(${JSON.stringify(pathToFileURL(entry).href)});` +
      `await inflate(${JSON.stringify(libs)});` +
      'console.log(JSON.stringify({ path: await chromium.executablePath(), args: chromium.args }));';
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
      timeout: 180_000,
    });
    const { path, args } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { path: string; args: string[] };
    if (dirname(path) !== staging) throw new Error(`${PACKAGE} unpacked outside ${staging}: ${path}`);
    writeFileSync(
      join(staging, 'regua-fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    const unpacked: BundledChromium = {
      executablePath: join(dir, 'chromium'),
      args,
      env: { FONTCONFIG_FILE: fontsConf(dir), LD_LIBRARY_PATH: join(dir, 'al2023', 'lib') },
      packageVersion,
      dir,
    };
    writeFileSync(join(staging, MARKER), JSON.stringify(unpacked, null, 2));
    rmSync(dir, { recursive: true, force: true }); // an incomplete leftover (e.g. pruned by a temp cleaner)
    renameSync(staging, dir);
    return unpacked;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Unpacks the bundled Chromium once per machine and version; safe when several processes ask at once.
 * `onUnpack` is called when this call is the one that unpacks.
 */
export async function bundledChromium(onUnpack?: () => void): Promise<BundledChromium> {
  const entry = require.resolve(PACKAGE);
  const packageJson = join(dirname(dirname(entry)), 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const dir = join(tmpdir(), `regua-chromium-${version}`);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    const ready = readUnpacked(dir);
    if (ready) return ready;
    if (takeLock(lock)) break;
    if (Date.now() > deadline)
      throw new Error(`${lock}: outro processo não terminou de descompactar o Chromium`);
    await sleep(200);
  }
  try {
    const ready = readUnpacked(dir);
    if (ready) return ready;
    onUnpack?.();
    return await unpack(entry, dir, version);
  } finally {
    rmSync(lock, { force: true });
  }
}
