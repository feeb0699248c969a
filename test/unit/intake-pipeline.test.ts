import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleConfirm } from '../../functions/confirm.ts';
import { deleteExpired, flushOutbox, type SubmissionRecord } from '../../functions/outbox.ts';
import { RateLimiter } from '../../functions/limits.ts';
import { MemoryStore } from '../../functions/store.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { BrokenStore, keptData, post, testDeps } from './intake-support.ts';

// The pipeline, one journey at a time, with an in-memory store and a recording email service.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

const urlencoded = (values: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const item of [value].flat()) params.append(key, item);
  return params.toString();
};

const NOT_SENT = { errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }] };

describe('sending a form', () => {
  it('stores it, sends its emails and answers 201 with the reference (JSON)', async () => {
    const { deps, store, mailer, settle } = testDeps();
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    expect(reference).toMatch(/^EOI-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await settle();
    const record = (await store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    expect(record.batches[0]!.sentAt).toBeDefined();
    // The WD email on its own (it carries the CSV), then the receipt.
    expect(mailer.calls.map((call) => call.idempotencyKey)).toEqual([
      `${reference}/submitted/wd-northfield@example.org`,
      `${reference}/submitted`,
    ]);
  });

  it('answers as soon as the submission is stored, before any email is sent, and sends it after the answer', async () => {
    const { deps, store, mailer, settle } = testDeps();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sendBatch = mailer.sendBatch.bind(mailer);
    mailer.sendBatch = async (...args) => {
      await gate;
      return sendBatch(...args);
    };
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    // Answered, stored, and nothing sent yet: the email service has not even answered.
    expect(mailer.calls).toEqual([]);
    expect((await store.get<SubmissionRecord>(`submissions/${reference}`))!.value.batches[0]!.sentAt).toBeUndefined();
    release();
    await settle();
    expect(mailer.calls).toHaveLength(2);
    expect((await store.get<SubmissionRecord>(`submissions/${reference}`))!.value.batches[0]!.sentAt).toBeDefined();
  });

  it('answers a plain POST with 303 to the sent page', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(
      post('coach-eoi', urlencoded(valid('coach-eoi')), { 'content-type': 'application/x-www-form-urlencoded' }),
      deps,
      'a',
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/become-a-coach\/sent\/EOI-[A-Z0-9]{4}-[A-Z0-9]{4}\/$/);
  });

  it('answers a plain POST with errors with the form page, values kept, status 422', async () => {
    const { deps, store, mailer } = testDeps();
    const response = await handleFormPost(
      post('coach-eoi', urlencoded({ ...valid('coach-eoi'), email: 'not an email', _started: '1' }), {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      deps,
      'a',
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('<title>Error: ');
    expect(page).toContain('Enter your work email address in the correct format, like name@example.org');
    expect(page).toContain('value="Alex Morgan"');
    expect(page).toContain('value="not an email"');
    expect(keptData(store)).toEqual([]);
    expect(mailer.calls).toHaveLength(0);
  });

  it('keeps the submission pending when the email service fails, and the outbox sends it later, once', async () => {
    const { deps, store, mailer, advance, settle } = testDeps();
    mailer.script.push({ ok: false, reason: 'Resend 500' }, { ok: false, reason: 'Resend 429', retryAfterMs: 2000 });
    const response = await handleFormPost(post('coachee-application', valid('coachee-application')), deps, 'a');
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    await settle();
    const pending = (await store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    expect(pending.batches[0]).toMatchObject({
      attempts: 1,
      lastError: 'Resend 500',
      nextAttemptAt: '2026-11-26T10:00:15.000Z',
    });

    // Not yet due: the scheduled run leaves it alone.
    expect((await flushOutbox(deps)).sent).toEqual([]);
    advance(15_000);
    const second = await flushOutbox(deps);
    expect(second.pending).toEqual([{ reference, reason: 'Resend 429' }]);
    advance(2_000);
    const third = await flushOutbox(deps);
    expect(third.sent.map((item) => item.reference)).toEqual([reference]);
    expect(third.pending).toEqual([]);
    expect(await flushOutbox(deps)).toEqual({
      sent: [],
      pending: [],
      deleted: [],
      keptPending: [],
      followUps: [],
      limitsCleared: 0,
    });
    // Every attempt of each call used the same key, so the service could never send it twice.
    expect(new Set(mailer.calls.map((call) => call.idempotencyKey))).toEqual(
      new Set([
        `${reference}/submitted/wd-eastmere-children@example.org`,
        `${reference}/submitted/wd-northfield@example.org`,
        `${reference}/submitted`,
      ]),
    );
  });

  it('tells the sender it was not sent when storage fails, and sends nothing (JSON and plain POST)', async () => {
    const { deps, mailer } = testDeps({ store: new BrokenStore() });
    const json = await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect(json.status).toBe(503);
    expect(await json.json()).toEqual(NOT_SENT);
    const plain = await handleFormPost(
      post('coach-eoi', urlencoded(valid('coach-eoi')), { 'content-type': 'application/x-www-form-urlencoded' }),
      deps,
      'a',
    );
    expect(plain.status).toBe(503);
    const page = await plain.text();
    expect(page).toContain(
      'Your form has not been sent because something went wrong on our side. Nothing has been stored. Try again in a few minutes.',
    );
    expect(page).toContain('value="Alex Morgan"');
    expect(mailer.calls).toHaveLength(0);
  });
});

const REFUSALS = {
  crossSite:
    'Your form has not been sent because it came from a page on another website. Open the form on this website, fill it in and send it from there.',
  tooLarge:
    'Your form has not been sent because your answers are too long. Use your browser’s Back button to return to your answers, shorten the longest ones and send the form again.',
  wrongType:
    'Your form has not been sent because it was sent in a way we cannot read. Fill in the form on this page and send it again.',
  tooMany: (wait: string) =>
    `Your form has not been sent because a lot of forms have come from your connection recently. Wait ${wait}, then send it again.`,
  wrongMethod: 'Forms are sent to this address from their own pages. Fill in the form on this page and send it.',
  unreadable: 'Your form has not been sent because it could not be read. Check your answers and send the form again.',
};

/** A plain form post from a browser: what Chromium sends for <form method="post">. */
const browserPost = (form: string, body: BodyInit | undefined, headers: Record<string, string> = {}, method = 'POST') =>
  new Request(`https://coaching.example.org/api/forms/${form}`, {
    method,
    headers: {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
  });

const titleOf = (page: string) => page.match(/<title>([^<]*)<\/title>/)?.[1];
const summaryOf = (page: string) => page.match(/<ul class="error-summary__list">(.*?)<\/ul>/)?.[1];

describe('refusals to a browser are pages in the site layout', () => {
  it('another site: 403, the form page saying so, nothing typed carried over from the other site', async () => {
    const { deps, store } = testDeps();
    const response = await handleFormPost(
      browserPost('coach-eoi', urlencoded({ ...valid('coach-eoi'), name: 'Chosen Elsewhere' }), {
        origin: 'https://evil.example.net',
      }),
      deps,
      'a',
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(titleOf(page)).toBe('Error: Become a coach – Coaching Scheme Hub');
    expect(summaryOf(page)).toBe(`<li>${REFUSALS.crossSite}</li>`);
    expect(page).not.toContain('Chosen Elsewhere');
    expect(keptData(store)).toEqual([]);
  });

  it('an oversized body: 413, the form page saying what to do', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(browserPost('coach-eoi', `name=${'a'.repeat(65 * 1024)}`), deps, 'a');
    expect(response.status).toBe(413);
    const page = await response.text();
    expect(titleOf(page)).toBe('Error: Become a coach – Coaching Scheme Hub');
    expect(summaryOf(page)).toBe(`<li>${REFUSALS.tooLarge}</li>`);
  });

  it('a wrong content type (a form with enctype="text/plain"): 415 page', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(
      browserPost('coachee-application', 'name=Alex', { 'content-type': 'text/plain' }),
      deps,
      'a',
    );
    expect(response.status).toBe(415);
    const page = await response.text();
    expect(titleOf(page)).toBe('Error: Become a coach – Coaching Scheme Hub');
    expect(summaryOf(page)).toBe(`<li>${REFUSALS.wrongType}</li>`);
  });

  it('an unknown form: 404, the refusal page with a heading, what to do and whom to email', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(browserPost('no-such-form', 'name=Alex'), deps, 'a');
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(titleOf(page)).toBe('There is no form at this address – Coaching Scheme Hub');
    expect(page).toContain(
      '<div data-refusal-root><h1 class="heading-l">There is no form at this address</h1>' +
        '<p>Check the web address. You can find every form from the home page.</p>' +
        '<p>If this keeps happening, email <a href="mailto:coaching@example.org">coaching@example.org</a>.</p></div>',
    );
  });

  it('too many posts: 429 with Retry-After, the form page with everything typed kept and how long to wait', async () => {
    const { deps } = testDeps({ rateLimiter: new RateLimiter(new MemoryStore(), 1, 60_000) });
    await handleFormPost(browserPost('coach-eoi', 'name='), deps, 'a');
    const response = await handleFormPost(
      browserPost('coach-eoi', urlencoded({ ...valid('coach-eoi'), _started: '1' })),
      deps,
      'a',
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    const page = await response.text();
    expect(titleOf(page)).toBe('Error: Become a coach – Coaching Scheme Hub');
    expect(summaryOf(page)).toBe(`<li>${REFUSALS.tooMany('1 minute')}</li>`);
    expect(page).toContain('value="Alex Morgan"');
    expect(page).toContain('name="_started" value="1"');
  });

  it('opening the form address (GET): 405 with Allow, the form page saying where to fill it in', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(
      browserPost('coach-eoi', undefined, { 'content-type': '' }, 'GET'),
      deps,
      'a',
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(summaryOf(await response.text())).toBe(`<li>${REFUSALS.wrongMethod}</li>`);
  });

  it('a body that is not UTF-8: 400 page', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(browserPost('coach-eoi', new Uint8Array([0x6e, 0x3d, 0xff])), deps, 'a');
    expect(response.status).toBe(400);
    expect(summaryOf(await response.text())).toBe(`<li>${REFUSALS.unreadable}</li>`);
  });

  it('a multipart form post is read like a urlencoded one', async () => {
    const { deps } = testDeps();
    const body = new FormData();
    for (const [key, value] of Object.entries(valid('coach-eoi') as Record<string, string | string[]>)) {
      for (const item of [value].flat()) body.append(key, item);
    }
    const response = await handleFormPost(
      new Request('https://coaching.example.org/api/forms/coach-eoi', {
        method: 'POST',
        headers: { accept: 'text/html' },
        body,
      }),
      deps,
      'a',
    );
    expect(response.status).toBe(303);
  });

  it('JSON clients keep the JSON contract for the same refusals', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(post('no-such-form', '{}', { accept: 'application/json' }), deps, 'a');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ field: 'form', message: 'There is no form at this address' }] });
  });
});

describe('refusals', () => {
  const UNREADABLE = 'The form could not be read';
  const CROSS_SITE = 'This form can only be sent from this website';
  const TYPES = 'Send the form as application/x-www-form-urlencoded or application/json';
  it.each([
    ['GET', 405, 'Send this form with POST', { method: 'GET' }],
    ['text/plain', 415, TYPES, { headers: { 'content-type': 'text/plain' }, body: 'hello' }],
    [
      'text/plain asking for JSON',
      415,
      TYPES,
      { headers: { 'content-type': 'text/plain', accept: 'application/json' }, body: 'hello' },
    ],
    ['broken JSON', 400, UNREADABLE, { body: '{"name":' }],
    ['a JSON list', 400, UNREADABLE, { body: '[1,2]' }],
    ['a JSON object inside an answer', 400, UNREADABLE, { body: '{"name":{"first":"A"}}' }],
    ['invalid UTF-8', 400, UNREADABLE, { body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) }],
    ['over 64 KB', 413, 'The form is too large to send', { body: JSON.stringify({ name: 'a'.repeat(65 * 1024) }) }],
    ['another site', 403, CROSS_SITE, { headers: { origin: 'https://evil.example.net' }, body: '{}' }],
    ['a cross-site fetch', 403, CROSS_SITE, { headers: { 'sec-fetch-site': 'cross-site' }, body: '{}' }],
    ['origin null', 403, CROSS_SITE, { headers: { origin: 'null' }, body: '{}' }],
  ])(
    '%s → %i, %s, nothing stored',
    async (_name, status, message, init: { method?: string; headers?: Record<string, string>; body?: BodyInit }) => {
      const { deps, store, mailer } = testDeps();
      const request = new Request('https://coaching.example.org/api/forms/coach-eoi', {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: init.method === 'GET' ? undefined : init.body,
      });
      const response = await handleFormPost(request, deps, 'a');
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ errors: [{ field: 'form', message }] });
      expect(response.headers.get('allow')).toBe(status === 405 ? 'POST' : null);
      expect(keptData(store)).toEqual([]);
      expect(mailer.calls).toHaveLength(0);
    },
  );

  it('allows its own origin, and a same-site fetch without an origin', async () => {
    const { deps } = testDeps();
    const own = await handleFormPost(
      post('coach-eoi', valid('coach-eoi'), { origin: 'https://coaching.example.org' }),
      deps,
      'a',
    );
    const sameSite = await handleFormPost(
      post('coach-eoi', valid('coach-eoi'), { 'sec-fetch-site': 'same-site' }),
      deps,
      'a',
    );
    expect([own.status, sameSite.status]).toEqual([201, 201]);
  });

  it('limits each address to the configured number a minute, with Retry-After', async () => {
    const { deps, advance } = testDeps();
    deps.rateLimiter = new RateLimiter(deps.store, 2, 60_000);
    const send = () => handleFormPost(post('coach-eoi', {}), deps, '203.0.113.9');
    expect((await send()).status).toBe(422);
    advance(10_000);
    expect((await send()).status).toBe(422);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('50');
    expect((await handleFormPost(post('coach-eoi', {}), deps, '203.0.113.10')).status).toBe(422);
    advance(50_000);
    expect((await send()).status).toBe(422);
  });

  it('gives a bot that fills the honeypot the usual answer, and stores and sends nothing', async () => {
    const { deps, store, mailer } = testDeps();
    const response = await handleFormPost(
      post('coach-eoi', { ...valid('coach-eoi'), website: 'https://spam.example' }),
      deps,
      'a',
    );
    expect(response.status).toBe(201);
    expect((await response.json()).reference).toMatch(/^EOI-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(keptData(store)).toEqual([]);
    expect(mailer.calls).toHaveLength(0);
  });

  it('treats a form filled faster than a person could as a bot, but not one with no start time', async () => {
    const { deps, store } = testDeps();
    const now = deps.now();
    const fast = await handleFormPost(
      post('coach-eoi', { ...valid('coach-eoi'), _started: String(now - 1000) }),
      deps,
      'a',
    );
    expect(fast.status).toBe(201);
    expect(keptData(store)).toEqual([]);
    const human = await handleFormPost(
      post('coach-eoi', { ...valid('coach-eoi'), _started: String(now - 60_000) }),
      deps,
      'a',
    );
    const noScript = await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect([human.status, noScript.status]).toEqual([201, 201]);
    expect(await store.list('submissions/')).toHaveLength(2);
  });
});

describe('dates in day, month and year boxes (JavaScript off)', () => {
  const boxes = (name: string, day: string, month: string, year: string) => ({
    [`${name}-day`]: day,
    [`${name}-month`]: month,
    [`${name}-year`]: year,
  });
  const agreement = (dates: Record<string, string>) => {
    const { agreementDate: _a, expectedEndDate: _e, ...rest } = valid('coaching-agreement');
    return post('coaching-agreement', urlencoded({ ...rest, ...dates }), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  };

  it('stores a date typed in boxes as YYYY-MM-DD, as before', async () => {
    const { deps, store } = testDeps();
    const response = await handleFormPost(
      agreement({ ...boxes('agreementDate', '6', '11', '2026'), ...boxes('expectedEndDate', '31', 'March', '2027') }),
      deps,
      'a',
    );
    expect(response.status).toBe(303);
    const reference = response.headers.get('location')!.split('/')[3]!;
    const record = (await store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    expect(record.answers).toMatchObject({ agreementDate: '2026-11-06', expectedEndDate: '2027-03-31' });
    expect(record.batches[0]!.emails[0]!.text).toContain('6 November 2026');
  });

  it('says what is missing in GOV.UK’s words, and keeps what was typed in its boxes', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(
      agreement({ ...boxes('agreementDate', '6', '', '2026'), ...boxes('expectedEndDate', '', '', '') }),
      deps,
      'a',
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(summaryOf(page)).toBe(
      '<li><a href="#f-agreementDate">Date of the agreement must include a month</a></li>' +
        '<li><a href="#f-expectedEndDate">Enter the expected end date</a></li>',
    );
    expect(page).toContain('name="agreementDate-day" type="text" inputmode="numeric" value="6"');
    expect(page).toContain('name="agreementDate-year" type="text" inputmode="numeric" value="2026"');
  });
});

describe('the second signature', () => {
  async function sendAgreement() {
    const harness = testDeps();
    const response = await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), harness.deps, 'a');
    const { reference } = await response.json();
    await harness.settle();
    const request = harness.mailer.emails.find((email) => email.to === 'alex.morgan@example.org')!;
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(request.text)![1]!;
    const open = (init: RequestInit = {}) =>
      handleConfirm(new Request(`https://coaching.example.org/confirm/${token}/`, init), harness.deps, 'a');
    const confirm = async (name: string) => {
      const response = await open({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `name=${encodeURIComponent(name)}`,
      });
      await harness.settle();
      return response;
    };
    return { ...harness, reference, token, open, confirm };
  }

  it('emails the other party, who sees what they confirm, types their name once, and WD hears', async () => {
    const { open, confirm, mailer, reference, store } = await sendAgreement();
    const wd = mailer.emails.find((email) => email.to === 'wd-eastmere-children@example.org')!;
    expect(wd.text).toContain('Awaiting confirmation from the coach.');
    const page = await open();
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(reference);
    expect(html).toContain('Lead case discussions with confidence.');

    const empty = await confirm('  ');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Enter your full name to confirm');

    const done = await confirm('Alex Morgan');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/confirm/done/');
    const confirmedCalls = () =>
      mailer.calls.filter((call) => call.idempotencyKey.startsWith(`${reference}/confirmed`));
    expect(
      confirmedCalls()
        .flatMap((call) => call.emails)
        .map((email) => email.subject),
    ).toEqual([
      `Confirmed: Coaching agreement ${reference} – Eastmere and Northfield`,
      `Confirmed: Coaching agreement ${reference} – Eastmere and Northfield`,
    ]);

    const again = await confirm('Alex Morgan');
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This form has already been confirmed');
    expect((await open()).status).toBe(410);
    expect(confirmedCalls()).toHaveLength(2);
    const record = (await store.get<SubmissionRecord>(`submissions/${reference}`))!.value;
    expect(record.confirmation).toMatchObject({
      confirmedName: 'Alex Morgan',
      confirmedAt: '2026-11-26T10:00:00.000Z',
    });
  });

  it('refuses a foreign post, too many tries and a wrong method with the confirm page in the site layout', async () => {
    const { open, deps, token } = await sendAgreement();
    const browser = { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
    const foreign = await open({
      method: 'POST',
      headers: { ...browser, origin: 'https://evil.example.net' },
      body: 'name=Sam',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('referrer-policy')).toBe('same-origin');
    const foreignPage = await foreign.text();
    expect(titleOf(foreignPage)).toBe('Your form has not been sent – Coaching Scheme Hub');
    expect(foreignPage).toContain(
      `<div data-confirm-root><h1 class="heading-l">Your form has not been sent</h1><p>${REFUSALS.crossSite}</p></div>`,
    );

    deps.rateLimiter = new RateLimiter(new MemoryStore(), 0, 60_000);
    const limited = await open({ method: 'POST', headers: browser, body: 'name=Sam%20Jones' });
    expect(limited.status).toBe(429);
    const limitedPage = await limited.text();
    expect(titleOf(limitedPage)).toBe('Error: Confirm the coaching agreement – Coaching Scheme Hub');
    expect(summaryOf(limitedPage)).toBe(`<li>${REFUSALS.tooMany('1 minute')}</li>`);
    expect(limitedPage).toContain('value="Sam Jones"');
    expect(limitedPage).toContain(`action="/confirm/${token}/"`);

    const put = await open({ method: 'PUT', headers: { accept: 'text/html' } });
    expect(put.status).toBe(405);
    expect(await put.text()).toContain('<h1 class="heading-l">This address only receives forms</h1>');
    const putJson = await open({ method: 'PUT' });
    expect(await putJson.json()).toEqual({
      errors: [{ field: 'form', message: 'Open this link, or send the confirmation with POST' }],
    });
  });

  it('refuses a link after 14 days, and one that was never issued', async () => {
    const { open, advance, deps } = await sendAgreement();
    advance(14 * 24 * 60 * 60 * 1000 - 1);
    expect((await open()).status).toBe(200);
    advance(1);
    const expired = await open();
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    const unknown = await handleConfirm(
      new Request(`https://coaching.example.org/confirm/${'x'.repeat(43)}/`),
      deps,
      'a',
    );
    expect(unknown.status).toBe(404);
    const garbage = await handleConfirm(new Request('https://coaching.example.org/confirm/%3Cscript%3E/'), deps, 'a');
    expect(garbage.status).toBe(404);
  });

  it('confirms once when two clicks race', async () => {
    const { confirm, mailer } = await sendAgreement();
    const results = await Promise.all([confirm('Alex Morgan'), confirm('Alex Morgan')]);
    expect(results.map((response) => response.status).sort()).toEqual([303, 410]);
    // One call per WD inbox (each carries the CSV), once.
    expect(mailer.calls.filter((call) => call.idempotencyKey.includes('/confirmed'))).toHaveLength(2);
  });
});

describe('retention', () => {
  it('deletes delivered submissions after the retention period, but not pending ones or live links', async () => {
    const { deps, store, mailer, advance, settle } = testDeps();
    await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    await settle();
    mailer.script.push({ ok: false, reason: 'Resend 500' });
    await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    await settle();
    await handleFormPost(post('coachee-application', valid('coachee-application')), deps, 'a');
    await settle();
    advance(29 * 24 * 60 * 60 * 1000);
    expect(await deleteExpired(store, deps.now(), 30)).toEqual([]);
    advance(2 * 24 * 60 * 60 * 1000);
    const deleted = await deleteExpired(store, deps.now(), 30);
    // The delivered interest and the application (its link expired after 14 days) go; the pending one stays.
    expect(deleted).toHaveLength(2);
    expect(await store.list('submissions/')).toHaveLength(1);
    expect(await store.list('tokens/')).toEqual([]);
  });
});

describe('the sent page', () => {
  it('fills in a well-formed reference for its own form, and refuses anything else with 404', async () => {
    const { handleSentPage } = await import('../../functions/sent.ts');
    const { deps } = testDeps();
    const open = (path: string) => handleSentPage(new Request(`https://coaching.example.org${path}`), deps);
    const page = await open('/become-a-coach/sent/EOI-7KQ3-M9TX/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('EOI-7KQ3-M9TX');
    for (const path of [
      '/become-a-coach/sent/APP-7KQ3-M9TX/',
      '/become-a-coach/sent/EOI-0000-0000/',
      '/become-a-coach/sent/%E0%A4%A/',
      '/become-a-coach/sent/%3Cscript%3E/',
    ]) {
      expect((await open(path)).status).toBe(404);
    }
  });
});
