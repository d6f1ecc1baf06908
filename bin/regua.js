#!/usr/bin/env node
// The `regua` command. Runs the TypeScript sources through tsx, so `npx regua` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
