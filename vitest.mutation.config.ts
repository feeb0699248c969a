import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant of functions/ (`npm run test:mutation`): the intake's
// unit tests only. The fuzzing test (intake-property) is left out: it takes half a minute a run and
// finds crashes, not wrong answers; the integration and browser tests start servers.
export default defineConfig({
  test: {
    include: ['test/unit/intake-*.test.ts', 'test/unit/forms-html.test.ts'],
    exclude: ['test/unit/intake-property.test.ts'],
    testTimeout: 30_000,
  },
});
