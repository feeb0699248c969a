import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleConfirm } from '../../functions/confirm.ts';
import { linkSecretKey } from '../../functions/email/links.ts';
import type { SubmissionRecord } from '../../functions/outbox.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { keptData, post, testDeps } from './intake-support.ts';

// The form endpoint's edges: addresses that are not forms, the site's public address behind a proxy,
// and references or links that collide with someone else's.

const valid = (formId: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/schemas/${formId}.json`, import.meta.url), 'utf8')).valid;

const NOT_SENT = { errors: [{ field: 'form', message: 'Your form was not sent. Try again in a few minutes.' }] };
const NO_FORM = { errors: [{ field: 'form', message: 'There is no form at this address' }] };

/**
 * Random bytes that give the references (and link tokens) the test asks for, in order: `fill(n)`
 * makes every symbol the same, so `fill(0)` is the reference …-2222-2222 and `fill(1)` …-3333-3333.
 */
const scripted = (...calls: number[]) => {
  let index = 0;
  return (size: number) => new Uint8Array(size).fill(calls[index++] ?? 100 + index);
};

describe('an address that is not a form', () => {
  it.each([
    ['a form id that does not exist', '/api/forms/staff-survey'],
    ['a name every object has', '/api/forms/constructor'],
    ['a path below a form', '/api/forms/coach-eoi/extra'],
    ['no form id at all', '/api/forms/'],
    ['a form’s address under another path', '/old-site/api/forms/coach-eoi'],
  ])('%s answers 404 with the reason, whatever is sent, and nothing is stored', async (_name, path) => {
    const { deps, store, mailer } = testDeps();
    for (const method of ['POST', 'GET']) {
      const request = new Request(`https://coaching.example.org${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(valid('coach-eoi')) : undefined,
      });
      const response = await handleFormPost(request, deps, 'a');
      expect([method, response.status]).toEqual([method, 404]);
      expect(await response.json()).toEqual(NO_FORM);
    }
    expect(keptData(store)).toEqual([]);
    expect(mailer.calls).toHaveLength(0);
  });

  it('accepts a form’s address with or without its closing slash', async () => {
    const { deps } = testDeps();
    const slash = new Request('https://coaching.example.org/api/forms/coach-eoi/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid('coach-eoi')),
    });
    expect((await handleFormPost(slash, deps, 'a')).status).toBe(201);
  });
});

describe('the site’s public address (SITE_URL)', () => {
  // Behind Netlify's proxy, or `npm run preview`, the function sees its own local address; the
  // browser's Origin is the public site.
  const behindProxy = (origin: string) =>
    new Request('http://localhost:8888/api/forms/coaching-agreement', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(valid('coaching-agreement')),
    });

  it('is accepted as the origin of a form, and its links go to it, not to the local address', async () => {
    const { deps, mailer, settle } = testDeps();
    const response = await handleFormPost(behindProxy('https://coaching.example.org'), deps, 'a');
    expect(response.status).toBe(201);
    await settle();
    const request = mailer.emails.find((email) => email.to === 'alex.morgan@example.org')!;
    const link = /\nOpen this link to read the coaching agreement and confirm it:\n(https:\/\/[^\n]+)\n/.exec(
      request.text,
    )![1]!;
    expect(link).toMatch(/^https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\/$/);
    // The HTML part carries the same link, to the public site too.
    expect(request.html).toContain(`href="${link}"`);
  });

  it('is matched by its origin, whatever path or closing slash the setting has', async () => {
    const { deps } = testDeps();
    deps.config = { ...deps.config, siteUrl: 'https://coaching.example.org/hub/' };
    expect((await handleFormPost(behindProxy('https://coaching.example.org'), deps, 'a')).status).toBe(201);
  });

  it('is the only other origin accepted: without it, the public site is another site', async () => {
    const { deps, store } = testDeps();
    deps.config = { ...deps.config, siteUrl: undefined };
    const response = await handleFormPost(behindProxy('https://coaching.example.org'), deps, 'a');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [{ field: 'form', message: 'This form can only be sent from this website' }],
    });
    expect(keptData(store)).toEqual([]);
  });

  it('ignores a setting that is not an address, and still accepts the request’s own origin', async () => {
    const { deps } = testDeps();
    deps.config = { ...deps.config, siteUrl: 'not a url' };
    expect((await handleFormPost(behindProxy('http://localhost:8888'), deps, 'a')).status).toBe(201);
    expect((await handleFormPost(behindProxy('https://coaching.example.org'), deps, 'a')).status).toBe(403);
    // An empty Origin header is not an origin either, and does not match the unusable setting.
    expect((await handleFormPost(behindProxy(''), deps, 'a')).status).toBe(403);
  });
});

describe('a reference that is already taken', () => {
  const send = (harness: ReturnType<typeof testDeps>, answers: Record<string, unknown>, formId = 'coach-eoi') =>
    handleFormPost(post(formId, answers), harness.deps, 'a');

  it('never overwrites the other person’s submission: the second gets a fresh reference', async () => {
    const harness = testDeps({ random: scripted(0, 0, 1) });
    const first = await (await send(harness, valid('coach-eoi'))).json();
    const second = await (
      await send(harness, { ...valid('coach-eoi'), name: 'Sam Okafor', email: 'sam.okafor@example.org' })
    ).json();

    expect([first.reference, second.reference]).toEqual(['EOI-2222-2222', 'EOI-3333-3333']);
    const kept = (await harness.store.get<SubmissionRecord>('submissions/EOI-2222-2222'))!.value;
    expect(kept.answers.name).toBe('Alex Morgan');
    const fresh = (await harness.store.get<SubmissionRecord>('submissions/EOI-3333-3333'))!.value;
    expect(fresh.answers.name).toBe('Sam Okafor');
    expect(fresh.batches[0]!.emails.map((email) => email.key)).toEqual([
      'EOI-3333-3333/submitted/wd-northfield@example.org',
      'EOI-3333-3333/submitted/sam.okafor@example.org',
    ]);
  });

  it('tries five references, then tells the sender it was not sent, and stores and sends nothing', async () => {
    const fourTaken = testDeps({ random: scripted(0, 0, 0, 0, 0, 1) });
    await send(fourTaken, valid('coach-eoi'));
    expect((await (await send(fourTaken, valid('coach-eoi'))).json()).reference).toBe('EOI-3333-3333');

    const fiveTaken = testDeps({ random: scripted(0, 0, 0, 0, 0, 0, 1) });
    await send(fiveTaken, valid('coach-eoi'));
    await fiveTaken.settle();
    fiveTaken.mailer.calls.length = 0;
    const response = await send(fiveTaken, { ...valid('coach-eoi'), name: 'Sam Okafor' });
    await fiveTaken.settle();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(await response.json()).toEqual(NOT_SENT);
    expect(await fiveTaken.store.list('submissions/')).toEqual(['submissions/EOI-2222-2222']);
    expect((await fiveTaken.store.get<SubmissionRecord>('submissions/EOI-2222-2222'))!.value.answers.name).toBe(
      'Alex Morgan',
    );
    expect(fiveTaken.mailer.calls).toHaveLength(0);
    expect(fiveTaken.logs).toContain('coach-eoi: not stored: no free reference after 5 tries');
  });

  it('takes back the confirmation link it made for a reference it could not have', async () => {
    // An agreement draws its link token first, then a reference for each try.
    const harness = testDeps({ random: scripted(50, 0, 60, 0, 0, 0, 0, 0) });
    // The first agreement's emails are still owed, so its link is still kept apart, waiting to be sent
    // (32 token bytes of 50, the character '2', read MjIy… in base64url).
    harness.mailer.script.push({ ok: false, reason: 'Resend 500' });
    await send(harness, valid('coaching-agreement'), 'coaching-agreement');
    await harness.settle();
    const firstLink = await harness.store.get(linkSecretKey('AGR-2222-2222'));
    expect(firstLink?.value).toEqual({
      emailKey: 'AGR-2222-2222/submitted/alex.morgan@example.org',
      link: `https://coaching.example.org/confirm/${'MjIy'.repeat(10)}MjI/`,
    });
    const response = await send(harness, valid('coaching-agreement'), 'coaching-agreement');
    await harness.settle();
    expect(response.status).toBe(503);
    expect(await harness.store.list('submissions/')).toEqual(['submissions/AGR-2222-2222']);
    // Only the first agreement's link is left, and the link its email will carry is still its own.
    expect(await harness.store.list('tokens/')).toHaveLength(1);
    expect(await harness.store.list('link-secrets/')).toEqual(['link-secrets/AGR-2222-2222']);
    expect((await harness.store.get(linkSecretKey('AGR-2222-2222')))?.value).toEqual(firstLink?.value);
  });
});

describe('a confirmation link that is already taken', () => {
  it('refuses the second submission rather than point the first person’s link at it', async () => {
    // Both agreements draw the same token bytes (50); their references differ.
    const harness = testDeps({ random: scripted(50, 0, 50, 1) });
    const first = await (
      await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), harness.deps, 'a')
    ).json();
    const second = await handleFormPost(
      post('coaching-agreement', {
        ...valid('coaching-agreement'),
        coachName: 'Sam Okafor',
        coachEmail: 'sam.okafor@example.org',
      }),
      harness.deps,
      'a',
    );
    await harness.settle();
    expect(second.status).toBe(503);
    expect(await second.json()).toEqual(NOT_SENT);
    expect(harness.logs).toContain('coaching-agreement: not stored: token collision');
    expect(await harness.store.list('submissions/')).toEqual([`submissions/${first.reference}`]);

    // The first coach's link still opens the first agreement.
    const request = harness.mailer.emails.find((email) => email.to === 'alex.morgan@example.org')!;
    const token = /\/confirm\/([A-Za-z0-9_-]{43})\//.exec(request.text)![1]!;
    const page = await handleConfirm(new Request(`https://coaching.example.org/confirm/${token}/`), harness.deps, 'a');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(first.reference);
    expect(html).toContain('Alex Morgan');
    expect(html).not.toContain('Sam Okafor');
  });
});

const urlencoded = (values: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const item of [value].flat()) params.append(key, item);
  return params.toString();
};
const plainPost = (formId: string, values: Record<string, string | string[]>) =>
  post(formId, urlencoded(values), { 'content-type': 'application/x-www-form-urlencoded' });

describe('telling a person from a bot', () => {
  const stored = async (answers: Record<string, unknown>) => {
    const { deps, store } = testDeps();
    const response = await handleFormPost(post('coach-eoi', { ...valid('coach-eoi'), ...answers }), deps, 'a');
    expect(response.status).toBe(201);
    return (await store.list('submissions/')).length;
  };

  it('does not take a honeypot holding only spaces for a bot', async () => {
    expect(await stored({ website: '   ' })).toBe(1);
  });

  it('judges the fill time only when the start time is a number', async () => {
    expect(await stored({ _started: 'yesterday' })).toBe(1);
  });

  it('counts exactly the minimum fill time as a person, a millisecond less as a bot', async () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(await stored({ _started: String(now - 3000) })).toBe(1);
    expect(await stored({ _started: String(now - 2999) })).toBe(0);
    // Sent the very millisecond the page opened: a script, not a person.
    expect(await stored({ _started: String(now) })).toBe(0);
  });

  it('does not take a start time in the future (a clock set wrong) for a bot', async () => {
    expect(await stored({ _started: String(Date.parse('2026-11-26T10:00:00Z') + 60_000) })).toBe(1);
  });

  it('logs that a bot was turned away, with no answers', async () => {
    const { deps, logs } = testDeps();
    await handleFormPost(post('coach-eoi', { ...valid('coach-eoi'), website: 'https://spam.example' }), deps, 'a');
    expect(logs).toEqual(['coach-eoi: bot check failed; nothing stored']);
  });
});

describe('answers with mistakes, sent without JavaScript', () => {
  it('keeps the time the page was first opened, so the corrected form is judged from then', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(
      plainPost('coach-eoi', { ...valid('coach-eoi'), email: 'nope', _started: '1764151200000' }),
      deps,
      'a',
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('<input type="hidden" name="_started" value="1764151200000" data-started>');
  });

  it('still answers with the form and its errors when the page cannot be fetched, on a bare page', async () => {
    const { deps, logs } = testDeps({
      fetchPage: async () => {
        throw new Error('404 /become-a-coach/');
      },
    });
    const response = await handleFormPost(plainPost('coach-eoi', { ...valid('coach-eoi'), email: 'nope' }), deps, 'a');
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(
      page.startsWith(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
      ),
    ).toBe(true);
    expect(page).toContain(
      '<title>Error: Coach expression of interest</title><link rel="stylesheet" href="/styles/site.css"></head>',
    );
    expect(page).toContain('<body><main id="main-content" class="container">');
    expect(page).toContain('Enter your work email address in the correct format, like name@example.org');
    expect(page).toContain('value="Alex Morgan"');
    expect(logs).toContain('/become-a-coach/ could not be fetched (404 /become-a-coach/); answering with a bare page');
  });
});

describe('when the site cannot take the form', () => {
  it('tells a JSON client it was not sent, to try again in two minutes, when the form’s content cannot be read', async () => {
    const { deps, store, logs } = testDeps({
      loadContent: async () => {
        throw new Error('content/forms/coach-eoi.yml is missing');
      },
    });
    const response = await handleFormPost(post('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(await response.json()).toEqual(NOT_SENT);
    expect(keptData(store)).toEqual([]);
    expect(logs).toEqual(['coach-eoi: content could not be loaded: content/forms/coach-eoi.yml is missing']);
  });

  it('tells a browser it was not sent, on the form page with the answers kept, when storage fails', async () => {
    const { deps } = testDeps();
    deps.store.set = async () => {
      throw new Error('storage is down');
    };
    const response = await handleFormPost(plainPost('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('<title>Error: ');
    expect(page).toContain(
      'Your form has not been sent because something went wrong on our side. Nothing has been stored. Try again in a few minutes.',
    );
    expect(page).toContain('value="Alex Morgan"');
  });

  it('says it was not sent, and logs why, when the connection breaks while the form is arriving', async () => {
    const { deps, store, logs } = testDeps();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":'));
        controller.error(new Error('connection reset'));
      },
    });
    const request = new Request('https://coaching.example.org/api/forms/coach-eoi', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await handleFormPost(request, deps, 'a');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(await response.json()).toEqual(NOT_SENT);
    expect(keptData(store)).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^unexpected: Error: connection reset\n/);
  });
});

describe('the errors a JSON client gets', () => {
  it('name each field once, its first problem only, and a problem with no field as the form', async () => {
    const { toErrors } = await import('../../functions/submission.ts');
    const { z } = await import('zod');
    const schema = z
      .object({ email: z.string().min(1, 'Enter your email address').regex(/@/, 'Enter a real email address') })
      .refine(() => false, 'Check the whole form');
    const email = schema.safeParse({ email: '' });
    expect(email.error!.issues.map((issue) => issue.message)).toEqual([
      'Enter your email address',
      'Enter a real email address',
      'Check the whole form',
    ]);
    expect(toErrors(email.error!)).toEqual([
      { field: 'email', message: 'Enter your email address' },
      { field: 'form', message: 'Check the whole form' },
    ]);
    const whole = schema.safeParse({ email: 'a@example.org' });
    expect(toErrors(whole.error!)).toEqual([{ field: 'form', message: 'Check the whole form' }]);
  });
});

describe('answers with mistakes, sent as JSON', () => {
  it('get 422 and one message per field, in form order, and nothing is stored', async () => {
    const { deps, store } = testDeps();
    const response = await handleFormPost(
      post('coach-eoi', { ...valid('coach-eoi'), name: '', email: 'nope' }),
      deps,
      'a',
    );
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      errors: [
        { field: 'name', message: 'Enter your full name' },
        { field: 'email', message: 'Enter your work email address in the correct format, like name@example.org' },
      ],
    });
    expect(keptData(store)).toEqual([]);
  });
});

describe('a storage failure after the link was saved', () => {
  it('takes the link back, so no half-stored agreement can be confirmed', async () => {
    const { deps, store } = testDeps();
    const set = store.set.bind(store);
    store.set = async (key, value, condition) => {
      if (key.startsWith('submissions/')) throw new Error('storage is down');
      return set(key, value, condition);
    };
    const response = await handleFormPost(post('coaching-agreement', valid('coaching-agreement')), deps, 'a');
    expect(response.status).toBe(503);
    expect(await store.list('tokens/')).toEqual([]);
    expect(await store.list('link-secrets/')).toEqual([]);
  });
});

describe('the link kept apart from the emails', () => {
  it('goes only into the email that carries it, even when someone types its placeholder into an answer', async () => {
    const harness = testDeps();
    const response = await handleFormPost(
      post('coachee-application', { ...valid('coachee-application'), reason1: 'Copy this: {{confirm-link}}' }),
      harness.deps,
      'a',
    );
    expect(response.status).toBe(201);
    await harness.settle();
    const { reference } = await response.json();
    expect(harness.logs).toContain(`${reference}: stored`);
    const wd = harness.mailer.emails.find((email) => email.to === 'wd-eastmere-children@example.org')!;
    expect(wd.text).toContain('Copy this: {{confirm-link}}');
    expect(wd.text).not.toContain('/confirm/');
    const request = harness.mailer.emails.find((email) => email.to === 'priya.shah@example.org')!;
    expect(request.text).toMatch(/https:\/\/coaching\.example\.org\/confirm\/[A-Za-z0-9_-]{43}\//);
  });

  it('sends a browser to its sent page, with nothing held', async () => {
    const { deps } = testDeps();
    const response = await handleFormPost(plainPost('coach-eoi', valid('coach-eoi')), deps, 'a');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/become-a-coach\/sent\/EOI-[A-Z0-9]{4}-[A-Z0-9]{4}\/$/);
  });
});
