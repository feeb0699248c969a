import { describe, expect, it } from 'vitest';
import { sendAnswers, sentLocation } from '../../src/scripts/forms/send.ts';
import { WORDS } from './forms-script-support.ts';

// Sending, answer by answer from the endpoint: each outcome is what the page then does.

const reply =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

const send = (fetch: typeof globalThis.fetch) =>
  sendAnswers({
    formPath: '/become-a-coach/',
    endpoint: '/api/forms/coach-eoi',
    body: { name: 'Sam' },
    messages: WORDS,
    fetch,
  });

describe('sending the answers', () => {
  it('posts them as JSON to the form’s endpoint, asking for JSON back', async () => {
    const calls: [string, RequestInit][] = [];
    await send(async (url, init) => {
      calls.push([String(url), init!]);
      return new Response('{}', { status: 500 });
    });
    expect(calls).toEqual([
      [
        '/api/forms/coach-eoi',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: '{"name":"Sam"}',
        },
      ],
    ]);
  });

  it('once stored, goes to the sent page with the reference', async () => {
    expect(await send(reply(201, { reference: 'EOI-7KQ3-M9TX' }))).toEqual({
      kind: 'sent',
      location: '/become-a-coach/sent/EOI-7KQ3-M9TX/',
    });
  });

  it('tells the sent page which emails were held back', async () => {
    expect(sentLocation('/apply-for-coaching/', 'APP-1', ['receipt', 'manager'])).toBe(
      '/apply-for-coaching/sent/APP-1/?held=receipt%2Cmanager',
    );
    expect(sentLocation('/apply-for-coaching/', 'APP-1', [])).toBe('/apply-for-coaching/sent/APP-1/');
  });

  it('brings the server’s errors back to the form', async () => {
    const errors = [{ field: 'name', message: 'Enter your full name' }];
    expect(await send(reply(422, { errors }))).toEqual({ kind: 'invalid', errors });
  });

  it('says how long to wait when too many forms came from the connection', async () => {
    const outcome = await send(reply(429, { error: 'too many' }, { 'retry-after': '150' }));
    expect(outcome).toEqual({ kind: 'not-sent', message: expect.stringContaining('Wait 3 minutes, then try again.') });
  });

  it('says the answers are too long for a 413', async () => {
    expect(await send(reply(413, ''))).toEqual({ kind: 'not-sent', message: WORDS.tooLarge });
  });

  it('says something went wrong on our side for anything else, even a 201 without a reference', async () => {
    expect(await send(reply(503, { error: 'down' }))).toEqual({ kind: 'not-sent', message: WORDS.server });
    expect(await send(reply(201, {}))).toEqual({ kind: 'not-sent', message: WORDS.server });
    expect(await send(reply(422, 'not JSON'))).toEqual({ kind: 'not-sent', message: WORDS.server });
  });

  it('says the connection failed when there was no answer at all', async () => {
    const outcome = await send(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(outcome).toEqual({
      kind: 'not-sent',
      message:
        'Your form has not been sent because the connection failed. Check your internet connection and try again. Your answers are still here.',
    });
  });
});
