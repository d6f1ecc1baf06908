// The order in which the screen tests look for a browser, pinned with fake machines (no browser runs).
import { describe, expect, it } from 'vitest';
import { chooseBrowser, type BrowserProbes } from '../support/browser-choice';

const machine = (
  files: string[],
  options: Partial<Omit<BrowserProbes, 'isExecutable' | 'bundledInstalled'>> & { bundled?: boolean } = {},
): BrowserProbes => ({
  env: { PATH: '/usr/local/bin:/usr/bin', ...options.env },
  platform: options.platform ?? 'linux',
  arch: options.arch ?? 'x64',
  isExecutable: (path) => files.includes(path),
  bundledInstalled: () => options.bundled ?? true,
});

describe('choosing the browser for the screen tests', () => {
  it('uses CHROMIUM_PATH before anything installed, and refuses one that does not exist', () => {
    const files = ['/opt/my/chrome', '/usr/bin/chromium'];
    expect(chooseBrowser(machine(files, { env: { CHROMIUM_PATH: '/opt/my/chrome' } }))).toEqual({
      kind: 'executable',
      executablePath: '/opt/my/chrome',
      from: 'CHROMIUM_PATH',
    });
    expect(() => chooseBrowser(machine(files, { env: { CHROMIUM_PATH: '/nope' } }))).toThrow(
      'CHROMIUM_PATH=/nope',
    );
  });

  it('on Linux, takes chromium, then chromium-browser, Chrome and Edge from PATH, then their usual paths', () => {
    const onPath = (files: string[]) => chooseBrowser(machine(files, { env: { PATH: '/a:/b' } }));
    expect(onPath(['/a/google-chrome', '/b/chromium'])).toMatchObject({
      executablePath: '/b/chromium',
      from: 'PATH',
    });
    expect(onPath(['/a/microsoft-edge', '/b/chromium-browser'])).toMatchObject({
      executablePath: '/b/chromium-browser',
    });
    expect(onPath(['/b/google-chrome-stable', '/a/microsoft-edge'])).toMatchObject({
      executablePath: '/b/google-chrome-stable',
    });
    expect(onPath(['/a/microsoft-edge', '/usr/bin/chromium'])).toMatchObject({
      executablePath: '/a/microsoft-edge',
    });
    expect(onPath(['/opt/google/chrome/chrome'])).toEqual({
      kind: 'executable',
      executablePath: '/opt/google/chrome/chrome',
      from: 'usual location',
    });
  });

  it('falls back to the bundled Chromium on Linux x64 only, and says how to get a browser otherwise', () => {
    expect(chooseBrowser(machine([]))).toEqual({ kind: 'bundled' });
    expect(() => chooseBrowser(machine([], { bundled: false }))).toThrow(
      /apt-get install -y chromium.*npm install/,
    );
    expect(() => chooseBrowser(machine([], { arch: 'arm64' }))).toThrow(/^(?!.*sparticuz).*CHROMIUM_PATH/);
    expect(() => chooseBrowser(machine([], { platform: 'darwin' }))).toThrow('Nenhum navegador');
  });

  it('REGUA_TEST_BROWSER=bundled forces the bundled Chromium even with a browser installed', () => {
    const env = { REGUA_TEST_BROWSER: 'bundled', CHROMIUM_PATH: '/usr/bin/chromium' };
    expect(chooseBrowser(machine(['/usr/bin/chromium'], { env }))).toEqual({ kind: 'bundled' });
    expect(() => chooseBrowser(machine([], { env, platform: 'win32' }))).toThrow('só existe para Linux x64');
    expect(() => chooseBrowser(machine([], { env, bundled: false }))).toThrow('não está instalado');
    expect(() => chooseBrowser(machine([], { env: { REGUA_TEST_BROWSER: 'firefox' } }))).toThrow('"bundled"');
  });

  it('on macOS and Windows, uses the Playwright channel of an installed Chrome, else Edge', () => {
    const mac = (files: string[]) => chooseBrowser(machine(files, { platform: 'darwin', arch: 'arm64' }));
    const chromeApp = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const edgeApp = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(mac([edgeApp, chromeApp])).toMatchObject({ kind: 'channel', channel: 'chrome' });
    expect(mac([edgeApp])).toMatchObject({ kind: 'channel', channel: 'msedge' });

    const windows = (files: string[]) =>
      chooseBrowser(
        machine(files, {
          platform: 'win32',
          env: {
            LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
            'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
          },
        }),
      );
    expect(windows(['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'])).toMatchObject({
      channel: 'msedge',
    });
    expect(
      windows([
        'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      ]),
    ).toMatchObject({ channel: 'chrome' });
    expect(() => windows([])).toThrow('Nenhum navegador');
  });
});
