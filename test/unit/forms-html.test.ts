import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRefusals } from '../../functions/content.ts';
import { FIXTURE_CONTENT, fixtureContent } from './intake-support.ts';
import {
  coachEoi,
  coacheeApplication,
  coachingAgreement,
  forms,
  type FormContent,
} from '../../functions/forms/index.ts';
import {
  renderAnswerRows,
  renderConfirmPage,
  renderErrorSummary,
  renderForm,
  renderFormPage,
  renderSentPage,
} from '../../functions/html/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/forms-html/${name}`, import.meta.url), 'utf8');
/** The fixture's form content, with the intake's own words (sent and confirm pages) from the fixture content folder. */
const { intake } = await fixtureContent('coach-eoi');
const content: FormContent = { ...JSON.parse(fixture('content.json')), intake };
const refusals = await loadRefusals(FIXTURE_CONTENT);
const hostile: Record<string, unknown> = JSON.parse(fixture('hostile-values.json'));
const formPage = fixture('form-page.html');

/** Every tag name the markup opens, to prove no value smuggled in an element of its own. */
const openedTags = (html: string) =>
  new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
/** Every attribute name used, to prove no value smuggled in an event handler. */
const attributeNames = (html: string) =>
  new Set(
    [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) =>
      [...tag[0].replace(/"[^"]*"/g, '""').matchAll(/\s([a-zA-Z-:]+)(?==|[\s>])/g)].map((m) => m[1]!),
    ),
  );

describe('a form page rendered for someone who typed hostile values', () => {
  const html = renderForm({ definition: coachEoi, content, values: hostile, errors: [] });

  it('keeps every value as text, never as markup', () => {
    expect(openedTags(html)).not.toContain('script');
    expect(openedTags(html)).not.toContain('img');
    expect(openedTags(html)).not.toContain('b');
    expect(openedTags(html)).not.toContain('i');
    expect([...attributeNames(html)].filter((name) => name.startsWith('on'))).toEqual([]);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"');
    expect(html).toContain('value="&#39; onmouseover=&#39;alert(1)"');
    expect(html).toContain(
      'Line one\n&lt;/textarea&gt;&lt;script&gt;alert(&#39;experience&#39;)&lt;/script&gt;</textarea>',
    );
    expect(html).toContain('<option value="quote-trust" selected>&quot;Quote&quot; &amp; &lt;Angle&gt; Trust</option>');
  });

  it('keeps what was chosen: select, radios, checkboxes and agreement boxes', () => {
    expect(html).toMatch(
      /<input class="choice__input" id="f-accreditation-2" name="accreditation" type="radio" value="no" checked>/,
    );
    expect(html).toMatch(
      /<input class="choice__input" id="f-accreditation" name="accreditation" type="radio" value="yes">/,
    );
    expect(html).toMatch(/id="f-areas" name="areas" type="checkbox" value="Managing change" checked>/);
    expect(html).toMatch(/id="f-areas-2" name="areas" type="checkbox" value="Team development">/);
    expect(html).toMatch(
      /id="f-areas-3" name="areas" type="checkbox" value="&lt;b&gt;Bold&lt;\/b&gt; &amp; brave" checked>/,
    );
    expect(html).toMatch(/id="f-agreeExpectations" name="agreeExpectations" type="checkbox" value="yes" checked>/);
    expect(html).toMatch(
      /id="f-acknowledgeResearch" name="acknowledgeResearch" type="checkbox" value="yes" aria-describedby="f-acknowledgeResearch-hint">/,
    );
  });

  it('carries the fill-time and honeypot fields, escaped', () => {
    expect(html).toContain(
      '<input type="hidden" name="_started" value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" data-started>',
    );
    expect(html).toContain(
      '<div class="honeypot" aria-hidden="true"><label for="website">Leave this field empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>',
    );
  });

  it('lists the coach expectations from content beside the box that agrees to them', () => {
    expect(html).toContain(
      '<ul class="terms" id="f-agreeExpectations-list"><li>Coach at least 2 coachees.</li><li>Keep notes &lt;locked&gt; away.</li></ul>',
    );
    expect(html.indexOf('id="f-agreeExpectations-list"')).toBeLessThan(html.indexOf('id="f-agreeExpectations"'));
  });
});

describe('every form renders every field accessibly', () => {
  for (const definition of Object.values(forms)) {
    const fields = definition.fields(content);
    const html = renderForm({ definition, content });

    it(`${definition.id}: posts to its endpoint without the browser's own validation`, () => {
      expect(html).toMatch(
        new RegExp(
          `^<form class="form" method="post" action="/api/forms/${definition.id}" novalidate data-form="${definition.id}">`,
        ),
      );
      expect(html).toContain('<button type="submit" class="button" data-submit>Send</button>');
    });

    it(`${definition.id}: labels every control, groups choices in a fieldset with a legend`, () => {
      for (const field of fields) {
        if (field.kind === 'radios' || field.kind === 'checkboxes') {
          expect(html, field.name).toMatch(
            new RegExp(`<fieldset[^>]*><legend class="legend">${escapeRe(field.label)}`),
          );
          expect(html, field.name).toContain(`id="f-${field.name}" name="${field.name}"`);
        } else {
          expect(html, field.name).toContain(`for="f-${field.name}"`);
          expect(html, field.name).toContain(`id="f-${field.name}"`);
        }
        if (field.autocomplete)
          expect(html, field.name).toMatch(new RegExp(`id="f-${field.name}"[^>]*autocomplete="${field.autocomplete}"`));
        if (field.optional)
          expect(html, field.name).toContain(`${escapeHtmlText(field.label)} <span class="optional">(optional)</span>`);
      }
    });

    it(`${definition.id}: links each hint to its control`, () => {
      for (const field of fields.filter((f) => f.hint)) {
        expect(html, field.name).toContain(`id="f-${field.name}-hint"`);
        expect(html, field.name).toMatch(new RegExp(`aria-describedby="f-${field.name}-hint"`));
      }
    });

    it(`${definition.id}: renders conditional fields, marked for the script to reveal`, () => {
      for (const field of fields.filter((f) => f.showWhen)) {
        expect(html).toContain(
          `<div class="field" data-field="${field.name}" data-show-when-field="${field.showWhen!.field}" data-show-when-value="${field.showWhen!.value}">`,
        );
      }
    });
  }

  it('asks for numbers as text with a numeric keypad', () => {
    const html = renderForm({ definition: coachingAgreement, content });
    expect(html).toMatch(/id="f-numberOfSessions"[^>]*type="text" inputmode="numeric"/);
  });

  it('asks for every date with GOV.UK’s day, month and year boxes, never a browser date control', () => {
    for (const definition of Object.values(forms)) {
      expect(renderForm({ definition, content }), definition.id).not.toMatch(/type="date"/);
    }
    const html = renderForm({
      definition: coachingAgreement,
      content,
      values: { agreementDate: '2026-11-06', expectedEndDate: '31/3/' },
    });
    expect(regionOf(html, 'agreementDate')).toBe(
      '<fieldset class="fieldset" role="group" aria-describedby="f-agreementDate-hint"><legend class="legend">Date of the agreement</legend>' +
        '<div class="hint" id="f-agreementDate-hint">The day you agreed it, usually at your first meeting. For example, 26 11 2026</div>' +
        '<div class="date-input">' +
        '<div class="date-input__item"><label class="label date-input__label" for="f-agreementDate">Day</label><input class="input date-input__input input--width-2" id="f-agreementDate" name="agreementDate-day" type="text" inputmode="numeric" value="6"></div>' +
        '<div class="date-input__item"><label class="label date-input__label" for="f-agreementDate-month">Month</label><input class="input date-input__input input--width-2" id="f-agreementDate-month" name="agreementDate-month" type="text" inputmode="numeric" value="11"></div>' +
        '<div class="date-input__item"><label class="label date-input__label" for="f-agreementDate-year">Year</label><input class="input date-input__input input--width-4" id="f-agreementDate-year" name="agreementDate-year" type="text" inputmode="numeric" value="2026"></div>' +
        '</div></fieldset>',
    );
    // What was typed comes back in its boxes, even when incomplete.
    expect(regionOf(html, 'expectedEndDate')).toContain(
      'name="expectedEndDate-day" type="text" inputmode="numeric" value="31"',
    );
    expect(regionOf(html, 'expectedEndDate')).toContain(
      'name="expectedEndDate-month" type="text" inputmode="numeric" value="3"',
    );
    expect(regionOf(html, 'expectedEndDate')).toMatch(/name="expectedEndDate-year" type="text" inputmode="numeric">/);
  });
});

/** The inside of one field's wrapper. */
function regionOf(html: string, field: string): string {
  const start = html.indexOf(`data-field="${field}">`);
  const open = html.indexOf('>', start) + 1;
  return html.slice(open, html.indexOf('</fieldset>', open) + '</fieldset>'.length);
}

describe('errors: the summary and the inline messages', () => {
  const errors = [
    { field: 'managerEmail', message: 'Enter your line manager’s email address' },
    { field: 'name', message: 'Enter your full name' },
    { field: 'identifiedInSupervision', message: 'Select yes if the need for coaching came up in supervision' },
    { field: 'name', message: 'A second message for the same field' },
  ];
  const fields = coacheeApplication.fields(content);

  it('links each problem to its field, in the order of the form, once per field', () => {
    expect(renderErrorSummary(errors, fields)).toBe(
      // GOV.UK's markup: role="alert" inside, no aria-labelledby on a div without a role; autofocus
      // so the summary takes focus on pages without JavaScript too.
      '<div class="error-summary" data-error-summary tabindex="-1" autofocus><div role="alert">' +
        '<h2 class="error-summary__title">There is a problem</h2><div class="error-summary__body"><ul class="error-summary__list">' +
        '<li><a href="#f-name">Enter your full name</a></li>' +
        '<li><a href="#f-identifiedInSupervision">Select yes if the need for coaching came up in supervision</a></li>' +
        '<li><a href="#f-managerEmail">Enter your line manager’s email address</a></li>' +
        '</ul></div></div></div>',
    );
  });

  it('links radios to their first option, which carries the field id', () => {
    const html = renderForm({ definition: coacheeApplication, content, errors });
    expect(html).toMatch(
      /<input class="choice__input" id="f-identifiedInSupervision" name="identifiedInSupervision" type="radio" value="yes">/,
    );
  });

  it('shows a form-wide problem as text without a link, and escapes every message', () => {
    const html = renderErrorSummary([{ field: '', message: 'Your answers have not been sent <b>yet</b>' }]);
    expect(html).toContain('<li>Your answers have not been sent &lt;b&gt;yet&lt;/b&gt;</li>');
    expect(html).not.toContain('href');
  });

  it('renders nothing when there are no errors', () => {
    expect(renderErrorSummary([])).toBe('');
  });

  it('puts the message inline, after the hint, and links both from the control', () => {
    const html = renderForm({ definition: coacheeApplication, content, errors, values: { managerEmail: 'me@' } });
    expect(html).toContain(
      '<div class="field field--error" data-field="managerEmail"><label class="label" for="f-managerEmail">Your line manager’s email address</label>' +
        '<div class="hint" id="f-managerEmail-hint">We will email your line manager a link to confirm they support your application</div>' +
        '<p class="error-message" id="f-managerEmail-error"><span class="visually-hidden">Error:</span> Enter your line manager’s email address</p>' +
        '<input id="f-managerEmail" name="managerEmail" aria-describedby="f-managerEmail-hint f-managerEmail-error" class="input input--error input--long" type="email" spellcheck="false" value="me@"></div>',
    );
    expect(html).toContain(
      '<p class="error-message" id="f-name-error"><span class="visually-hidden">Error:</span> Enter your full name</p>',
    );
    expect(html).not.toContain('A second message for the same field');
  });

  it('links a fieldset to its error so the legend and message are read together', () => {
    const html = renderForm({ definition: coacheeApplication, content, errors });
    expect(html).toContain(
      '<fieldset class="fieldset" aria-describedby="f-identifiedInSupervision-error"><legend class="legend">',
    );
  });
});

describe('the form page served after a plain POST with errors', () => {
  const values = { name: 'Ada <Lovelace>', employer: 'northfield-council' };
  const errors = [{ field: 'jobTitle', message: 'Enter your job title' }];
  const html = renderFormPage(formPage, { definition: coachEoi, content, values, errors });

  it('starts the title with "Error: "', () => {
    expect(html).toContain('<title>Error: Become a coach – Coaching Scheme Hub</title>');
  });

  it('puts the summary at the top and redraws the form with the values kept', () => {
    expect(html).toMatch(/<div data-error-summary-root><div class="error-summary"[\s\S]*href="#f-jobTitle"/);
    expect(html.indexOf('data-error-summary-root')).toBeLessThan(html.indexOf('<h1>'));
    expect(html).toContain('value="Ada &lt;Lovelace&gt;"');
    expect(html).toContain('<option value="northfield-council" selected>');
    expect(html).not.toContain('<div>old</div>');
    expect(html).toContain('<p data-after-form>After the form</p>');
  });

  it('leaves a page without errors as it was, apart from the values', () => {
    const clean = renderFormPage(formPage, { definition: coachEoi, content, values });
    expect(clean).toContain('<title>Become a coach – Coaching Scheme Hub</title>');
    expect(clean).toContain('<div data-error-summary-root></div>');
    expect(clean).toContain('value="Ada &lt;Lovelace&gt;"');
  });

  it('prefixes the title only once', () => {
    const twice = renderFormPage(html, { definition: coachEoi, content, values, errors });
    expect(twice).toContain('<title>Error: Become a coach – Coaching Scheme Hub</title>');
  });
});

describe('answers on "Check your answers" and the confirm page', () => {
  const rows = [
    { field: 'name', label: 'Full name', value: 'Ada <Lovelace>' },
    { field: 'areas', label: 'Areas of coaching', value: 'Managing change\nTeam development' },
  ];

  it('shows each answer with a Change link back to its field', () => {
    expect(renderAnswerRows(rows, { changeLinks: true })).toBe(
      '<dl class="summary-list">' +
        '<div class="summary-list__row"><dt class="summary-list__key">Full name</dt><dd class="summary-list__value">Ada &lt;Lovelace&gt;</dd>' +
        '<dd class="summary-list__actions"><a class="link" href="#f-name" data-change="name">Change<span class="visually-hidden"> full name</span></a></dd></div>' +
        '<div class="summary-list__row"><dt class="summary-list__key">Areas of coaching</dt><dd class="summary-list__value">Managing change<br>Team development</dd>' +
        '<dd class="summary-list__actions"><a class="link" href="#f-areas" data-change="areas">Change<span class="visually-hidden"> areas of coaching</span></a></dd></div>' +
        '</dl>',
    );
  });

  it('shows no Change links on a plain record', () => {
    expect(renderAnswerRows(rows)).not.toContain('Change');
  });
});

describe('the sent page', () => {
  it('fills in the reference', () => {
    const html = renderSentPage(fixture('sent-page.html'), {
      reference: 'EOI-7KQ3-M9TX',
      definition: coachEoi,
      content,
    });
    expect(html).toContain(
      '<div class="panel__body" data-reference-root>Your reference is<br><strong class="reference" data-reference>EOI-7KQ3-M9TX</strong></div>',
    );
    expect(html).not.toContain('in your confirmation email');
  });

  it('sent page: says plainly which email could not be sent, in the words from content', async () => {
    const loaded = await fixtureContent('coachee-application');
    const template =
      '<main><div data-reference-root></div><div data-email-root><p>We are sending you a confirmation email</p></div></main>';
    const both = renderSentPage(template, {
      reference: 'APP-7KQ3-M9TX',
      definition: coacheeApplication,
      content: loaded,
      held: ['receipt', 'request'],
    });
    expect(both).not.toContain('We are sending you a confirmation email');
    expect(both).toContain(`<p>${loaded.settings.receiptNotSent}</p><p>${loaded.settings.requestNotSent}</p>`);
    expect(loaded.settings.receiptNotSent).toContain('We could not send you a confirmation email');
    expect(loaded.settings.requestNotSent).toContain('Your form has still reached workforce development');
    const none = renderSentPage(template, { reference: 'APP-7KQ3-M9TX', definition: coacheeApplication, content });
    expect(none).toContain('We are sending you a confirmation email');
  });

  it('escapes whatever it is given', () => {
    const html = renderSentPage(fixture('sent-page.html'), {
      reference: '<script>x</script>',
      definition: coachEoi,
      content,
    });
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(openedTags(html)).not.toContain('script');
  });
});

describe('the confirm page in each state', () => {
  const template = fixture('confirm-page.html');
  const ready = {
    state: 'ready' as const,
    token: 'tok_123',
    formName: 'Coaching application',
    reference: 'APP-7KQ3-M9TX',
    role: 'manager',
    submitterName: 'Sam <Smith>',
    rows: [{ field: 'name', label: 'Full name', value: 'Sam <Smith>' }],
    words: intake.confirm,
  };

  it('ready: shows what is being confirmed and a typed-name form posting back to the link', () => {
    const html = renderConfirmPage(template, ready);
    expect(html).toContain('<title>Confirm the coaching application – Coaching Scheme Hub</title>');
    expect(html).toContain('<h1 class="heading-l">Confirm the coaching application</h1>');
    expect(html).toContain(
      '<p>Sam &lt;Smith&gt; has named you as the manager on this coaching application. Read it, then type your name to confirm it.</p>',
    );
    expect(html).toContain('<p>Reference: <strong class="reference">APP-7KQ3-M9TX</strong></p>');
    expect(html).toContain('<dd class="summary-list__value">Sam &lt;Smith&gt;</dd>');
    expect(html).toContain('<form class="form" method="post" action="/confirm/tok_123/" novalidate>');
    expect(html).toContain('<label class="label" for="f-name">Your full name</label>');
    expect(html).toContain('<p data-confirm-help>');
    expect(html).not.toContain('error-summary');
  });

  it('errors: keeps the typed name, shows the summary and the inline message, and says Error in the title', () => {
    const html = renderConfirmPage(template, {
      ...ready,
      state: 'errors',
      errors: [{ field: 'name', message: 'Enter your full name to confirm' }],
      values: { name: '"><script>' },
    });
    expect(html).toContain('<title>Error: Confirm the coaching application – Coaching Scheme Hub</title>');
    expect(html).toContain('<li><a href="#f-name">Enter your full name to confirm</a></li>');
    expect(html).toContain(
      '<p class="error-message" id="f-name-error"><span class="visually-hidden">Error:</span> Enter your full name to confirm</p>',
    );
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('aria-describedby="f-name-hint f-name-error"');
  });

  it('encodes the token in the form address', () => {
    const html = renderConfirmPage(template, { ...ready, token: '../x"y' });
    expect(html).toContain('action="/confirm/..%2Fx%22y/"');
  });

  it.each([
    ['expired', 'This link has expired', 'Links to confirm a form work for 14 days after the form is sent.'],
    ['used', 'This form has already been confirmed', 'Each link can be used once, and this one has been.'],
    ['not-found', 'This link does not work', 'Check that you opened or copied the whole link from the email.'],
  ] as const)('%s: says so plainly and keeps the help line', (state, title, line) => {
    const html = renderConfirmPage(template, { state, words: refusals });
    expect(html).toContain(`<title>${title} – Coaching Scheme Hub</title>`);
    expect(html).toContain(`<h1 class="heading-l">${title}</h1><p>${line}</p>`);
    expect(html).not.toContain('<form');
    expect(html).toContain('<p data-confirm-help>');
  });
});

function escapeRe(text: string) {
  return escapeHtmlText(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function escapeHtmlText(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
