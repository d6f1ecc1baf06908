// Which browser the screen tests drive, decided from probes of the machine so the order can be pinned by a
// unit test: REGUA_TEST_BROWSER=bundled, else CHROMIUM_PATH, else an installed Chrome/Chromium/Edge, else
// (Linux x64 only) the Chromium that the @sparticuz/chromium devDependency ships inside node_modules.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface BrowserProbes {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  arch: string;
  /** True when an executable file exists at this path. */
  isExecutable(path: string): boolean;
  /** True when the @sparticuz/chromium package is installed. */
  bundledInstalled(): boolean;
}

export type BrowserChoice =
  | { kind: 'executable'; executablePath: string; from: 'CHROMIUM_PATH' | 'PATH' | 'usual location' }
  | { kind: 'channel'; channel: 'chrome' | 'msedge'; executablePath: string }
  | { kind: 'bundled' };

const LINUX_COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
];
const LINUX_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge',
  '/opt/microsoft/msedge/msedge',
];

/** Where Playwright's `chrome` and `msedge` channels find the browser (macOS, Windows). */
function channelPaths(p: BrowserProbes): [channel: 'chrome' | 'msedge', path: string][] {
  if (p.platform === 'darwin')
    return [
      ['chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
      ['msedge', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
    ];
  if (p.platform !== 'win32') return [];
  const roots = [p.env.LOCALAPPDATA, p.env.PROGRAMFILES, p.env['PROGRAMFILES(X86)']].filter(
    (r): r is string => !!r,
  );
  return [
    ...roots.map((r): ['chrome', string] => ['chrome', `${r}\\Google\\Chrome\\Application\\chrome.exe`]),
    ...roots.map((r): ['msedge', string] => ['msedge', `${r}\\Microsoft\\Edge\\Application\\msedge.exe`]),
  ];
}

export const bundledSupported = (p: Pick<BrowserProbes, 'platform' | 'arch'>) =>
  p.platform === 'linux' && p.arch === 'x64';

export function chooseBrowser(p: BrowserProbes): BrowserChoice {
  const forced = p.env.REGUA_TEST_BROWSER;
  if (forced === 'bundled') {
    if (!bundledSupported(p))
      throw new Error(
        `REGUA_TEST_BROWSER=bundled: o Chromium embutido só existe para Linux x64 (aqui ${p.platform}/${p.arch})`,
      );
    if (!p.bundledInstalled())
      throw new Error(
        'REGUA_TEST_BROWSER=bundled: @sparticuz/chromium não está instalado (rode npm install)',
      );
    return { kind: 'bundled' };
  }
  if (forced) throw new Error(`REGUA_TEST_BROWSER=${forced}: o único valor aceito é "bundled"`);

  const configured = p.env.CHROMIUM_PATH;
  if (configured) {
    if (!p.isExecutable(configured))
      throw new Error(`CHROMIUM_PATH=${configured}: não há um executável nesse caminho`);
    return { kind: 'executable', executablePath: configured, from: 'CHROMIUM_PATH' };
  }

  if (p.platform === 'linux') {
    const dirs = (p.env.PATH ?? '').split(delimiter).filter(Boolean);
    for (const command of LINUX_COMMANDS)
      for (const dir of dirs) {
        const candidate = join(dir, command);
        if (p.isExecutable(candidate)) return { kind: 'executable', executablePath: candidate, from: 'PATH' };
      }
    const usual = LINUX_PATHS.find((path) => p.isExecutable(path));
    if (usual) return { kind: 'executable', executablePath: usual, from: 'usual location' };
  }
  const channel = channelPaths(p).find(([, path]) => p.isExecutable(path));
  if (channel) return { kind: 'channel', channel: channel[0], executablePath: channel[1] };

  if (bundledSupported(p) && p.bundledInstalled()) return { kind: 'bundled' };
  throw new Error(
    'Nenhum navegador para os testes de tela: instale o Chromium, o Chrome ou o Edge ' +
      '(`apt-get install -y chromium` no Debian/Ubuntu) ou defina CHROMIUM_PATH=/caminho/do/navegador' +
      (bundledSupported(p)
        ? '; ou rode `npm install` para ter o Chromium embutido (@sparticuz/chromium)'
        : ''),
  );
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
