// `npm run test:slow`: the suites too slow for every `npm test` (test/slow/). CI runs both (.ci/run).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    passWithNoTests: true,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-slow.json' }]],
  },
});
