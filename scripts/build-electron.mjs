// Bundles the Electron main process (ESM) and the preload (CommonJS, as sandboxed preloads must be)
// into out/, so the packaged app carries one file each instead of the whole node_modules tree.
import { build } from 'esbuild';
import { MAIN_BUNDLE } from './bundle-options.mjs';

await build({ ...MAIN_BUNDLE, entryPoints: ['main/electron/main.ts'], outfile: 'out/main/index.js' });
await build({
  ...MAIN_BUNDLE,
  entryPoints: ['main/electron/preload.ts'],
  outfile: 'out/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
  banner: {},
});
console.log('out/main/index.js, out/preload/index.cjs');
