// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pagefindSearch from './integrations/pagefind.ts';
import decap from './integrations/decap.ts';

/**
 * Serves netlify/functions and Netlify Blobs inside `astro dev`, offline and without an account.
 * Loaded only for `astro dev`: a static build does not use it, and importing it costs a build about
 * 3 s and 200 MB. Edge functions are off: we have none, and their sandbox cannot read files.
 * @returns {import('astro').AstroIntegration}
 */
function netlifyDev() {
  return {
    name: 'hub-netlify-dev',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        const { default: netlify } = await import('@netlify/vite-plugin');
        updateConfig({ vite: { plugins: [netlify({ edgeFunctions: { enabled: false } })] } });
      },
    },
  };
}

export default defineConfig({
  site: process.env.URL ?? 'http://localhost:4321',
  integrations: [mdx(), pagefindSearch(), decap(), netlifyDev()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  // Astro's dev toolbar is not used here, and preparing it costs every build a dependency-bundling run.
  devToolbar: { enabled: false },
});
