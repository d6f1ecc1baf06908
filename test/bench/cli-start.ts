// Target: `regua --help` answers in under 0.3 s. Measured as wall time of whole processes, beside what
// no program can beat (`node -e 0`), the old path (main/cli.ts through tsx) and what npx adds.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';
import { median, ms, timeIt, type Row } from './stats';

export const CLI_START_TARGET_MS = 300;
const RUNS = 10;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REGUA = fileURLToPath(new URL('../../bin/regua.js', import.meta.url));

const run =
  (file: string, args: string[], env: Record<string, string> = {}) =>
  () =>
    promisify(execFile)(file, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 });

export async function benchCliStart(): Promise<Row[]> {
  if (!(await ensureCliBundle()))
    throw new Error('the CLI bundle could not be built (is esbuild installed?)');
  const timed = async (fn: () => Promise<unknown>) => median(await timeIt(fn, 1, RUNS));
  const node = await timed(run(process.execPath, ['-e', '0']));
  const bundled = await timed(run(process.execPath, [REGUA, '--help']));
  const tsx = await timed(run(process.execPath, [REGUA, '--help'], { REGUA_CLI_FROM_SOURCE: '1' }));
  const npx = await timed(run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['regua', '--help']));
  const info = (metric: string, value: number): Row => ({
    metric: `  ${metric}`,
    measured: ms(value),
    target: '',
    ratio: `${(value / CLI_START_TARGET_MS).toFixed(2)}× of budget`,
    pass: null,
  });
  return [
    {
      metric: `CLI start: node bin/regua.js --help, bundled (median of ${RUNS})`,
      measured: ms(bundled),
      target: `< ${CLI_START_TARGET_MS} ms`,
      ratio: `${(bundled / CLI_START_TARGET_MS).toFixed(2)}× of budget; ${ms(bundled - node)} over node -e 0`,
      pass: bundled < CLI_START_TARGET_MS,
    },
    info('node -e 0 (the floor)', node),
    info('node bin/regua.js --help through tsx (REGUA_CLI_FROM_SOURCE=1)', tsx),
    info('npx regua --help (bundled, plus npx itself)', npx),
  ];
}
