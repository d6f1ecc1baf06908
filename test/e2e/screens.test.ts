// Every screen, with data and empty, in a real Chromium against `regua serve`: its window title
// ("Rotinas — Régua"), one h1 naming it, no serious or critical accessibility violation (axe-core,
// WCAG 2.1 AA), and screenshots at 1366×768 and 1920×1080. The browser runs in American English on
// New York time: dates, money and times must still read as in Brazil.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_ENTRIES } from '../../renderer/app/screens';
import type { RoutineView } from '../../shared/contract/routines';
import { launchBrowser } from '../support/browser';
import { tempDir } from '../support/documents';
import { seriousAccessibilityViolations, screenshotAtSizes, shownTime } from '../support/screen-checks';
import { apiCall, startServe, type Served } from '../support/serve';

interface Visit {
  path: string;
  /** The window title without " — Régua". */
  title: string;
  h1: string | null;
}

const SCREENS: Visit[] = SCREEN_ENTRIES.map((s) => ({
  path: s.path,
  title: s.label,
  h1: s.label,
}));

let browser: Browser;
const served: Served[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(served.map((s) => s.stop()));
});

async function openAt(dataDir: string): Promise<{ server: Served; page: Page }> {
  const server = await startServe(dataDir, { REGUA_PREPARE_DELAY_MS: '0' });
  served.push(server);
  const page = await browser.newPage({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  page.setDefaultTimeout(20_000);
  // Início must stay Início: the first-start redirect to the guided setup is offered once per session.
  await page.addInitScript(() => sessionStorage.setItem('regua.setupOffered', '1'));
  await page.goto(server.url);
  return { server, page };
}

/** Opens the screen by its address and waits until nothing on it is still loading. */
async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => (window.location.hash = `#${p}`), path);
  await page.getByRole('main').waitFor();
  await expect
    .poll(() => page.locator('[aria-label^="Carregando"], .mantine-LoadingOverlay-root').count())
    .toBe(0);
  await page.waitForTimeout(300); // charts and late answers
}

async function checkScreen(page: Page, screen: Visit, name: string): Promise<void> {
  await visit(page, screen.path);
  await expect.poll(() => page.title()).toBe(`${screen.title} — Régua`);
  const h1 = page.locator('h1');
  if (screen.h1 !== null) {
    expect(await h1.count(), `${screen.path}: one h1`).toBe(1);
    expect((await h1.innerText()).trim()).toBe(screen.h1);
  } else {
    expect(await h1.count(), `${screen.path}: at most one h1`).toBeLessThanOrEqual(1);
  }
  expect(await seriousAccessibilityViolations(page), `${screen.path} (${name})`).toEqual([]);
  await screenshotAtSizes(page, name);
}

const slug = (path: string) => (path === '/' ? 'inicio' : path.slice(1));

describe('every screen, empty', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await openAt(await tempDir('regua-e2e-empty-')));
  }, 120_000);

  for (const screen of SCREENS)
    it(`${screen.title}: title, h1, no serious accessibility violation`, async () => {
      await checkScreen(page, screen, `vazio-${slug(screen.path)}`);
    });
});

describe('every screen, with data', () => {
  let page: Page;
  let server: Served;
  beforeAll(async () => {
    ({ page, server } = await openAt(await tempDir('regua-e2e-data-')));
    await apiCall(server, 'setup.loadSample');
    const [routine] = await apiCall<RoutineView[]>(server, 'routines.list');
    // A run in test mode: history, the inbox and Início's charts have something to show.
    await apiCall(server, 'routines.runNow', { routineId: routine!.id });
    await page.reload();
  }, 120_000);

  for (const screen of SCREENS)
    it(`${screen.title}: title, h1, no serious accessibility violation`, async () => {
      await checkScreen(page, screen, `dados-${slug(screen.path)}`);
    });

  it('a billing method and a layout opened for editing have their own title and h1', async () => {
    await checkScreen(
      page,
      {
        path: '/formas-de-cobranca/boleto/email',
        title: 'Boleto Bancário — Forma de Cobrança',
        h1: 'Boleto Bancário',
      },
      'dados-forma-de-cobranca-email',
    );
    await checkScreen(
      page,
      {
        path: '/layouts/editar/boleto-apos-vencimento',
        title: 'Boleto Bancário – Após Vencimento — Layout de E-mail',
        h1: 'Boleto Bancário – Após Vencimento',
      },
      'dados-layout-editor',
    );
  });

  it('shows the routine time in 24 hours on an English, New York browser', async () => {
    await visit(page, '/rotinas');
    await page
      .getByRole('button', { name: /^Editar rotina / })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    expect(await shownTime(dialog, 'Horário')).toBe('08:10:00');
    expect(await dialog.innerText()).not.toMatch(/\b(AM|PM)\b/);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    // Dates and instants on the company's clock, as dd/mm/aaaa HH:MM.
    expect(await page.getByRole('table', { name: 'Rotinas' }).innerText()).toMatch(
      /\d\d\/\d\d\/\d{4} \d\d:\d\d/,
    );
  });
});
