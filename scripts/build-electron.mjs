// Bundles the Electron main process (ESM) and the preload (CommonJS, as sandboxed preloads must be)
// into out/, so the packaged app carries one file each instead of the whole node_modules tree.
import { build } from 'esbuild';
import { MAIN_BUNDLE } from './bundle-options.mjs';

// The composition worker (compose-pool.ts) is its own file beside the main process.
const define = { __REGUA_COMPOSE_WORKER__: JSON.stringify('compose-worker.js') };
await build({ ...MAIN_BUNDLE, define, entryPoints: ['main/electron/main.ts'], outfile: 'out/main/index.js' });
await build({
  ...MAIN_BUNDLE,
  define,
  entryPoints: ['main/services/compose-worker.ts'],
  outfile: 'out/main/compose-worker.js',
});
await build({
  ...MAIN_BUNDLE,
  entryPoints: ['main/electron/preload.ts'],
  outfile: 'out/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
  banner: {},
});
console.log('out/main/index.js, out/main/compose-worker.js, out/preload/index.cjs');
