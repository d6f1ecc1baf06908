// electron-builder's whole pipeline, minus the Electron download: the configuration is valid, the
// bundle holds what the app loads, and its size is reported.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('packaging (electron-builder --dir with a stand-in Electron)', () => {
  it('packs the bundled main process, the preload, the screens and the layouts, and stays lean', () => {
    const out = execFileSync(process.execPath, ['scripts/package-check.mjs'], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const report = JSON.parse(out.trim().split('\n').at(-1)!) as {
      asarBytes: number;
      files: string[];
      topPackages: string[];
    };
    console.log(
      `app.asar: ${(report.asarBytes / 1e6).toFixed(1)} MB; maiores: ${report.topPackages.join(', ')}`,
    );
    for (const file of [
      '/out/main/index.js',
      '/out/main/compose-worker.js',
      '/out/preload/index.cjs',
      '/dist/renderer/index.html',
      '/assets/layouts/index.json',
      '/assets/layouts/boleto-apos-vencimento.html',
      '/assets/icons/tray.png',
      '/package.json',
    ])
      expect(report.files).toContain(file);
    expect(report.files.some((f) => f.startsWith('/node_modules/react/'))).toBe(false); // renderer-only packages stay out
    expect(report.files.some((f) => f.startsWith('/node_modules/zod/'))).toBe(false); // bundled into out/main
    expect(report.files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(report.asarBytes).toBeLessThan(100_000_000);
  }, 300_000);
});
