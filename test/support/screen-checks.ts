// What every screen test may check on a page: no serious or critical accessibility violation (axe-core,
// WCAG 2.1 A/AA), the screenshots at the two sizes offices use, and the 24-hour time field's typing.
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';

/** The screen sizes screenshots are taken at: a common laptop and a common desktop monitor. */
export const SCREEN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Serious and critical axe violations on the page, one line each (rule, impact, where). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // The e-mail preview is the customer's e-mail, shown as it is (sandboxed): not the program's text.
    .exclude('iframe[title="Prévia do e-mail"]')
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} — ${n.html.slice(0, 160)} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
      ),
    );
}

/** Full-page screenshots at 1366×768 and 1920×1080: test-results/screenshots/<name>-<w>x<h>.png. */
export async function screenshotAtSizes(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150); // let the layout settle at the new width
    await screenshot(page, `${name}-${size.width}x${size.height}`);
  }
  if (original) await page.setViewportSize(original);
}

/** Types HH:MM:SS into a TimeField (three 24-hour inputs) labelled `label` inside `scope`. */
export async function fillTime(scope: Locator | Page, label: string, time: string): Promise<void> {
  const [hh, mm, ss] = time.split(':');
  for (const [part, value] of [
    ['horas', hh],
    ['minutos', mm],
    ['segundos', ss],
  ] as const) {
    const input = scope.getByRole('spinbutton', { name: `${label}: ${part}` });
    await input.click();
    await input.press('Control+A');
    await input.pressSequentially(value!);
  }
}

/** The text of the 24-hour field, as shown: "08:10:00". */
export async function shownTime(scope: Locator | Page, label: string): Promise<string> {
  const parts: string[] = [];
  for (const part of ['horas', 'minutos', 'segundos'])
    parts.push(await scope.getByRole('spinbutton', { name: `${label}: ${part}` }).inputValue());
  return parts.join(':');
}
