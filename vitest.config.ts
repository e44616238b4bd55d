import { configDefaults, defineConfig } from 'vitest/config';

/** Slow end-to-end checks: `npm run test:e2e` runs them (vitest.e2e.config.ts), `npm test` does not. */
export const E2E = 'test/e2e';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/.tmp holds scratch copies of projects, which must never be collected as tests.
    exclude: [...configDefaults.exclude, `${E2E}/**`, 'test/.tmp/**'],
    // Vitest's default is one worker fewer than the cores, which on a 2-core CI runner means one
    // file at a time. The main process is mostly idle while the files run, so use every core.
    // Forks, not threads: several files spawn Node processes and threads measured slower here.
    pool: 'forks',
    maxWorkers: '100%',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
