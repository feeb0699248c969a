import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, openPage } from './support.ts';

// /admin/ on the built site with the local backend: decap-server runs against a temporary copy of
// this repository, so tests read and change that copy's content/, never the real one, and the admin
// page's local-backend address is routed to that server.

export const root = process.cwd();
const decapServer = path.join(root, 'node_modules/decap-server/dist/index.js');

/** A free port in 8085–8089 (8081 belongs to `npm start`). */
async function freePort(): Promise<number> {
  for (let port = 8085; port <= 8089; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('No free port between 8085 and 8089 for decap-server');
}

/** Copies the repository as it stands (tracked and new files, not ignored ones) into a temp folder. */
async function copyRepository(to: string) {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await copyFile(path.join(root, file), path.join(to, file)).catch(() => undefined); // deleted but not staged
  }
  await symlink(path.join(root, 'node_modules'), path.join(to, 'node_modules'));
}

export interface CmsBackend {
  project: string;
  contentFile(file: string): Promise<string>;
  /** Opens /admin/ (optionally at a hash route); `headers` are added to the /admin/ page's response. */
  openAdmin(
    hash?: string,
    options?: { headers?: Record<string, string> },
  ): Promise<Awaited<ReturnType<typeof openPage>>>;
  stop(): Promise<void>;
}

export async function startCmsBackend(browser: Browser): Promise<CmsBackend> {
  const project = await mkdtemp(path.join(tmpdir(), 'hub-cms-'));
  await copyRepository(project);
  const port = await freePort();
  const decapUrl = `http://localhost:${port}/api/v1`;
  const decap: ChildProcess = spawn(process.execPath, [decapServer], {
    env: {
      ...process.env,
      PORT: String(port),
      GIT_REPO_DIRECTORY: project,
      MODE: 'fs',
      LOG_LEVEL: 'warn',
      BIND_HOST: '127.0.0.1',
    },
    stdio: 'ignore',
  });
  let started = false;
  for (let attempt = 0; attempt < 50 && !started; attempt++) {
    const info = await fetch(decapUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"info"}',
    })
      .then((r) => r.json())
      .catch(() => null);
    started = info?.type === 'local_fs';
    if (!started) await new Promise((r) => setTimeout(r, 200));
  }
  if (!started) throw new Error('decap-server did not start');

  async function openAdmin(hash = '', { headers }: { headers?: Record<string, string> } = {}) {
    const opened = await openPage(browser);
    const html = await (await fetch(`${baseUrl()}/admin/`)).text();
    const config = JSON.parse(
      html
        .match(/data-config="([^"]*)"/)![1]!
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&'),
    ) as { local_backend: { url: string } };
    const configured = new URL(config.local_backend.url).origin;
    // Also catch the default port, so nothing here can ever reach a real `npm start` decap-server.
    for (const origin of new Set([configured, 'http://localhost:8081'])) {
      await opened.page.route(`${origin}/**`, async (route) => {
        const url = route.request().url().replace(origin, new URL(decapUrl).origin);
        await route.fulfill({ response: await route.fetch({ url }) });
      });
    }
    if (headers) {
      await opened.page.route(`${baseUrl()}/admin/`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), ...headers } });
      });
    }
    await opened.page.goto(`/admin/${hash}`);
    // Decap may still be polling the backend when a test ends: let those calls fail quietly on close.
    const close = async () => {
      await opened.page.unrouteAll({ behavior: 'ignoreErrors' });
      await opened.close();
    };
    return { ...opened, close };
  }

  return {
    project,
    contentFile: (file) => readFile(path.join(project, file), 'utf8'),
    openAdmin,
    stop: async () => {
      decap.kill();
      await rm(project, { recursive: true, force: true });
    },
  };
}

/** Publish now (the local backend has no editorial workflow, so Decap publishes straight away). */
export async function publish(page: Page) {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now', { exact: true }).click();
}
