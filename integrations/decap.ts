// Decap CMS for /admin/, from decap-cms-app's own prebuilt distribution (dist/decap-cms-app.js and
// the chunks it loads on demand), copied as static files. Bundling Decap's 5 MB of sources on every
// build took most of the build's time and memory; the prebuilt file needs no bundling at all.
// - `astro build`: copies the files into dist/admin/decap/, with the patches below applied.
// - `astro dev`: serves the same files (patched the same way) at /admin/decap/.
// Source maps are not shipped: they are 24 MB, and editors do not need them.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { DECAP_SCRIPT } from '../src/admin/names.ts';
import { IMMUTABLE_PATCHES } from './decap-immutable.ts';
import { JS_YAML_PATCHES } from './decap-js-yaml.ts';
import { MINIMATCH_PATCHES } from './decap-minimatch.ts';

/** Where the files are served from: the folder of the script the admin page loads. */
export const DECAP_BASE = DECAP_SCRIPT.slice(0, DECAP_SCRIPT.lastIndexOf('/') + 1);
export const DECAP_ENTRY = DECAP_SCRIPT.slice(DECAP_BASE.length);

const require = createRequire(import.meta.url);
export const decapDist = path.join(path.dirname(require.resolve('decap-cms-app/package.json')), 'dist');

export interface Patch {
  file: string;
  /** The bundled package@version whose code this replaces, and the advisories it fixes there. */
  package: string;
  advisories: string[];
  why: string;
  find: string;
  replace: string;
}

/**
 * Fixes applied to the shipped code, each tied to the exact text it replaces. If Decap changes so
 * that one no longer matches, the build stops and says which, so nobody ships the old code unknowingly.
 */
export const PATCHES: Patch[] = [
  {
    file: DECAP_ENTRY,
    package: 'trim@0.0.1',
    advisories: ['GHSA-w5p7-h5w8-2hfq'],
    why:
      'trim@0.0.1 (bundled by remark-parse 6) has a high-severity ReDoS advisory (GHSA-w5p7-h5w8-2hfq, ' +
      'fixed in 0.0.3). Its regular expressions become String.prototype.trim/trimStart/trimEnd, which ' +
      'remove exactly the same characters in linear time (what trim 0.0.3 and later do).',
    find: '(t=e.exports=function(e){return e.replace(/^\\s*|\\s*$/g,"")}).left=function(e){return e.replace(/^\\s*/,"")},t.right=function(e){return e.replace(/\\s*$/,"")}',
    replace:
      '(t=e.exports=function(e){return e.trim()}).left=function(e){return e.trimStart()},t.right=function(e){return e.trimEnd()}',
  },
  ...MINIMATCH_PATCHES,
  ...IMMUTABLE_PATCHES,
  ...JS_YAML_PATCHES,
];

/** The files to ship: the entry, its on-demand chunks, the WebAssembly they load and the licences. */
export async function shippedFiles(dir = decapDist): Promise<string[]> {
  return (await readdir(dir)).filter((name) => /\.(js|wasm)$/.test(name) || name.endsWith('.LICENSE.txt')).sort();
}

/** A shipped file's bytes, with its patches applied (each must match exactly once). */
export async function shippedFile(name: string, dir = decapDist): Promise<Buffer> {
  const raw = await readFile(path.join(dir, name));
  const patches = PATCHES.filter((patch) => patch.file === name);
  if (patches.length === 0) return raw;
  let text = raw.toString('utf8');
  for (const patch of patches) {
    const count = text.split(patch.find).length - 1;
    if (count !== 1) {
      throw new Error(
        `decap-cms-app has changed: a patch for ${name} matched ${count} times instead of once. ` +
          `Check whether the new version still needs it (${patch.why}) and update integrations/decap.ts.`,
      );
    }
    text = text.replace(patch.find, () => patch.replace);
  }
  return Buffer.from(text);
}

const contentType = (name: string) =>
  name.endsWith('.wasm')
    ? 'application/wasm'
    : name.endsWith('.js')
      ? 'text/javascript; charset=utf-8'
      : 'text/plain; charset=utf-8';

export default function decap(): AstroIntegration {
  return {
    name: 'hub-decap',
    hooks: {
      'astro:server:setup': async ({ server }) => {
        const files = new Set(await shippedFiles());
        server.middlewares.use(async (req, res, next) => {
          const url = new URL(req.url ?? '/', 'http://dev');
          if (!url.pathname.startsWith(DECAP_BASE)) return next();
          const name = url.pathname.slice(DECAP_BASE.length);
          if (!files.has(name)) return next();
          try {
            const body = await shippedFile(name);
            res.writeHead(200, { 'content-type': contentType(name), 'cache-control': 'no-cache' });
            res.end(body);
          } catch (error) {
            next(error);
          }
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = path.join(fileURLToPath(dir), DECAP_BASE);
        await mkdir(out, { recursive: true });
        const files = await shippedFiles();
        await Promise.all(files.map(async (name) => writeFile(path.join(out, name), await shippedFile(name))));
        logger.info(`Copied Decap CMS (${files.length} files) into ${path.relative(process.cwd(), out)}/`);
      },
    },
  };
}
