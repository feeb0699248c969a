// `npm start`: the whole system on one origin, http://localhost:4321: the Astro site with hot reload,
// netlify/functions and Netlify Blobs (through @netlify/vite-plugin), and the CMS's local backend:
// decap-server on DECAP_SERVER_PORT (default 8081), writing to this repository's content/ and
// public/uploads/, so /admin/ edits the real files with no sign-in and the site reloads the change.
// If either process stops, the other is stopped too.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const sitePort = process.env.PORT ?? '4321';
const decapPort = process.env.DECAP_SERVER_PORT ?? '8081';
export const LOOPBACK = '127.0.0.1';

const children = [
  // Loopback only: nothing on the network can reach the dev site or the CMS's unauthenticated backend.
  spawn(process.execPath, [bin('astro', 'bin/astro.mjs'), 'dev', '--port', sitePort, '--host', LOOPBACK], {
    cwd: root,
    stdio: 'inherit',
    // The admin page reads this to find the local backend.
    env: { ...process.env, DECAP_SERVER_PORT: decapPort },
  }),
  spawn(process.execPath, [bin('decap-server', 'dist/index.js')], {
    cwd: root,
    stdio: 'inherit',
    // decap-server reads PORT, BIND_HOST and GIT_REPO_DIRECTORY; MODE fs writes files without committing them.
    // Without BIND_HOST it listens on every interface, and anyone on the network could write content/.
    env: { ...process.env, PORT: decapPort, BIND_HOST: LOOPBACK, GIT_REPO_DIRECTORY: root, MODE: 'fs' },
  }),
];

let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
