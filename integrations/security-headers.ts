// Sends functions/security-headers.ts's headers from the places Astro controls:
// - `astro build`: writes dist/_headers, which Netlify (and @netlify/dev under `npm run preview`)
//   applies to the static files it serves;
// - `astro dev` (`npm start`): a Vite middleware sets the same headers on every response of the dev
//   server that no function answered (functions set their own, from the same module).
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { buildCmsConfig, type Env } from '../src/admin/cms-config.ts';
import { headersForPath, netlifyHeadersFile, type Options } from '../functions/security-headers.ts';

/** Where a backend's API lives when the configuration does not say. */
const DEFAULT_API_ROOTS: Record<string, string> = {
  github: 'https://api.github.com',
  gitlab: 'https://gitlab.com',
  bitbucket: 'https://api.bitbucket.org',
};

/** Every other origin the CMS, as configured for this build, sends requests to. */
export function adminConnectSources(env: Env): string[] {
  const config = buildCmsConfig(env);
  const backend = config.backend as Record<string, string | undefined>;
  const urls = [
    backend.api_root ?? DEFAULT_API_ROOTS[backend.name ?? ''],
    backend.base_url,
    backend.identity_url,
    backend.gateway_url,
    // Decap uses the local backend only on localhost: a deployed site's admin need not reach it.
    env.NETLIFY === 'true' ? undefined : config.local_backend?.url,
  ];
  const origins = urls.flatMap((url) => {
    try {
      return url ? [new URL(url).origin] : [];
    } catch {
      return []; // a relative address is this site's own origin, already allowed
    }
  });
  return [...new Set(origins)];
}

export const headerOptions = (env: Env = process.env): Options => ({ adminConnect: adminConnectSources(env) });

/** `about/index.html` is served as /about/, `404.html` as /404.html. */
async function pagePaths(dir: string): Promise<string[]> {
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html'));
  return files.map((file) => `/${file.split(path.sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1'));
}

/**
 * For `astro dev`. It must come after @netlify/vite-plugin in the plugin list: that plugin answers
 * function routes itself, and for any path that exists in dist/ it copies the headers of the last
 * build's dist/_headers, which may be stale; running after it, this middleware has the last word.
 */
export function securityHeadersDev(): Plugin {
  return {
    name: 'security-headers-dev',
    apply: 'serve',
    configureServer(server) {
      const options = { ...headerOptions(), devServer: true };
      server.middlewares.use((request, response, next) => {
        const { pathname } = new URL(request.url ?? '/', 'http://localhost');
        for (const [name, value] of Object.entries(headersForPath(pathname, options))) response.setHeader(name, value);
        next();
      });
    },
  };
}

/** For `astro build`: writes dist/_headers. */
export default function securityHeaders(): AstroIntegration {
  return {
    name: 'security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const paths = await pagePaths(outDir);
        await writeFile(path.join(outDir, '_headers'), netlifyHeadersFile(paths, headerOptions()));
        logger.info(
          `Wrote security headers for ${paths.length} pages to ${path.relative(process.cwd(), outDir)}/_headers`,
        );
      },
    },
  };
}
