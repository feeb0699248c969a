// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import netlify from '@netlify/vite-plugin';
import pagefindSearch from './integrations/pagefind.ts';
import { serialiseFunctions } from './scripts/function-gate.mjs';

export default defineConfig({
  site: process.env.URL ?? 'http://localhost:4321',
  integrations: [mdx(), pagefindSearch()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  vite: {
    // Serves netlify/functions and Netlify Blobs inside `astro dev`, offline and without an account.
    // Edge functions are off: we have none, and their sandbox cannot read files.
    // Function calls one at a time first: the dev tools' builds race (scripts/function-gate.mjs).
    plugins: [serialiseFunctions(fileURLToPath(new URL('.', import.meta.url))), netlify({ edgeFunctions: { enabled: false } })],
  },
});
