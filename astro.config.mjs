// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import netlify from '@netlify/vite-plugin';
import pagefindSearch from './integrations/pagefind.ts';

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
  integrations: [mdx(), pagefindSearch()],
  // Every stylesheet stays an external file: the site runs under a CSP with style-src 'self'.
  build: { inlineStylesheets: 'never' },
  vite: {
    // Serves netlify/functions and Netlify Blobs inside `astro dev`, offline and without an account.
    // Edge functions are off: we have none, and their sandbox cannot read files.
    plugins: [netlify({ edgeFunctions: { enabled: false } }), toolsOwnZod()],
  },
});
