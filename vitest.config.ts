import { getViteConfig } from 'astro/config';

// Unit and integration tests. getViteConfig lets tests import modules that use astro:content.
export default getViteConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
