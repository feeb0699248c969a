import { defineConfig } from 'vitest/config';

// Browser tests: Chromium (Debian's, driven by playwright-core) against the built site in dist/,
// served with its functions by scripts/serve.mjs. `npm test` builds before running these.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
