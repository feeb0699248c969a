// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import netlify from '@netlify/vite-plugin';
import pagefindSearch from './integrations/pagefind.ts';
import securityHeaders, { securityHeadersDev } from './integrations/security-headers.ts';
import emailRequired from './integrations/email-required.ts';

export default defineConfig({
  site: process.env.URL ?? 'http://localhost:4321',
  integrations: [emailRequired(), mdx(), pagefindSearch(), securityHeaders()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  // The dev toolbar injects inline scripts and styles, which the dev server's CSP (the site's) blocks.
  devToolbar: { enabled: false },
  vite: {
    // Serves netlify/functions and Netlify Blobs inside `astro dev`, offline and without an account.
    // Edge functions are off: we have none, and their sandbox cannot read files.
    // securityHeadersDev after it: the dev server's security headers (see integrations/security-headers.ts).
    plugins: [netlify({ edgeFunctions: { enabled: false } }), securityHeadersDev()],
  },
});
