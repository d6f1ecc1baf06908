// The browser mode: the menu reaches every screen, and the API refuses calls without the token or
// from a foreign host.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_ENTRIES } from '../../renderer/app/screens';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/documents';
import { startServe, type Served } from '../support/serve';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await startServe(await tempDir());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('regua serve', () => {
  it('refuses API calls without the token (401) and with a wrong one', async () => {
    const none = await fetch(`${served.baseUrl}api/setup.status`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await fetch(`${served.baseUrl}api/setup.status`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${served.baseUrl}api/events`);
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host or Origin even with the token', async () => {
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: served.port, path: '/api/setup.status', method: 'POST', headers },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end('{}');
      });
    const auth = { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' };
    expect(await status({ ...auth, host: `evil.example:${served.port}` })).toBe(403);
    expect(await status({ ...auth, host: `127.0.0.1:${served.port}`, origin: 'http://evil.example' })).toBe(
      403,
    );
    expect(await status({ ...auth, host: `127.0.0.1:${served.port}` })).toBe(200);
  });

  it('opens with the token from the URL and reaches every screen from the menu', async () => {
    const page = await browser.newPage();
    await page.goto(served.url);
    await expect.poll(() => page.url()).not.toContain('token=');
    for (const screen of SCREEN_ENTRIES.filter((s) => s.group !== null)) {
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByText(screen.label, { exact: true })
        .click();
      await expect.poll(() => new URL(page.url()).hash).toBe(`#${screen.path}`);
    }
    await screenshot(page, 'shell');
    await page.close();
  });
});
