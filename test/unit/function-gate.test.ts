import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionRoutes, isFunctionCall, oneAtATime } from '../../scripts/function-gate.mjs';

// The local servers run function calls one at a time, because Netlify's dev tools build each call
// into a folder that a concurrent call may be loading (a raw 500 naming a server path otherwise).

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the local servers’ function gate', () => {
  it('knows every function path from netlify/functions, and leaves static pages alone', () => {
    const routes = functionRoutes(root);
    for (const url of [
      '/api/forms/coach-eoi',
      '/api/forms/nope/',
      '/confirm/abc/',
      '/api/health',
      '/coaching-agreement/sent/AGR-AAAA-BBBB/',
    ]) {
      expect(isFunctionCall(routes, url), url).toBe(true);
    }
    // The templates the functions fetch while they run must never wait for the gate.
    for (const url of [
      '/confirm/',
      '/become-a-coach/',
      '/become-a-coach/sent/',
      '/form-not-sent/',
      '/404.html',
      '/styles/site.css',
    ]) {
      expect(isFunctionCall(routes, url), url).toBe(false);
    }
  });

  it('lets one call through at a time, in order of arrival', async () => {
    const turn = oneAtATime();
    const log: string[] = [];
    const call = async (name: string, ms: number) => {
      const release = await turn();
      log.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name} ends`);
      release();
    };
    await Promise.all([call('a', 30), call('b', 1), call('c', 10)]);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets the next call through when one never ends', async () => {
    const turn = oneAtATime({ maxTurnMs: 20 });
    await turn(); // never released
    const started = Date.now();
    const release = await turn();
    release();
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
