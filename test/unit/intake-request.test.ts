import { describe, expect, it } from 'vitest';
import {
  html,
  isCrossSite,
  json,
  MAX_BODY_BYTES,
  problem,
  readAnswers,
  readLimited,
  redirect,
} from '../../functions/http.ts';

// Reading what a browser or a script sends, and the shape of every answer: the size limit counted
// while reading, the two content types, JSON's few accepted shapes, and the cross-site check.

const FORMS = 'https://coaching.example.org/api/forms/coach-eoi';

/** A body that arrives in pieces, as over a slow connection. */
const streamed = (...chunks: string[]) =>
  new Request(FORMS, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);

const sent = (body: string, type = 'application/json') =>
  new Request(FORMS, { method: 'POST', headers: { 'content-type': type }, body });

describe('reading a body', () => {
  it('joins the pieces in order', async () => {
    const bytes = await readLimited(streamed('name=Al', 'ex+Mor', 'gan'));
    expect(new TextDecoder().decode(bytes as Uint8Array)).toBe('name=Alex+Morgan');
  });

  it('takes exactly 64 KB, and refuses one byte more while reading', async () => {
    const full = 'a'.repeat(MAX_BODY_BYTES / 2);
    expect(MAX_BODY_BYTES).toBe(65_536);
    expect(((await readLimited(streamed(full, full))) as Uint8Array).byteLength).toBe(65_536);
    expect(await readLimited(streamed(full, full, 'a'))).toBe('too-large');
  });

  it('refuses a body that says it is too large before reading any of it', async () => {
    const request = new Request(FORMS, { method: 'POST', headers: { 'content-length': '65537' }, body: 'small' });
    expect(await readLimited(request)).toBe('too-large');
    const atTheLimit = new Request(FORMS, {
      method: 'POST',
      headers: { 'content-length': '65536' },
      body: 'a'.repeat(65_536),
    });
    expect(((await readLimited(atTheLimit)) as Uint8Array).byteLength).toBe(65_536);
    const honest = new Request(FORMS, { method: 'POST', headers: { 'content-length': '5' }, body: 'small' });
    expect(((await readLimited(honest)) as Uint8Array).byteLength).toBe(5);
  });

  it('reads no body as empty', async () => {
    expect(await readLimited(new Request(FORMS, { method: 'POST' }))).toEqual(new Uint8Array());
  });
});

describe('the answers in a body', () => {
  it('accept either content type whatever its case, with a charset', async () => {
    expect(await readAnswers(sent('{"name":"Alex"}', 'Application/JSON; charset=utf-8'))).toEqual({
      ok: true,
      answers: { name: 'Alex' },
      kind: 'json',
    });
    const form = await readAnswers(sent('name=Alex', 'application/x-www-form-urlencoded;charset=UTF-8'));
    expect(form).toMatchObject({ ok: true, kind: 'form' });
  });

  it('refuses a request with no content type', async () => {
    const request = new Request(FORMS, { method: 'POST', body: new Uint8Array([1]) });
    expect(await readAnswers(request)).toEqual({
      ok: false,
      status: 415,
      message: 'Send the form as application/x-www-form-urlencoded or application/json',
    });
  });

  it('keep a repeated name as a list, in the order sent', async () => {
    const result = await readAnswers(
      sent('areas=One&areas=Two&areas=Three&name=Alex', 'application/x-www-form-urlencoded'),
    );
    expect(result.ok && { ...result.answers }).toEqual({ areas: ['One', 'Two', 'Three'], name: 'Alex' });
  });

  it('keep names like __proto__ as plain answers, never as the object’s prototype', async () => {
    for (const result of [
      await readAnswers(sent('__proto__=x&constructor=y', 'application/x-www-form-urlencoded')),
      await readAnswers(sent('{"__proto__":"x","constructor":"y"}')),
    ]) {
      if (!result.ok) throw new Error('refused');
      expect(Object.getPrototypeOf(result.answers)).toBeNull();
      expect(Object.entries(result.answers)).toEqual([
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]);
    }
  });

  it('take from JSON strings, finite numbers, true as "yes", lists of strings, and skip false and null', async () => {
    const result = await readAnswers(
      sent('{"name":"Alex","sessions":4,"agree":true,"declined":false,"phone":null,"areas":["One","Two"]}'),
    );
    expect(result.ok && { ...result.answers }).toEqual({
      name: 'Alex',
      sessions: '4',
      agree: 'yes',
      areas: ['One', 'Two'],
    });
  });

  it.each([
    ['an empty body', ''],
    ['a number', '4'],
    ['null', 'null'],
    ['a list with a number in it', '{"areas":["One",2]}'],
  ])('refuse %s as JSON that cannot be read', async (_name, body) => {
    expect(await readAnswers(sent(body))).toEqual({ ok: false, status: 400, message: 'The form could not be read' });
  });
});

describe('the cross-site check', () => {
  const from = (headers: Record<string, string>) => new Request(FORMS, { method: 'POST', headers });

  it('refuses another site even when the browser calls it same-origin', () => {
    expect(isCrossSite(from({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example.net' }), [])).toBe(true);
  });

  it('allows the request’s own origin and a script that sends neither header', () => {
    expect(isCrossSite(from({ origin: 'https://coaching.example.org' }), [])).toBe(false);
    expect(isCrossSite(from({}), [])).toBe(false);
    expect(isCrossSite(from({ 'sec-fetch-site': 'same-site' }), [])).toBe(false);
  });

  it('compares whole origins: another port or scheme is another site', () => {
    expect(isCrossSite(from({ origin: 'https://coaching.example.org:8443' }), [])).toBe(true);
    expect(isCrossSite(from({ origin: 'http://coaching.example.org' }), [])).toBe(true);
  });
});

describe('every answer', () => {
  it('is never cached, and says what it is', async () => {
    const answers = [
      json(201, { reference: 'EOI-2345-6789' }),
      problem(404, 'There is no form at this address'),
      html(200, '<p>'),
    ];
    expect(
      answers.map((response) => [response.headers.get('cache-control'), response.headers.get('content-type')]),
    ).toEqual([
      ['no-store', 'application/json; charset=utf-8'],
      ['no-store', 'application/json; charset=utf-8'],
      ['no-store', 'text/html; charset=utf-8'],
    ]);
    expect(await answers[1]!.json()).toEqual({
      errors: [{ field: 'form', message: 'There is no form at this address' }],
    });
    const moved = redirect('/become-a-coach/sent/EOI-2345-6789/');
    expect([moved.status, moved.headers.get('location'), moved.headers.get('cache-control')]).toEqual([
      303,
      '/become-a-coach/sent/EOI-2345-6789/',
      'no-store',
    ]);
  });

  it('can carry extra headers', () => {
    expect(problem(429, 'Wait', { 'retry-after': '50' }).headers.get('retry-after')).toBe('50');
    expect(html(503, '<p>', { 'retry-after': '120' }).headers.get('retry-after')).toBe('120');
  });
});
