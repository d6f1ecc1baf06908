// Bundles the Electron main process (ESM) and the preload (CommonJS, as sandboxed preloads must be)
// into out/, so the packaged app carries one file each instead of the whole node_modules tree.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };
// Loaded at run time from node_modules: electron itself, and packages that read their own files.
export const EXTERNAL = ['electron', 'date-holidays', 'pdfkit', 'smtp-server', 'mailparser', 'vite', 'tsx'];

await build({
  ...common,
  entryPoints: ['main/electron/main.ts'],
  outfile: 'out/main/index.js',
  format: 'esm',
  external: EXTERNAL,
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: ['main/electron/preload.ts'],
  outfile: 'out/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('out/main/index.js, out/preload/index.cjs');
