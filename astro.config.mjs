// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pagefindSearch from './integrations/pagefind.ts';
import { serialiseFunctions } from './scripts/function-gate.mjs';
import decap from './integrations/decap.ts';
import securityHeaders, { securityHeadersDev } from './integrations/security-headers.ts';
import emailRequired from './integrations/email-required.ts';

/**
 * React is used by /admin/ only, next to Decap's prebuilt file, whose embedded renderer is a
 * production build: in `astro dev` the development React would not work with it ("dispatcher.getOwner
 * is not a function"), so the production builds are used everywhere.
 */
const productionReact = [
  { find: /^react$/, replacement: fileURLToPath(new URL('./node_modules/react/cjs/react.production.js', import.meta.url)) },
  { find: /^react-dom$/, replacement: fileURLToPath(new URL('./node_modules/react-dom/cjs/react-dom.production.js', import.meta.url)) },
];

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
        // securityHeadersDev after it: the dev server's security headers (see integrations/security-headers.ts).
        // Function calls one at a time first: the dev tools' builds race (scripts/function-gate.mjs).
        const root = fileURLToPath(new URL('.', import.meta.url));
        updateConfig({ vite: { plugins: [serialiseFunctions(root), netlify({ edgeFunctions: { enabled: false } }), securityHeadersDev()] } });
      },
    },
  };
}

/**
 * The tool pages get their own copy of zod, apart from the one the form pages load: Rollup puts
 * modules used by both in one shared chunk holding everything either needs, so the tools would
 * download the parts of zod's core that only the forms' classic schemas use (about 9 KB gzipped).
 * Every module reached from a tool script's `zod/mini` import is given a `?tools` id, so it is
 * bundled (and tree-shaken) for the tools alone. See docs/tools.md, "JavaScript size".
 * @returns {import('vite').Plugin}
 */
function toolsOwnZod() {
  const TOOL_SUFFIX = '?tools';
  /** @param {string | undefined} importer */
  const isToolScript = (importer) => importer?.replaceAll('\\', '/').includes('/src/scripts/tools/');
  return {
    name: 'tools-own-zod',
    enforce: 'pre',
    // Only bytes shipped matter; dev and tests resolve zod as usual.
    apply: 'build',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const fromToolZod = importer.endsWith(TOOL_SUFFIX);
      if (!(fromToolZod || (source.startsWith('zod') && isToolScript(importer)))) return null;
      const resolved = await this.resolve(source, importer.replace(TOOL_SUFFIX, ''), { ...options, skipSelf: true });
      if (!resolved || resolved.external || !resolved.id.includes('/node_modules/zod/')) return resolved;
      return { ...resolved, id: resolved.id + TOOL_SUFFIX };
    },
  };
}

export default defineConfig({
  site: process.env.URL ?? 'http://localhost:4321',
  integrations: [emailRequired(), mdx(), pagefindSearch(), decap(), netlifyDev(), securityHeaders()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  vite: { resolve: { alias: productionReact }, plugins: [toolsOwnZod()] },
  // The dev toolbar is not used: it injects inline scripts and styles the site's CSP blocks, and preparing
  // it costs every build a dependency-bundling run.
  devToolbar: { enabled: false },
});
