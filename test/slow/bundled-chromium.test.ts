// The fallback browser of the screen tests (@sparticuz/chromium, Linux x64): several processes asking for
// it at once unpack it once, into a folder that appears complete or not at all; it renders pt-BR and
// outlives a closed page.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundledLaunchOptions } from '../support/browser';
import { bundledSupported } from '../support/browser-choice';
import { bundledChromiumInstalled, type BundledChromium } from '../support/bundled-chromium';

const RUN_TS = join(process.cwd(), 'bin', 'run-ts.js');
const CHILD = join(process.cwd(), 'test', 'support', 'unpack-bundled-chromium.ts');

describe('the bundled Chromium', () => {
  it('is unpacked once when four processes ask at the same time, renders pt-BR text and outlives a closed page', async (ctx) => {
    if (!bundledSupported(process) || !bundledChromiumInstalled())
      return ctx.skip(
        `só Linux x64 com @sparticuz/chromium instalado (aqui ${process.platform}/${process.arch})`,
      );
    const temp = await mkdtemp(join(tmpdir(), 'regua-unpack-'));
    try {
      const asks = Array.from({ length: 4 }, () =>
        promisify(execFile)(process.execPath, [RUN_TS, CHILD], {
          env: { ...process.env, TMPDIR: temp },
          timeout: 300_000,
        }),
      );
      const results = (await Promise.all(asks)).map(
        ({ stdout }) =>
          JSON.parse(stdout.trim().split('\n').at(-1)!) as BundledChromium & { unpackedNow: boolean },
      );
      expect(results.filter((r) => r.unpackedNow)).toHaveLength(1);
      expect(new Set(results.map((r) => r.executablePath)).size).toBe(1);
      expect(results[0]!.executablePath.startsWith(temp)).toBe(true);
      const left = (await readdir(temp)).filter((f) => f.startsWith('regua-chromium')); // tsx keeps a cache there too
      expect(left).toEqual([`regua-chromium-${results[0]!.packageVersion}`]); // no lock, no staging folder

      const browser = await chromium.launch(bundledLaunchOptions(results[0]!));
      try {
        const page = await browser.newPage();
        await page.setContent('<p id="t">Fatura de março: R$ 1.234,56 — São Paulo</p>');
        expect(await page.locator('#t').innerText()).toBe('Fatura de março: R$ 1.234,56 — São Paulo');
        const width = await page.locator('#t').evaluate((e) => e.getBoundingClientRect().width);
        expect(width).toBeGreaterThan(100); // glyphs were laid out: some font was found
        // Screen tests close pages and open new ones: as the package launches it (one process), the
        // browser died with its first closed page.
        await page.close();
        const next = await browser.newPage();
        await next.setContent('<p>de novo</p>');
        expect(await next.locator('p').innerText()).toBe('de novo');
      } finally {
        await browser.close();
      }
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });
});
