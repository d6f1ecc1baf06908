import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/services/logger';
import { tempDir } from '../support/documents';

describe('the rotating log file', () => {
  it('appends lines with level and rotates past the size limit, keeping only the newest generations', async () => {
    const dir = await tempDir();
    const log = createFileLogger(dir, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 30; i++) log.info(`linha ${i} ${'x'.repeat(20)}`);
    log.error('falhou', new Error('boom'));
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['regua.1.log', 'regua.2.log', 'regua.log']);
    const current = await readFile(log.file, 'utf8');
    expect(current).toMatch(/ERROR falhou: Error: boom/);
    expect(current.length).toBeLessThan(400);
    expect(await readFile(`${dir}/regua.1.log`, 'utf8')).toMatch(/INFO linha \d+/);
  });
});
