import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mdxFormat, SOURCE, ymlFormat } from '../../src/admin/formats.ts';
import { insertCallout, splitCallouts } from '../../src/admin/callout.ts';
import { CALLOUT_TITLE_BRACES, calloutTitleProblem, mdxBodyProblems } from '../../src/admin/mdx-check.ts';
import { calloutToMdx } from '../../src/admin/callout.ts';
import { bodyHint } from '../../src/admin/ui-hints.ts';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';

// What the CMS writes back to content/: the same bytes when nothing changed, only the changed lines
// when something did, and never a page text that would break the MDX build.

const fixture = (name: string) => readFileSync(path.join('test/fixtures/cms', name), 'utf8');
const contentFiles = (ext: string) =>
  readdirSync('content', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => path.join(entry.parentPath, entry.name));

/** The field order the CMS passes to toFile for a content file (its schema order). */
const fieldOrder = (file: string) => {
  const config = buildCmsConfig({});
  for (const collection of config.collections) {
    if ('files' in collection) {
      const entry = collection.files.find((f) => f.file === file);
      if (entry) return entry.fields.map((f) => f.name);
    } else if (path.dirname(file) === collection.folder) return collection.fields.map((f) => f.name);
  }
  throw new Error(`No CMS collection for ${file}`);
};

/** Opening then saving without a change, as Decap does it: parse, copy the data, write. */
const resave = (format: typeof ymlFormat, text: string, order: string[]) =>
  format.toFile(structuredClone(format.fromFile(text)) as Record<string, unknown>, order);

describe('saving an unchanged entry leaves its file byte-identical', () => {
  it.each(contentFiles('.yml'))('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(resave(ymlFormat, text, fieldOrder(file))).toBe(text);
  });
  it.each(contentFiles('.mdx'))('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(resave(mdxFormat, text, fieldOrder(file))).toBe(text);
  });
  it('keeps comments, folded paragraphs and quoting in hand-written YAML', () => {
    const text = fixture('commented.yml');
    expect(resave(ymlFormat, text, ['name', 'shortName', 'summary', 'inboxes'])).toBe(text);
  });
});

describe('saving a changed entry rewrites only what changed', () => {
  it('changes one sentence of a page body and nothing else', () => {
    const text = fixture('page.mdx');
    const data = mdxFormat.fromFile(text);
    data.body = String(data.body).replace('This sentence will change.', 'This sentence has changed.');
    expect(mdxFormat.toFile(data, ['title', 'description', 'updated', 'body'])).toBe(
      text.replace('This sentence will change.', 'This sentence has changed.'),
    );
  });

  it('rewrites one changed key and keeps the comments and styles of the others', () => {
    const text = fixture('commented.yml');
    const data = ymlFormat.fromFile(text);
    data.inboxes = ['wd-northfield@example.org', 'new-inbox@example.org'];
    const saved = ymlFormat.toFile(data, ['name', 'shortName', 'summary', 'inboxes']);
    expect(saved).toBe(
      text.replace(
        'inboxes:\n  - wd-northfield@example.org # the main inbox\n  - wd-northfield-2@example.org\n',
        'inboxes:\n  - wd-northfield@example.org\n  - new-inbox@example.org\n',
      ),
    );
    expect(parse(saved)).toEqual({ ...parse(text), inboxes: data.inboxes });
  });

  it('changes one message of a form question, wherever Decap puts the keys: one line changes', () => {
    const text = readFileSync('content/forms/coach-eoi.yml', 'utf8');
    const data = ymlFormat.fromFile(text) as Record<string, Record<string, Record<string, Record<string, string>>>>;
    const questions = data.questions!;
    questions.jobTitle!.errors!.empty = 'Tell us your job title';
    // Decap hands back nested maps in its own order (an Immutable map of more than 8 keys has none).
    data.questions = Object.fromEntries(Object.entries(questions).reverse());
    const saved = ymlFormat.toFile(data, fieldOrder('content/forms/coach-eoi.yml'));
    expect(saved).toBe(text.replace('      empty: Enter your job title\n', '      empty: Tell us your job title\n'));
  });

  it('adds a hint to a form question on one new line, indented with its question, and removes it again', () => {
    const text = readFileSync('content/forms/coach-eoi.yml', 'utf8');
    const data = ymlFormat.fromFile(text) as Record<string, Record<string, Record<string, unknown>>>;
    data.questions!.jobTitle = { ...data.questions!.jobTitle, hint: 'As it is on your contract' };
    const saved = ymlFormat.toFile(data, fieldOrder('content/forms/coach-eoi.yml'));
    expect(saved.split('\n').length).toBe(text.split('\n').length + 1);
    expect(parse(saved).questions.jobTitle).toEqual({
      ...parse(text).questions.jobTitle,
      hint: 'As it is on your contract',
    });
    expect(saved).toContain(
      '      tooLong: Your job title must be {max} characters or fewer\n    hint: As it is on your contract\n  employer:\n',
    );
    const again = ymlFormat.fromFile(saved) as Record<string, Record<string, Record<string, unknown>>>;
    delete again.questions!.jobTitle!.hint;
    expect(ymlFormat.toFile(again, fieldOrder('content/forms/coach-eoi.yml'))).toBe(text);
  });

  it('changes a frontmatter date in place, written as YYYY-MM-DD', () => {
    const text = fixture('page.mdx');
    const data = mdxFormat.fromFile(text);
    data.updated = '2026-12-01';
    expect(mdxFormat.toFile(data, ['title', 'description', 'updated', 'body'])).toBe(
      text.replace('updated: 2026-11-18', 'updated: 2026-12-01'),
    );
  });

  it('writes a new organisation in field order, with no trace of the source key', () => {
    const saved = ymlFormat.toFile(
      { inboxes: ['wd-eastbridge@example.org'], shortName: 'Eastbridge', name: 'Eastbridge District Council' },
      ['name', 'shortName', 'inboxes'],
    );
    expect(saved).toBe(
      'name: Eastbridge District Council\nshortName: Eastbridge\ninboxes:\n  - wd-eastbridge@example.org\n',
    );
    expect(saved).not.toContain(SOURCE);
  });

  it('writes a new page with frontmatter, a blank line and a body ending in a line break', () => {
    const saved = mdxFormat.toFile(
      { title: 'Glossary', description: 'Words the scheme uses.', updated: '2026-12-01', body: 'Coaching means this.' },
      ['title', 'description', 'updated', 'body'],
    );
    expect(saved).toBe(
      '---\ntitle: Glossary\ndescription: Words the scheme uses.\nupdated: 2026-12-01\n---\n\nCoaching means this.\n',
    );
  });
});

describe('page text that would break the build cannot be saved', () => {
  it.each(contentFiles('.mdx'))('%s is accepted as it is', (file) => {
    expect(mdxBodyProblems(String(mdxFormat.fromFile(readFileSync(file, 'utf8')).body))).toEqual([]);
  });

  const broken = parse(fixture('broken-bodies.yml')) as { body: string; problem: string }[];
  it.each(broken)('tells the editor why: $problem', ({ body, problem }) => {
    expect(mdxBodyProblems(body)).toContain(problem);
  });

  it('accepts braces and tags inside code, and links in angle brackets', () => {
    expect(
      mdxBodyProblems('Type `{name}` or `<b>`.\n\n```\n{ "a": 1 } <x>\n```\n\nSee <https://example.org>.\n'),
    ).toEqual([]);
  });
});

describe('Add a callout', () => {
  it('inserts a Callout block at the cursor with a blank line either side', () => {
    const text = 'First paragraph.\nSecond paragraph.\n';
    const cursor = text.indexOf('Second');
    const result = insertCallout(text, cursor, { title: 'Before you start', body: 'Talk to your manager.' });
    expect(result.text).toBe(
      'First paragraph.\n\n<Callout title="Before you start">\nTalk to your manager.\n</Callout>\n\nSecond paragraph.\n',
    );
    expect(mdxBodyProblems(result.text)).toEqual([]);
  });

  it('leaves out an empty heading and keeps quotes in a heading valid JSX', () => {
    expect(insertCallout('', 0, { title: '', body: 'Text.' }).text).toBe('<Callout>\nText.\n</Callout>\n\n');
    expect(insertCallout('', 0, { title: 'The "one" rule', body: 'Text.' }).text).toBe(
      '<Callout title="The “one” rule">\nText.\n</Callout>\n\n',
    );
  });
});

describe('the preview renders callouts, not JSX', () => {
  it('splits page text into Markdown and callouts, in order', () => {
    expect(splitCallouts(fixture('page.mdx').split('---\n')[2]!)).toEqual([
      { kind: 'markdown', text: '\nCoaching helps people find their own answers. This sentence will change.\n\n' },
      {
        kind: 'callout',
        title: 'Your notes stay with you',
        body: 'The coaching record never sends your notes to the scheme.',
      },
      { kind: 'markdown', text: '\n\n## After the coaching\n\nWrite to the [team](/about/) when the coaching ends.\n' },
    ]);
  });
});

describe('the callout form and the save check agree', () => {
  it('refuses curly brackets in a callout heading with the same words in both places', () => {
    expect(calloutTitleProblem('Costs {per year}')).toBe(CALLOUT_TITLE_BRACES);
    expect(calloutTitleProblem('Costs (per year)')).toBeUndefined();
    const written = calloutToMdx({ title: 'Costs {per year}', body: 'Text.' });
    expect(mdxBodyProblems(written)).toEqual([`${CALLOUT_TITLE_BRACES.replace(/\.$/, '')} (line 1).`]);
    expect(mdxBodyProblems(calloutToMdx({ title: 'Costs (per year)', body: 'Text.' }))).toEqual([]);
  });

  it('shows the Markdown it teaches in the page-text hint as written (in code), not as a rendered link', () => {
    expect(bodyHint.hint).toContain('`[link text](/address/)`');
    expect(bodyHint.hint).toContain('`## Heading`');
  });
});
