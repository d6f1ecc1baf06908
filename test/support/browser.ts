// A real browser for the screen tests, driven by playwright-core. Which one: see browser-choice.ts
// (REGUA_TEST_BROWSER=bundled, CHROMIUM_PATH, an installed Chrome/Chromium/Edge, the bundled Chromium).
// The first launch of a run writes what was used to test-results/browser.txt; the global setup prints it.
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { chooseBrowser, isExecutable, type BrowserChoice } from './browser-choice';
import { bundledChromium, bundledChromiumInstalled, type BundledChromium } from './bundled-chromium';
import { watchClerkMessages } from './clerk-messages';
import { RESULTS_DIR, SCREENSHOT_DIR } from './results-dir';

export { RESULTS_DIR, SCREENSHOT_DIR };
export const BROWSER_REPORT = join(RESULTS_DIR, 'browser.txt');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=pt-BR',
];

export const machineBrowserChoice = (): BrowserChoice =>
  chooseBrowser({
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    isExecutable,
    bundledInstalled: bundledChromiumInstalled,
  });

// Made for AWS Lambda, where it must run as one process; here that process dies as soon as a test
// closes its first page (browser.newPage + page.close), so the screen tests run it multi-process.
const LAMBDA_ONLY_ARGS = new Set(['--single-process']);

/** Its own arguments (minus the Lambda-only ones), then ours; its libraries before the environment's. */
export const bundledLaunchOptions = (bundled: BundledChromium): LaunchOptions => ({
  executablePath: bundled.executablePath,
  args: [...bundled.args.filter((a) => !LAMBDA_ONLY_ARGS.has(a)), ...ARGS],
  env: {
    ...process.env,
    ...bundled.env,
    LD_LIBRARY_PATH: [bundled.env.LD_LIBRARY_PATH, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
  },
});

interface Launch {
  options: LaunchOptions;
  description: string;
}

async function launchOptions(choice: BrowserChoice): Promise<Launch> {
  switch (choice.kind) {
    case 'executable':
      return {
        options: { executablePath: choice.executablePath, args: ARGS },
        description: `${choice.executablePath} (${choice.from})`,
      };
    case 'channel':
      return {
        options: { channel: choice.channel, args: ARGS },
        description: `canal ${choice.channel} do Playwright (${choice.executablePath})`,
      };
    case 'bundled': {
      const bundled = await bundledChromium();
      return {
        options: bundledLaunchOptions(bundled),
        description: `@sparticuz/chromium ${bundled.packageVersion}, embutido no npm (${bundled.dir})`,
      };
    }
  }
}

let launch: Promise<Launch> | null = null;
let reported = false;

/**
 * Every context the tests open reports the messages its pages show a clerk (clerk-messages.ts), and
 * browser.newPage() makes its own context first: @axe-core/playwright needs a page whose context was
 * made with newContext().
 */
function watchEveryPage(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context: BrowserContext = await newContext(options);
    await watchClerkMessages(context);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => void context.close().catch(() => {}));
    return page;
  };
  return browser;
}

export async function launchBrowser(): Promise<Browser> {
  launch ??= launchOptions(machineBrowserChoice());
  const { options, description } = await launch;
  const browser = watchEveryPage(await chromium.launch(options));
  if (!reported) {
    reported = true;
    await mkdir(RESULTS_DIR, { recursive: true });
    try {
      // The first worker of the run to launch writes it (the global setup removed the previous one).
      writeFileSync(
        BROWSER_REPORT,
        `${browser.browserType().name()} ${browser.version()}: ${description}\n`,
        {
          flag: 'wx',
        },
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return browser;
}

/** Saves a full-page screenshot as a test artifact: test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
