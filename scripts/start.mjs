// `npm start`: the whole system on one origin, http://localhost:4321: the Astro site with hot reload,
// netlify/functions and Netlify Blobs (through @netlify/vite-plugin), and the CMS's local backend.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['astro', 'dev', '--port', process.env.PORT ?? '4321'], { stdio: 'inherit' }),
];

const stop = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
