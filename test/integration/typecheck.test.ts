// Both sides of the app typecheck strictly: the node side (main, shared, tests) and the web side
// (renderer, shared), each with its own tsconfig so the renderer cannot import main-process code.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const tsc = (project: string) => {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    return '';
  } catch (e) {
    return (e as { stdout?: string }).stdout ?? String(e);
  }
};

describe('typecheck', () => {
  it('the node side (tsconfig.json) has no type errors', () => {
    expect(tsc('tsconfig.json')).toBe('');
  }, 240_000);

  it('the web side (tsconfig.web.json) has no type errors', () => {
    expect(tsc('tsconfig.web.json')).toBe('');
  }, 240_000);

  it('the renderer cannot import main-process code', () => {
    const found = spawnSync('git', ['grep', '-l', '-E', "from '(\\.\\./)+main/", '--', 'renderer'], {
      encoding: 'utf8',
    });
    expect(found.stdout).toBe('');
    expect(found.status).toBe(1); // git grep: 1 = no match
  });
});
