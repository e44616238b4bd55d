import { defineConfig } from 'vitest/config';
import { E2E } from './vitest.config.js';

/** `npm run test:e2e`: the slow end-to-end checks (the bench on a smoke corpus, jscodeshift under Babel). */
export default defineConfig({
  test: {
    include: [`${E2E}/**/*.test.ts`],
    // As in vitest.config.ts: every core, one forked worker per file. Nothing here asserts a timing.
    pool: 'forks',
    maxWorkers: '100%',
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
