// Where the tests leave their artifacts (reports, screenshots, messages seen), in one place.
import { join } from 'node:path';

export const RESULTS_DIR = join(process.cwd(), 'test-results');
export const CLERK_MESSAGES_DIR = join(RESULTS_DIR, 'clerk-messages');
export const SCREENSHOT_DIR = join(RESULTS_DIR, 'screenshots');
