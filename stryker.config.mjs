// Mutation testing of the intake core (`npm run test:mutation`): Stryker changes functions/ one small
// bug at a time and checks that some unit test fails. See docs/testing-mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['functions/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Static mutants (values built once when a module loads: the form definitions, the page pieces) are
  // 37% of all and each runs the whole suite; Stryker 10.1's Vitest runner also activates some too late
  // and reports them as survivors (stryker-js#6209, #6119). Left out of the score; see docs/code-quality.md.
  ignoreStatic: true,
  // Only mutants whose code or tests changed since the committed file are run again.
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  // The development machine has 2 cores, shared.
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
