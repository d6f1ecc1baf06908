// Once per `vitest run`: forget the previous run's browser report, and at the end say which browser the
// screen tests used (written by the first launch, test/support/browser.ts).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { BROWSER_REPORT } from './browser';
import { CLERK_MESSAGES_DIR } from './results-dir';

export default function setup(): () => void {
  rmSync(BROWSER_REPORT, { force: true });
  rmSync(CLERK_MESSAGES_DIR, { recursive: true, force: true });
  return () => {
    if (existsSync(BROWSER_REPORT))
      console.log(`\nnavegador dos testes de tela: ${readFileSync(BROWSER_REPORT, 'utf8').trim()}`);
  };
}
