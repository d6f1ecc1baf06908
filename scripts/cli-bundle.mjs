// The `regua` command as one esbuild bundle (out/cli/regua.mjs): it starts in ~0.2 s, where compiling
// the TypeScript through tsx at every start took ~0.9 s. The bundle ends with a stamp line listing its
// inputs (sources, package.json, lockfiles, these scripts) with their mtime and size; each start stats
// them (~1 ms) and rebuilds when any differs. A build takes a lock file and lands by atomic rename, so
// dozens of processes starting at once build it once and never read a half-written file.
// Run directly (`node scripts/cli-bundle.mjs`, the postinstall) it builds the bundle if stale.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'main/cli.ts';
// The composition worker (main/services/compose-pool.ts) is an entry of its own, written beside the
// bundle; the bundle learns its name through __REGUA_COMPOSE_WORKER__.
const WORKER_ENTRY = 'main/services/compose-worker.ts';
export const COMPOSE_WORKER_FILE = 'compose-worker.mjs';
const workerPath = (bundle) => join(dirname(bundle), COMPOSE_WORKER_FILE);

/** Where the bundle lives; REGUA_CLI_BUNDLE moves it (tests build one of their own, inside the project). */
export const cliBundlePath = () =>
  resolve(ROOT, process.env.REGUA_CLI_BUNDLE ?? join('out', 'cli', 'regua.mjs'));

// Inputs that are not modules but change what the bundle holds or how it is built. Bundled packages
// under node_modules are covered by npm's lockfiles, not stat'ed one by one.
const ALWAYS_CHECKED = [
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'tsconfig.json',
  'scripts/bundle-options.mjs',
  'scripts/cli-bundle.mjs',
];
const STAMP_PREFIX = '// regua-cli-inputs ';
// A file modified during a build may or may not be in the bundle: recorded as unknown, so the next start
// builds again. The slack covers the kernel's coarse file-time clock (file systems with 1-2 s times,
// FAT or HFS+, could still miss an edit made during the build itself).
const CLOCK_SLACK_MS = 50;
const LOCK_STALE_MS = 120_000;
const debug = (msg) => process.env.REGUA_DEBUG_BUNDLE && process.stderr.write(`regua: ${msg}\n`);

const statKey = (rel) => {
  const s = statSync(join(ROOT, rel), { throwIfNoEntry: false });
  return s ? `${s.mtimeMs}:${s.size}` : 'missing';
};

function readStamp(bundle) {
  let fd;
  try {
    fd = openSync(bundle, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = fstatSync(fd);
    // The stamp is the last line: ~60 bytes per input, so the last 64 KiB almost always hold it.
    for (const want of [64 * 1024, 4 * 1024 * 1024]) {
      const length = Math.min(size, want);
      const tail = Buffer.alloc(length);
      readSync(fd, tail, 0, length, size - length);
      const text = tail.toString('utf8');
      const at = text.lastIndexOf(STAMP_PREFIX);
      if (at >= 0) return JSON.parse(text.slice(at + STAMP_PREFIX.length));
      if (length === size) break;
    }
    return null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** True when the bundle exists and none of its inputs changed since it was built. */
export function isCliBundleFresh(bundle = cliBundlePath()) {
  try {
    if (!statSync(workerPath(bundle), { throwIfNoEntry: false })) return false;
  } catch {
    return false; // its folder is not a folder: no bundle there
  }
  const stamp = readStamp(bundle);
  if (!stamp || typeof stamp !== 'object') return false;
  for (const [file, key] of Object.entries(stamp)) if (statKey(file) !== key) return false;
  return true;
}

/**
 * esbuild plugin: in project sources, `import.meta.url` keeps meaning "this source file", as under
 * tsx, so `new URL('../../assets/', import.meta.url)` (assets, dist/renderer, vite.config.ts) resolves
 * the same from the bundle, wherever it is written. Not for the Electron bundle, whose main process
 * finds its preload next to itself on purpose.
 */
function sourceRelativeImportMeta(outDir) {
  const loaders = { '.ts': 'ts', '.mts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js' };
  return {
    name: 'source-relative-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.(m?[jt]s|tsx)$/ }, (args) => {
        if (args.path.split(sep).includes('node_modules')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
          ),
          loader: loaders[extname(args.path)],
        };
      });
    },
  };
}

async function build(bundle) {
  const started = Date.now();
  const { build: esbuild } = await import('esbuild');
  const { MAIN_BUNDLE } = await import('./bundle-options.mjs');
  const options = {
    ...MAIN_BUNDLE,
    // The command runs on the user's Node (engines), not Electron's.
    target: 'node20.19',
    logLevel: 'silent',
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
    plugins: [sourceRelativeImportMeta(dirname(bundle))],
    define: { __REGUA_COMPOSE_WORKER__: JSON.stringify(COMPOSE_WORKER_FILE) },
  };
  const [main, worker] = await Promise.all([
    esbuild({ ...options, entryPoints: [ENTRY], outfile: bundle }),
    esbuild({ ...options, entryPoints: [WORKER_ENTRY], outfile: workerPath(bundle) }),
  ]);
  const loaded = [main, worker].flatMap((r) =>
    Object.values(r.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)),
  );
  if (loaded.includes('electron')) throw new Error(`${ENTRY} must not import electron (plain Node runs it)`);
  const inputs = [...new Set([main, worker].flatMap((r) => Object.keys(r.metafile.inputs)))].filter(
    (f) => !f.split('/').includes('node_modules'),
  );
  const result = { outputFiles: [...worker.outputFiles, ...main.outputFiles] };
  const stamp = {};
  for (const file of [...inputs, ...ALWAYS_CHECKED]) {
    const s = statSync(join(ROOT, file), { throwIfNoEntry: false });
    stamp[file] = !s
      ? 'missing'
      : s.mtimeMs > started - CLOCK_SLACK_MS
        ? 'changed-while-building'
        : statKey(file);
  }
  const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  const renames = [];
  try {
    for (const file of result.outputFiles) {
      const text = file.path === bundle ? `${file.text}${STAMP_PREFIX}${JSON.stringify(stamp)}\n` : file.text;
      writeFileSync(file.path + tmp, text);
      renames.push(file.path);
    }
    // The map and the worker first: a reader that sees the new bundle finds them.
    for (const path of renames) if (path !== bundle) renameSync(path + tmp, path);
    renameSync(bundle + tmp, bundle);
  } finally {
    for (const path of renames) rmSync(path + tmp, { force: true });
  }
  debug(`bundled ${ENTRY} into ${relative(ROOT, bundle)} in ${Date.now() - started} ms`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function takeLock(lock) {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
  }
  // Taken over when its holder is gone or stuck; worst case two processes build, each atomically.
  let holderGone = false;
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid > 0) process.kill(pid, 0);
  } catch (e) {
    holderGone = e.code === 'ESRCH';
  }
  const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (holderGone || age > LOCK_STALE_MS) rmSync(lock, { force: true });
  return false;
}

/**
 * Returns the path of an up-to-date bundle of the `regua` command, building it when missing or stale;
 * null when it cannot be built (no esbuild, a build error, a read-only folder): run from source then.
 */
export async function ensureCliBundle(bundle = cliBundlePath()) {
  if (isCliBundleFresh(bundle)) return bundle;
  const lock = `${bundle}.lock`;
  try {
    mkdirSync(dirname(bundle), { recursive: true });
    const deadline = Date.now() + LOCK_STALE_MS;
    while (!takeLock(lock)) {
      if (Date.now() > deadline) throw new Error(`${lock}: held too long`);
      await sleep(50);
      if (isCliBundleFresh(bundle)) return bundle; // another process just built it
    }
    try {
      if (!isCliBundleFresh(bundle)) await build(bundle);
    } finally {
      rmSync(lock, { force: true });
    }
    return bundle;
  } catch (e) {
    debug(`cannot bundle ${ENTRY}, running it from source: ${e.message}`);
    return null;
  }
}

// `node scripts/cli-bundle.mjs` (postinstall): build now so the first `regua` is fast; never fails the install.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const bundle = await ensureCliBundle();
  console.log(
    bundle
      ? `regua: ${relative(ROOT, bundle)} pronto`
      : 'regua: sem esbuild, o comando roda do código-fonte (tsx)',
  );
}
