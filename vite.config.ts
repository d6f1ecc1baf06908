import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The built screens carry their own CSP (the Electron window loads them from file://, where no
// server can add a header). The dev server needs inline scripts for hot reload, so only the build.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-src 'self' blob: data: about:; object-src 'none'; base-uri 'none'; form-action 'none'";
const contentSecurityPolicy = (): Plugin => ({
  name: 'regua-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
    ),
});

// The screens: one build for the browser mode (`regua serve`) and the Electron window. `base: './'`
// keeps asset URLs relative so the same files load from http:// and file://.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
