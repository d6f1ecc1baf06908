// Builds the screens once per test run, so the browser tests exercise the current renderer code.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export default async function setup() {
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
}
