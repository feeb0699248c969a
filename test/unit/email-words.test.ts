import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFormContent } from '../../functions/content.ts';
import { receiptEmail } from '../../functions/email/messages.ts';
import { fill, fillHtml } from '../../functions/fill.ts';
import { forms } from '../../functions/forms/index.ts';
import { placeholdersOf } from '../../src/admin/ui-hints-intake.ts';
import { ruleProblem } from '../../src/admin/rules.ts';
import { emailFiles, fileCollections } from '../../src/schemas/content-model.ts';

// The emails' words live in content/emails/, one file per email, with named placeholders. A typo in a
// placeholder, or a placeholder that email may not carry, fails the build (the functions and the
// pages read content through functions/content.ts) with one sentence naming the file, the email and
// the placeholder; the CMS refuses the same value with the same sentence.

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));
let copies: string[] = [];
afterEach(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** A copy of content/ with one line of one file replaced. */
function contentWith(file: string, from: string, to: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'email-words-'));
  copies.push(dir);
  cpSync(CONTENT, dir, { recursive: true });
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  expect(text).toContain(from);
  writeFileSync(full, text.replace(from, to));
  return dir;
}

const loading = (dir: string) => loadFormContent('coachee-application', dir);

describe('a placeholder an email cannot fill in fails the build in one sentence', () => {
  it('a typo: names the file, the email, the placeholder and the ones allowed', async () => {
    const dir = contentWith(
      'emails/receipt.yml',
      "subject: 'We have received your {form}: {reference}'",
      "subject: 'We have received your {form}: {referense}'",
    );
    await expect(loading(dir)).rejects.toThrow(
      new Error(
        'content/emails/receipt.yml is not valid: subject: {referense} in the subject of the receipt to the person who sent the form ' +
          'is not a placeholder the site can fill in there: use only {form}, {formName} and {reference}.',
      ),
    );
  });

  it('a value that email must not carry: the request to confirm, at a typed address, has no {name}', async () => {
    const dir = contentWith(
      'emails/confirm-request.yml',
      'intro: You have been named as the {role}',
      'intro: You have been named by {name} as the {role}',
    );
    await expect(loading(dir)).rejects.toThrow(
      new Error(
        'content/emails/confirm-request.yml is not valid: intro: {name} in the first line of the request to confirm ' +
          'is not a placeholder the site can fill in there: use only {role}, {form}, {formName} and {scheme}.',
      ),
    );
  });

  it('a required placeholder taken out, and a stray bracket', async () => {
    const gone = contentWith('emails/reminder.yml', "link: 'Confirm it here: {link}'", "link: 'Confirm it here'");
    await expect(loading(gone)).rejects.toThrow(
      new Error(
        'content/emails/reminder.yml is not valid: link: Keep {link} in the line with the link (plain-text email) of the reminder to confirm: the site replaces it with the real value.',
      ),
    );
    const stray = contentWith(
      'emails/confirmed.yml',
      "typedName: 'They typed their name as: {name}'",
      "typedName: 'They typed {their name as: {name}'",
    );
    await expect(loading(stray)).rejects.toThrow(
      new Error(
        'content/emails/confirmed.yml is not valid: typedName: Use curly brackets { } in the line with the name they typed of the email to workforce development when a form is confirmed only around a placeholder, like {name}.',
      ),
    );
  });

  it('the CMS refuses the same value with the same sentence', () => {
    expect(ruleProblem('emailReceipt.subject', 'We have received your {form}: {referense}')).toBe(
      '{referense} in the subject of the receipt to the person who sent the form is not a placeholder the site can fill in there: use only {form}, {formName} and {reference}.',
    );
    expect(ruleProblem('emailReceipt.subject', 'We have received your {form}: {reference}')).toBeUndefined();
    expect(ruleProblem('emailExpiredWorkforce.next', 'Tell {name}.')).toBe(
      '{name} in the last line of the email to workforce development when the link expires is not a placeholder the site can fill in there: it has no placeholders, so take out the curly brackets.',
    );
    expect(ruleProblem('sentPage.contact', 'Email us and give your reference.')).toBe(
      'Keep {contact} in the contact line of the sent page: the site replaces it with the real value.',
    );
    expect(ruleProblem('confirmPage.nameLabel', 'Your name {')).toBe(
      'Use curly brackets { } in the label of the name box of the confirm page only around a placeholder.',
    );
  });
});

describe('the mail rule, in the schemas', () => {
  // What someone typed: a name, an organisation typed as "another organisation" (in {organisations}),
  // a WD inbox is not typed but is kept from the people outside.
  const TYPED = ['name', 'organisations', 'inbox'];
  const toTypedAddresses = ['receipt', 'confirmRequest', 'reminder', 'expiredApplicant'] as const;

  it.each(toTypedAddresses)(
    'the %s email, to an address someone typed, offers no placeholder for anything typed',
    (email) => {
      const shape = fileCollections[emailFiles[email]].schema.shape as Record<
        string,
        Parameters<typeof placeholdersOf>[0]
      >;
      const offered = Object.values(shape).flatMap((field) => placeholdersOf(field).names);
      expect(offered.length).toBeGreaterThan(3);
      expect(offered.filter((name) => TYPED.includes(name))).toEqual([]);
    },
  );

  it('emails to workforce development inboxes may name the organisations and the confirmer’s typed name', () => {
    expect(placeholdersOf(fileCollections.emailToWorkforce.schema.shape.subject).names).toContain('organisations');
    expect(placeholdersOf(fileCollections.emailConfirmed.schema.shape.typedName)).toEqual({
      names: ['name'],
      required: ['name'],
    });
  });
});

describe('filling in the words', () => {
  it('fills each placeholder once, so a value holding a placeholder stays as typed', () => {
    expect(fill('They typed their name as: {name}', { name: '{reference} Smith' })).toBe(
      'They typed their name as: {reference} Smith',
    );
    expect(fill('{form} {reference}', { form: 'coaching application', reference: 'APP-7KQ3-M9TX' })).toBe(
      'coaching application APP-7KQ3-M9TX',
    );
  });

  it('escapes the words and the values in HTML; only the markup the code gives is markup', () => {
    expect(
      fillHtml(
        'Reference <b>{reference}</b> & {name}',
        { reference: 'APP-7KQ3-M9TX', name: '<i>x</i>' },
        { reference: '<strong>APP-7KQ3-M9TX</strong>' },
      ),
    ).toBe('Reference &lt;b&gt;<strong>APP-7KQ3-M9TX</strong>&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;');
  });

  it('an edited subject in content/ is the subject sent, with the placeholders filled in', async () => {
    const dir = contentWith(
      'emails/receipt.yml',
      "subject: 'We have received your {form}: {reference}'",
      "subject: 'Thank you for your {form} ({reference})'",
    );
    const content = await loading(dir);
    const email = receiptEmail(
      {
        reference: 'APP-7KQ3-M9TX',
        definition: forms['coachee-application'],
        content,
        rows: [],
        submitter: { name: 'Sam Smith', email: 'sam@example.org' },
        route: { inboxes: ['wd@example.org'], organisationLabel: 'Eastmere' } as never,
      },
      { from: 'coaching@example.org' },
      'submitted',
    );
    expect(email.subject).toBe('Thank you for your coaching application (APP-7KQ3-M9TX)');
    expect(email.html).toContain('<title>Thank you for your coaching application (APP-7KQ3-M9TX)</title>');
  });
});
