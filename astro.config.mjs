// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import netlify from '@netlify/vite-plugin';
import pagefindSearch from './integrations/pagefind.ts';
import emailRequired from './integrations/email-required.ts';

export default defineConfig({
  site: process.env.URL ?? 'http://localhost:4321',
  integrations: [emailRequired(), mdx(), pagefindSearch()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  vite: {
    // Serves netlify/functions and Netlify Blobs inside `astro dev`, offline and without an account.
    // Edge functions are off: we have none, and their sandbox cannot read files.
    plugins: [netlify({ edgeFunctions: { enabled: false } })],
  },
});
