// How main-process code is bundled with esbuild for the desktop app (build-electron.mjs), shared with
// the bench, which measures the memory of the code as it ships.
export const MAIN_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  format: 'esm',
  // Loaded at run time from node_modules: electron itself, and packages that read their own files.
  external: ['electron', 'date-holidays', 'smtp-server', 'mailparser', 'vite', 'tsx'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};
