import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  agreementTermsSchema,
  areasOfCoachingSchema,
  coachExpectationsSchema,
  guidingPrinciplesSchema,
  organisationSchema,
  readinessQuestionSchema,
  siteSettingsSchema,
} from '../../src/schemas/data.ts';
import { guidanceSchema, planningStepSchema, protocolPhaseSchema } from '../../src/schemas/guidance.ts';
import { fileCollections, formCollections } from '../../src/schemas/content-model.ts';
import { formIds } from '../../functions/forms/index.ts';

// The real content/ folder that editors own: these tests stop a broken edit before it ships.
const CONTENT = join(import.meta.dirname, '../../content');

const filesIn = (folder: string, extension: string) =>
  readdirSync(join(CONTENT, folder))
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(CONTENT, folder, name));

const idOf = (path: string) => basename(path).replace(/\.(mdx|yml)$/, '');

/** Parses with the same schema the build uses, and names the file and field when it fails. */
function valid<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${path.slice(CONTENT.length + 1)} is not valid: ${problems.join('; ')}`);
  }
  return result.data;
}

const readYaml = <S extends z.ZodType>(schema: S, path: string) => ({
  id: idOf(path),
  data: valid(schema, parse(readFileSync(path, 'utf8')), path),
});

function readMdx<S extends z.ZodType>(schema: S, path: string) {
  const source = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${path} has no frontmatter between --- lines`);
  return { id: idOf(path), data: valid(schema, parse(match[1]), path), body: match[2] };
}

/** The anchor ids Astro gives a Markdown body's headings: GitHub-style slugs, numbered when repeated. */
function headingIds(body: string): string[] {
  const slugger = new GithubSlugger();
  const withoutCode = body.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((heading) => {
    const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');
    return slugger.slug(text);
  });
}

const protocol = filesIn('protocol', '.mdx').map((path) => readMdx(protocolPhaseSchema, path));
const planning = filesIn('planning', '.mdx').map((path) => readMdx(planningStepSchema, path));
const guidance = filesIn('guidance', '.mdx').map((path) => readMdx(guidanceSchema, path));
const readiness = filesIn('readiness', '.yml').map((path) => readYaml(readinessQuestionSchema, path));
const organisations = filesIn('organisations', '.yml').map((path) => readYaml(organisationSchema, path));
const formFile = (id: (typeof formIds)[number]) => fileCollections[formCollections[id]];
const forms = formIds.map((id) => readYaml(formFile(id).schema, join(CONTENT, formFile(id).file)));
const list = <S extends z.ZodType>(schema: S, name: string) =>
  readYaml(schema, join(CONTENT, 'lists', `${name}.yml`)).data;
const settings = readYaml(siteSettingsSchema, join(CONTENT, 'settings', 'site.yml')).data;

const numbers = (entries: { data: { number: number } }[]) =>
  entries.map((entry) => entry.data.number).sort((a, b) => a - b);

describe('the guidance a reader can follow', () => {
  it('has five protocol phases, numbered 1 to 5 with none missing or repeated', () => {
    expect(numbers(protocol)).toEqual([1, 2, 3, 4, 5]);
  });

  it('has seven planning steps, numbered 1 to 7 with none missing or repeated', () => {
    expect(numbers(planning)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('has five readiness questions, numbered 1 to 5', () => {
    expect(numbers(readiness)).toEqual([1, 2, 3, 4, 5]);
  });

  it('has the principles, about, privacy and accessibility pages', () => {
    expect(guidance.map((page) => page.id)).toEqual(['about', 'accessibility', 'principles', 'privacy']);
  });

  it('never uses "planner" as a phase or step id, because /planning/planner/ is the tool', () => {
    expect([...protocol, ...planning].map((entry) => entry.id)).not.toContain('planner');
  });

  it('asks about government funding in step 7 in UK terms, with no US fund named', () => {
    const funding = planning.find((step) => step.data.number === 7);
    expect(funding?.data.questions[0]).toBe(
      'Can government funding for social work training and development be used to help pay for putting coaching in place?',
    );
    expect(JSON.stringify(funding)).not.toMatch(/Title IV|county/i);
  });

  it('gives the principles a "Chemistry meeting" section of its own', () => {
    const principles = guidance.find((page) => page.id === 'principles');
    expect(principles?.body).toMatch(/^## Chemistry meeting$/m);
  });
});

describe('the lists the forms offer', () => {
  it('has the 16 areas of coaching, each listed once', () => {
    const { items } = list(areasOfCoachingSchema, 'areas-of-coaching');
    expect(items).toHaveLength(16);
    expect(new Set(items).size).toBe(16);
  });

  it('has the six guiding principles', () => {
    expect(list(guidingPrinciplesSchema, 'guiding-principles').items).toHaveLength(6);
  });

  it('has the five expectations of a coach', () => {
    expect(list(coachExpectationsSchema, 'coach-expectations').items).toHaveLength(5);
  });

  it('has agreement terms that review the coaching after three sessions and allow 24 hours’ notice', () => {
    const terms = list(agreementTermsSchema, 'agreement-terms');
    expect(terms.reviewPoint).toContain('after three sessions');
    expect(terms.noticeToCancel).toContain('24 hours');
    expect(terms.endingEarly).toContain('even after the first meeting');
  });

  it('has every commitment from the source material in the agreement terms, each under its own heading', () => {
    const terms = list(agreementTermsSchema, 'agreement-terms');
    const has = (items: string[], phrase: string) => expect(items.join('\n'), phrase).toContain(phrase);
    for (const phrase of [
      'chemistry meeting',
      'listening carefully and without judgement',
      'Ask questions and help the coachee reflect, rather than giving advice',
      'Offer mentoring only if the coachee invites it',
      'honest feedback that is objective and constructive',
      'Keep your notes locked away',
      'Work within your competence',
      '24 hours',
    ])
      has(terms.coach, phrase);
    for (const phrase of [
      'Carry out the actions you agree',
      'Tell your coach if the coaching is not working',
      'choices and decisions you make at work stay yours',
      'Be open-minded and honest',
      '24 hours',
    ])
      has(terms.coachee, phrase);
    for (const phrase of [
      'benefits of coaching',
      'Support them to attend their coaching sessions',
      'coaching and mentoring policy',
      'in supervision, what they are learning',
      'Respect the confidentiality',
      'does not replace supervision',
    ])
      has(terms.lineManager, phrase);
    // The exceptions are introduced as exceptions, not listed as if they were terms.
    expect(terms.exceptionsIntro).toContain('There are exceptions to this');
    expect(terms.confidentialityExceptions).toHaveLength(5);
    expect([
      terms.confidentialityHeading,
      terms.coachHeading,
      terms.coacheeHeading,
      terms.lineManagerHeading,
      terms.arrangementsHeading,
    ]).toEqual([
      'Confidentiality',
      'What the coach commits to',
      'What the coachee commits to',
      'The line manager’s part',
      'Practical arrangements',
    ]);
  });

  it('has words for each of the three forms', () => {
    expect(forms.map((form) => form.id)).toEqual(['coach-eoi', 'coachee-application', 'coaching-agreement']);
  });
});

describe('where form answers are sent', () => {
  it('has at least four partner organisations, with kebab-case ids that the forms send', () => {
    expect(organisations.length).toBeGreaterThanOrEqual(4);
    for (const organisation of organisations) expect(organisation.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('only ever sends to example.org inboxes, never to a real address', () => {
    const inboxes = [
      ...organisations.flatMap((organisation) => organisation.data.inboxes),
      settings.contactEmail,
      settings.fallbackInbox,
      settings.maintainersInbox,
    ];
    for (const inbox of inboxes) expect(inbox).toMatch(/@example\.org$/);
  });
});

describe('links inside the content', () => {
  // Pages that exist outside content/ (the fixed site map), plus every content page.
  const fixedPages = [
    '/',
    '/protocol/',
    '/planning/',
    '/planning/planner/',
    '/readiness/',
    '/coaching-record/',
    '/search/',
    '/become-a-coach/',
    '/apply-for-coaching/',
    '/coaching-agreement/',
  ];
  const anchors = new Map<string, string[]>([
    ...fixedPages.map((page): [string, string[]] => [page, []]),
    ...guidance.map((page): [string, string[]] => [`/${page.id}/`, headingIds(page.body)]),
    ...protocol.map((phase): [string, string[]] => [`/protocol/${phase.id}/`, headingIds(phase.body)]),
    ...planning.map((step): [string, string[]] => [`/planning/${step.id}/`, headingIds(step.body)]),
  ]);

  const brokenLink = (href: string) => {
    const [page, anchor] = href.split('#');
    if (!anchors.has(page)) return `${href}: no such page`;
    if (anchor !== undefined && !anchors.get(page)?.includes(anchor)) return `${href}: no heading with that anchor`;
    return undefined;
  };

  it('sends each readiness question’s help link to a page and heading that exist', () => {
    expect(readiness.map((question) => brokenLink(question.data.helpHref)).filter(Boolean)).toEqual([]);
  });

  it('links from every guidance body only to pages and headings that exist', () => {
    const bodies = [...guidance, ...protocol, ...planning];
    const hrefs = bodies.flatMap((entry) => [...entry.body.matchAll(/\]\((\/[^)\s]*)\)/g)].map((link) => link[1]));
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.map(brokenLink).filter(Boolean)).toEqual([]);
  });

  it('derives heading anchors the way Astro does', () => {
    expect(
      headingIds(
        '## Coaching is, and coaching is not\n\n### Benefits for the coach’s team\n\n## Chemistry meeting\n## Chemistry meeting',
      ),
    ).toEqual([
      'coaching-is-and-coaching-is-not',
      'benefits-for-the-coachs-team',
      'chemistry-meeting',
      'chemistry-meeting-1',
    ]);
  });
});

describe('content safe to publish', () => {
  const everyFile = [
    'guidance',
    'protocol',
    'planning',
    'readiness',
    'organisations',
    'forms',
    'lists',
    'settings',
    'pages',
  ].flatMap((folder) => [...filesIn(folder, '.mdx'), ...filesIn(folder, '.yml')]);

  // Real people and bodies from the source documents, kept as SHA-256 digests of their lower-case
  // words (one word or two in a row) so that this test does not itself publish the names it guards
  // against. Every word and pair of words in the content is hashed and looked up.
  const bannedDigests = new Set([
    '7b8ad5d2420b1c7d41b678313a7460f7d3ec06890fbea4ded708c2cf09e0ef3c',
    'a11c5eea6194934435756c820b50f797d3f5c57a0ee271836c03dfd00aa42523',
    'a78be981cc8b98fa9cbb2c2fdd18c6eb583d75b3332701112461141e34791358',
    '19eb6e71c1396ce2da0cc3506d70a6295800bc7265500c6edd36a232928ec47f',
    '9aa1f9e22f8dcb06fed923951e8620c365e0bb13bb761fe9f01fbfbcfdf3a227',
    '7ba2df34aef0351b5f9c77b89323e7ca184b6ffa29e315088413720f422a6a25',
    'f5df6ae5f9d3dcd6dc1b46900a09f483840e2219a0b736e36583a80ee04a5fb3',
  ]);
  const digest = (text: string) => createHash('sha256').update(text).digest('hex');
  const realNamesIn = (text: string) => {
    const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    const phrases = [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
    return [...new Set(phrases.filter((phrase) => bannedDigests.has(digest(phrase))))];
  };

  // Places, agencies and products from the source documents. Short acronyms match case-sensitively
  // as whole words, so ordinary words like "partner" do not trip them.
  const banned: [string, RegExp][] = [
    ['OCWTP', /ocwtp/i],
    ['Ohio', /\bohio\b/i],
    ['DCS', /\bDCS\b/],
    ['TN', /\bTN\b/],
    ['Tennessee', /tennessee/i],
    ['gotomeeting', /gotomeeting/i],
    ['placeholder text', /lorem ipsum|coming soon/i],
  ];

  it('reads every content file', () => {
    expect(everyFile.length).toBeGreaterThan(30);
  });

  it('names no real person, body or place from the source documents, and has no placeholder text', () => {
    const found = everyFile.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return [
        ...realNamesIn(text).map(() => `${idOf(path)}: a real name from the source documents`),
        ...banned.filter(([, pattern]) => pattern.test(text)).map(([name]) => `${idOf(path)}: ${name}`),
      ];
    });
    expect(found).toEqual([]);
  });

  it('recognises a real name from the source documents however it is written', () => {
    // The digests must match: a test that could never find a name would prove nothing.
    expect(realNamesIn('Contact the KINGSTON office')).toHaveLength(1);
    expect(realNamesIn('Sharon\nEvans')).toHaveLength(1);
    expect(realNamesIn('A coach and a coachee meet')).toEqual([]);
  });

  it('dates every page on a real day that has already happened', () => {
    for (const entry of [...guidance, ...protocol, ...planning]) {
      expect(entry.data.updated.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });
});
