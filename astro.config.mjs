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
  {
    find: /^react$/,
    replacement: fileURLToPath(new URL('./node_modules/react/cjs/react.production.js', import.meta.url)),
  },
  {
    find: /^react-dom$/,
    replacement: fileURLToPath(new URL('./node_modules/react-dom/cjs/react-dom.production.js', import.meta.url)),
  },
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
        updateConfig({
          vite: {
            plugins: [serialiseFunctions(root), netlify({ edgeFunctions: { enabled: false } }), securityHeadersDev()],
          },
        });
      },
    },
  };
}

/**
 * The tool pages and the form pages each get their own copy of zod on the client: Rollup puts
 * modules used by several entries in one shared chunk holding everything any of them needs, so a
 * form page would download the parts of zod's core that only /admin/'s classic schemas use (15 KB
 * gzipped in all instead of about 6). Every module reached from a tool script's, or a form
 * script's, `zod/mini` import is given a `?tools` or `?forms` id, so it is bundled (and
 * tree-shaken) for those pages alone. See docs/tools.md, "JavaScript size".
 * @returns {import('vite').Plugin}
 */
function ownZod() {
  const OWNERS = [
    { suffix: '?tools', folders: ['/src/scripts/tools/'] },
    // The form definitions are shared with the functions and /admin/; only the client copy is split.
    { suffix: '?forms', folders: ['/src/scripts/forms/', '/functions/forms/'] },
  ];
  /** @param {string | undefined} importer */
  const ownerOf = (importer) => {
    const id = importer?.replaceAll('\\', '/') ?? '';
    return OWNERS.find(({ suffix, folders }) => id.endsWith(suffix) || folders.some((folder) => id.includes(folder)));
  };
  return {
    name: 'own-zod',
    enforce: 'pre',
    // Only bytes shipped to browsers matter; dev, the server build and tests resolve zod as usual.
    apply: 'build',
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    async resolveId(source, importer, options) {
      const owner = importer && ownerOf(importer);
      if (!owner) return null;
      if (!(importer.endsWith(owner.suffix) || source.startsWith('zod'))) return null;
      const resolved = await this.resolve(source, importer.replace(owner.suffix, ''), { ...options, skipSelf: true });
      if (!resolved || resolved.external || !resolved.id.includes('/node_modules/zod/')) return resolved;
      return { ...resolved, id: resolved.id + owner.suffix };
    },
  };
}

export default defineConfig({
  site: process.env.URL ?? 'http://localhost:4321',
  integrations: [emailRequired(), mdx(), pagefindSearch(), decap(), netlifyDev(), securityHeaders()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  vite: { resolve: { alias: productionReact }, plugins: [ownZod()] },
  // The dev toolbar is not used: it injects inline scripts and styles the site's CSP blocks, and preparing
  // it costs every build a dependency-bundling run.
  devToolbar: { enabled: false },
});
