import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadFormContent } from '../../functions/content.ts';
import {
  coacheeApplication,
  coachEoi,
  coachingAgreement,
  forms,
  formIds,
  type FormDefinition,
} from '../../functions/forms/index.ts';
import { errorsFromIssues } from '../../functions/forms/errors.ts';
import { ruleProblem } from '../../src/admin/rules.ts';
import { fileCollections, formCollections } from '../../src/schemas/content-model.ts';

// Every word of the forms is in content/: each question's words sit in its form's file under its field
// name, and the form definitions say which words each file must have, so a missing or broken word stops
// the build (and the CMS) with one sentence naming it.

const file = (id: (typeof formIds)[number]) => fileCollections[formCollections[id]];
const words = (id: (typeof formIds)[number]) => parse(readFileSync(path.join('content', file(id).file), 'utf8'));
const problems = (id: (typeof formIds)[number], data: unknown) => {
  const result = file(id).schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the forms’ words in content/', () => {
  it('has the words of every question each form asks, and every message its rules need', () => {
    for (const id of formIds) {
      expect(problems(id, words(id))).toEqual([]);
      expect(Object.keys(words(id).questions)).toEqual(forms[id].questions.map((asked) => asked.name));
    }
  });

  it('refuses a file missing a question, a label or a message, or a message that lost its {max}', () => {
    const eoi = words('coach-eoi');
    delete eoi.questions.jobTitle.label;
    delete eoi.questions.email.errors.format;
    eoi.questions.experience.errors.tooLong = 'Your experience and skills must be 2,000 characters or fewer';
    delete eoi.questions.acknowledgeResearch;
    eoi.sections.manager = '   ';
    expect(problems('coach-eoi', eoi)).toEqual([
      'sections.manager: Enter the heading of the section “manager”',
      'questions.jobTitle.label: Enter the words of the question “jobTitle”',
      'questions.email.errors.format: Enter the message when it is not an email address for the question “email”',
      'questions.experience.errors.tooLong: Keep {max} in the message when it is too long for the question “experience”, and no other curly brackets { }: the site fills them in',
      'questions.acknowledgeResearch: Add the words of the question “acknowledgeResearch”',
    ]);
  });

  it('stops the functions’ content loader with one sentence naming the file, the question and the word', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'form-words-'));
    try {
      cpSync('content', dir, { recursive: true });
      const broken = words('coachee-application');
      broken.questions.managerEmail.errors.notOwn = '';
      writeFileSync(path.join(dir, 'forms/coachee-application.yml'), stringify(broken));
      await expect(loadFormContent('coachee-application', dir)).rejects.toThrow(
        'content/forms/coachee-application.yml is not valid: questions.managerEmail.errors.notOwn: Enter the message when it is the sender’s own email address for the question “managerEmail”',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reaches the page and the rules from content: an edited label and message are what the form shows and says', async () => {
    const content = await loadFormContent('coach-eoi');
    const edited = structuredClone(content);
    edited.text.questions.jobTitle!.label = 'Your current job title';
    edited.text.questions.jobTitle!.errors!.empty = 'Tell us your current job title';
    edited.text.questions.jobTitle!.errors!.tooLong = 'Keep your job title to {max} characters';
    expect(coachEoi.fields(edited).find((field) => field.name === 'jobTitle')?.label).toBe('Your current job title');
    const parsed = coachEoi.schema(edited).safeParse({ jobTitle: '' });
    expect(parsed.success).toBe(false);
    expect(errorsFromIssues(parsed.error!.issues)).toContainEqual({
      field: 'jobTitle',
      message: 'Tell us your current job title',
    });
    const long = coachEoi.schema(edited).safeParse({ jobTitle: 'x'.repeat(121) });
    expect(errorsFromIssues(long.error!.issues)).toContainEqual({
      field: 'jobTitle',
      message: 'Keep your job title to 120 characters',
    });
  });
});

describe('a question two forms ask', () => {
  const question = (form: FormDefinition, name: string) =>
    form.questions.find((asked) => asked.name === name)?.question;

  it('is defined once and asked by each form under its own field name', () => {
    expect(question(coachEoi, 'name')).toBe(question(coacheeApplication, 'name'));
    expect(question(coachEoi, 'name')).toBe(question(coachingAgreement, 'signature'));
    expect(question(coachEoi, 'email')).toBe(question(coacheeApplication, 'email'));
    expect(question(coachEoi, 'employer')).toBe(question(coacheeApplication, 'organisation'));
    expect(question(coachEoi, 'employer')).toBe(question(coachingAgreement, 'coachOrganisation'));
    expect(question(coachEoi, 'lineManagerName')).toBe(question(coacheeApplication, 'managerName'));
    expect(question(coachEoi, 'lineManagerEmail')).toBe(question(coacheeApplication, 'managerEmail'));
    expect(question(coachingAgreement, 'coachEmail')).toBe(question(coacheeApplication, 'managerEmail'));
  });

  it('leaves no field carrying a limit only the rules read (the old, unread Field.maxLength)', async () => {
    for (const id of formIds) {
      const fields = forms[id].fields(await loadFormContent(id));
      expect(fields.filter((field) => 'maxLength' in field)).toEqual([]);
    }
  });
});

describe('the CMS, on the forms’ words', () => {
  it('refuses what the build refuses, in the same words', () => {
    expect(ruleProblem('coachEoiForm.questions.jobTitle.label', '   ')).toBe(
      'Enter the words of the question “jobTitle”',
    );
    expect(ruleProblem('coachEoiForm.questions.jobTitle.errors.tooLong', 'Too long')).toMatch(
      /^Keep \{max\} in the message when it is too long/,
    );
    expect(ruleProblem('coachEoiForm.questions.jobTitle.errors.tooLong', 'At most {max} characters')).toBeUndefined();
    expect(ruleProblem('coachEoiForm.questions.jobTitle.hint', '')).toBeUndefined();
    expect(ruleProblem('formWords.send', 'x'.repeat(31))).toBe(
      'Use at most 30 characters for the words of the Send button',
    );
  });
});
