// Local servers listen on loopback only: `npm start` (astro dev and decap-server, whose unauthenticated
// API writes content/) and `npm run preview` answer on 127.0.0.1 and refuse this machine's other
// addresses. Also: the dev server sends the same security headers as the module defines.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersForPath } from '../../functions/security-headers.ts';
import { headerOptions } from '../../integrations/security-headers.ts';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** This machine's first address that is not loopback: where another computer would connect. */
function outsideAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;
  if (!address) throw new Error('This test needs a network interface besides loopback to try connecting from outside');
  return address;
}

/** Whether a TCP connection to host:port is accepted. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

const withoutTestRunner = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(
    Object.entries(env).filter(([name]) => name !== 'NODE_ENV' && name !== 'TEST' && !name.startsWith('VITEST')),
  );

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitUntilAccepting(port: number, seconds: number) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await accepts('127.0.0.1', port)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Nothing listened on 127.0.0.1:${port} within ${seconds} s`);
}

describe('npm start', () => {
  let start: ChildProcess;
  let sitePort: number;
  let decapPort: number;
  beforeAll(async () => {
    [sitePort, decapPort] = [await freePort(), await freePort()];
    start = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      // As a developer's shell would have it: not the test runner's NODE_ENV=test and VITEST_* settings.
      env: { ...withoutTestRunner(process.env), PORT: String(sitePort), DECAP_SERVER_PORT: String(decapPort) },
      stdio: 'ignore',
      detached: true,
    });
    await waitUntilAccepting(decapPort, 60);
    await waitUntilAccepting(sitePort, 120);
  }, 150_000);
  afterAll(() => {
    if (start?.pid) process.kill(-start.pid, 'SIGTERM');
  });

  it('runs decap-server and the dev site on loopback only', async () => {
    const outside = outsideAddress();
    expect(await accepts('127.0.0.1', decapPort)).toBe(true);
    expect(await accepts(outside, decapPort)).toBe(false);
    expect(await accepts('127.0.0.1', sitePort)).toBe(true);
    expect(await accepts(outside, sitePort)).toBe(false);
  });

  it('sends the security headers of each path, as the built site does (inline styles aside, for Vite)', async () => {
    const options = { ...headerOptions({ ...process.env, DECAP_SERVER_PORT: String(decapPort) }), devServer: true };
    // The port opens before Astro has synced the content: wait for the first page.
    for (
      let i = 0;
      i < 300 &&
      (await fetch(`http://127.0.0.1:${sitePort}/principles/`).then(
        (r) => r.status,
        () => 0,
      )) !== 200;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (const pagePath of ['/principles/', '/search/', '/admin/', '/api/health']) {
      const response = await fetch(`http://127.0.0.1:${sitePort}${pagePath}`);
      expect(response.status).toBe(200);
      for (const [name, value] of Object.entries(headersForPath(pagePath, options))) {
        expect([pagePath, name, response.headers.get(name)]).toEqual([pagePath, name, value]);
      }
    }
  }, 420_000);
});

describe('npm run preview', () => {
  it('serves on loopback only', async () => {
    const server = await serve({ port: 0, quiet: true });
    try {
      expect(await accepts('127.0.0.1', server.port)).toBe(true);
      expect(await accepts(outsideAddress(), server.port)).toBe(false);
    } finally {
      await server.close();
    }
  }, 60_000);
});
