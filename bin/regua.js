#!/usr/bin/env node
// The `regua` command. Runs an esbuild bundle of main/cli.ts (out/cli/regua.mjs), built on first use and
// rebuilt by itself whenever a source changes (scripts/cli-bundle.mjs), so `npx regua` works right after
// `npm install` with no build step. Without esbuild, or with REGUA_CLI_FROM_SOURCE=1, it runs the
// TypeScript sources through tsx (~0.7 s slower to start).
import { pathToFileURL } from 'node:url';
import { ensureCliBundle } from '../scripts/cli-bundle.mjs';

const bundle = process.env.REGUA_CLI_FROM_SOURCE ? null : await ensureCliBundle();
let main;
if (bundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
