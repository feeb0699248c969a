import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collections } from '../../src/content.config.ts';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';
import { ruleProblem, schemaForRule } from '../../src/admin/rules.ts';

// One source of truth: the CMS must ask for exactly what the build accepts. This test walks the
// zod schemas of src/content.config.ts on its own (not with the code that generated the config)
// and compares them with the Decap configuration, collection by collection and field by field.

type Field = Record<string, unknown> & {
  name: string;
  widget: string;
  required?: boolean;
  rule?: string;
  field?: Field;
  fields?: Field[];
};
type Collection = Record<string, unknown> & {
  name: string;
  folder?: string;
  extension?: string;
  fields?: Field[];
  files?: (Record<string, unknown> & { name: string; file: string; fields: Field[] })[];
};
type SchemaMap = Record<string, z.ZodObject>;
type Check = Record<string, unknown> & { check: string };

const def = (schema: unknown) => (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
const checksOf = (schema: unknown): Check[] =>
  ((def(schema).checks as { _zod: { def: Check } }[]) ?? []).map((c) => c._zod.def);
const unwrapped = (schema: unknown) => {
  let current = schema;
  let required = true;
  while (['optional', 'default'].includes(def(current).type)) {
    required = false;
    current = def(current).innerType;
  }
  return { inner: current as z.ZodType, required };
};

/** What a schema field means for an editor: its kind, whether it is required, and its limits. */
function describeSchema(schema: unknown): Record<string, unknown> {
  const { inner, required } = unwrapped(schema);
  const d = def(inner);
  const checks = checksOf(inner);
  const kind = { string: 'text', number: 'number', date: 'date', array: 'list', object: 'group' }[d.type] ?? d.type;
  const out: Record<string, unknown> = { kind, required };
  if (kind === 'group') {
    out.fields = Object.fromEntries(
      Object.entries(d.shape as Record<string, unknown>).map(([key, value]) => [key, describeSchema(value)]),
    );
  }
  if (kind === 'number') {
    out.min = checks.find((c) => c.check === 'greater_than')?.value;
    out.max = checks.find((c) => c.check === 'less_than')?.value;
  }
  if (kind === 'list') {
    out.min = checks.find((c) => c.check === 'min_length')?.minimum;
    out.max = checks.find((c) => c.check === 'max_length')?.maximum;
    out.item = describeSchema(d.element);
    delete (out.item as Record<string, unknown>).required;
  }
  return out;
}

/** The same description read from a Decap field. */
function describeField(field: Field): Record<string, unknown> {
  const widget = field.widget.replace(/^hub-/, '');
  const kind =
    {
      string: 'text',
      text: 'text',
      'mdx-body': 'text',
      number: 'number',
      datetime: 'date',
      list: 'list',
      object: 'group',
    }[widget] ?? widget;
  const out: Record<string, unknown> = { kind, required: field.required !== false };
  if (kind === 'group')
    out.fields = Object.fromEntries((field.fields ?? []).map((sub) => [sub.name, describeField(sub)]));
  if (kind === 'number') {
    out.min = field.min;
    out.max = field.max;
  }
  if (kind === 'list') {
    out.min = field.min;
    out.max = field.max;
    out.item = describeField(field.field!);
    delete (out.item as Record<string, unknown>).required;
  }
  return out;
}

/** Values that break one check of a schema, which the CMS must refuse; undefined for a check nobody taught this test. */
function breaking(schema: z.ZodType, check: Check): unknown[] | undefined {
  const sample = ['x', 'team@example.org', '/principles/'].find((value) => schema.safeParse(value).success) ?? 'x';
  switch (check.check) {
    case 'overwrite': // trim: a box of spaces must count as empty, where empty is refused
      return checksOf(schema).some((c) => c.check === 'min_length' && Number(c.minimum) > 0) ? ['   '] : [];
    case 'min_length':
      if (Number(check.minimum) === 0) return []; // nothing can break it
      return def(schema).type === 'array'
        ? [Array(Number(check.minimum) - 1).fill(itemSample(schema))]
        : [' '.repeat(Number(check.minimum) + 2)];
    case 'max_length':
      return def(schema).type === 'array'
        ? [Array(Number(check.maximum) + 1).fill(itemSample(schema))]
        : [`${sample}${'x'.repeat(Number(check.maximum))}`];
    case 'string_format':
      if (check.format !== 'regex') return undefined;
      return ['x y', 'x'].filter((value) => !(check.pattern as RegExp).test(value)).slice(0, 1);
    case 'number_format':
      return [1.5, 2.5];
    case 'greater_than':
      return [Number(check.value) - (check.inclusive ? 1 : 0)];
    case 'less_than':
      return [Number(check.value) + (check.inclusive ? 1 : 0)];
    default:
      return undefined;
  }
}
const itemSample = (list: z.ZodType) =>
  ['x', 'team@example.org', '/principles/'].find((value) => (def(list).element as z.ZodType).safeParse(value).success);

/** Every check the CMS must carry for a field (and its items), with values that break each. */
function constraintProblems(
  name: string,
  key: string,
  schema: z.ZodType,
  rule: string | undefined,
  itemRule?: string,
  field?: Field,
): string[] {
  const { inner } = unwrapped(schema);
  if (def(inner).type === 'date') return [];
  // A group (a form's question) has no rule of its own: each of its fields carries one.
  if (def(inner).type === 'object') {
    const shape = def(inner).shape as Record<string, z.ZodType>;
    return (field?.fields ?? []).flatMap((sub) =>
      shape[sub.name]
        ? constraintProblems(name, `${key}.${sub.name}`, shape[sub.name]!, sub.rule, sub.field?.rule, sub)
        : [],
    );
  }
  if (!rule) return [`${name}.${key} has no rule, so the CMS checks none of its limits`];
  const problems: string[] = [];
  const cms = schemaForRule(rule);
  if (cms !== schema) problems.push(`${name}.${key}: the CMS checks it with a different schema (${rule})`);
  for (const check of checksOf(inner)) {
    const values = breaking(inner, check);
    if (!values) {
      problems.push(
        `${name}.${key}: the CMS cannot carry the rule “${check.check}${check.format ? ` ${check.format}` : ''}”: teach schema-fields.ts and this test`,
      );
      continue;
    }
    for (const value of values) {
      if (inner.safeParse(value).success)
        problems.push(`${name}.${key}: ${JSON.stringify(value)} was meant to break “${check.check}”`);
      else if (!ruleProblem(rule, value))
        problems.push(`${name}.${key}: the CMS accepts ${JSON.stringify(value)}, which breaks “${check.check}”`);
    }
  }
  if (def(inner).type === 'array')
    problems.push(...constraintProblems(name, `${key}.*`, def(inner).element as z.ZodType, itemRule));
  return problems;
}

/** Every difference between the CMS configuration and the content schemas, readable in a failure. */
function drift(config: { collections: Collection[] }, schemas: SchemaMap): string[] {
  const problems: string[] = [];
  const cms = new Map<string, { fields: Field[]; mdx: boolean }>();
  for (const collection of config.collections) {
    if (collection.files) for (const file of collection.files) cms.set(file.name, { fields: file.fields, mdx: false });
    else cms.set(collection.name, { fields: collection.fields ?? [], mdx: collection.extension === 'mdx' });
  }
  for (const name of Object.keys(schemas))
    if (!cms.has(name)) problems.push(`collection ${name} is missing from the CMS`);
  for (const [name, { fields, mdx }] of cms) {
    const schema = schemas[name];
    if (!schema) {
      problems.push(`collection ${name} is in the CMS but not in src/content.config.ts`);
      continue;
    }
    const expected = Object.fromEntries(
      Object.entries(schema.shape).map(([key, value]) => [key, describeSchema(value)]),
    );
    if (mdx) expected.body = { kind: 'text', required: true };
    const actual = Object.fromEntries(fields.map((field) => [field.name, describeField(field)]));
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) problems.push(`${name}.${key} is missing from the CMS`);
      else if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) {
        problems.push(
          `${name}.${key} differs: CMS ${JSON.stringify(actual[key])}, schema ${JSON.stringify(expected[key])}`,
        );
      }
    }
    for (const key of Object.keys(actual))
      if (!(key in expected)) problems.push(`${name}.${key} is in the CMS but not in the schema`);
    for (const field of fields) {
      const fieldSchema = schema.shape[field.name] as z.ZodType | undefined;
      if (!fieldSchema) continue;
      problems.push(...constraintProblems(name, field.name, fieldSchema, field.rule, field.field?.rule, field));
    }
  }
  return problems;
}

const schemas: SchemaMap = Object.fromEntries(
  Object.entries(collections).map(([name, collection]) => [name, (collection as { schema: z.ZodObject }).schema]),
);
const config = buildCmsConfig({}) as unknown as { collections: Collection[] };

describe('the CMS configuration matches the content schemas', () => {
  it('has every collection and field, with the same types, required flags and limits, and refuses what each rule refuses', () => {
    expect(Object.keys(schemas).length).toBeGreaterThanOrEqual(11);
    expect(drift(config, schemas)).toEqual([]);
  });

  it('covers every file in content/ with exactly one CMS collection or file', () => {
    const paths: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (!entry.name.startsWith('.')) paths.push(full);
      }
    };
    walk('content');
    const owners = (file: string) =>
      config.collections.flatMap((c) =>
        c.files
          ? c.files.filter((f) => f.file === file).map((f) => f.name)
          : path.dirname(file) === c.folder && file.endsWith(`.${c.extension}`)
            ? [c.name]
            : [],
      );
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((file) => owners(file).length !== 1)).toEqual([]);
  });

  it('checks inboxes with the schema’s own pattern and words', () => {
    const organisations = config.collections.find((c) => c.name === 'organisations')!;
    const inboxes = organisations.fields!.find((f) => f.name === 'inboxes')!;
    expect(inboxes).toMatchObject({ widget: 'hub-list', rule: 'organisations.inboxes', min: 1 });
    expect(inboxes.field).toMatchObject({ widget: 'hub-string', rule: 'organisations.inboxes.*' });
    expect(ruleProblem('organisations.inboxes.*', 'wd at example.org')).toBe(
      'Enter the workforce development inbox as an email address, like team@example.org',
    );
    expect(ruleProblem('organisations.inboxes', [])).toBe('Add at least one workforce development inbox');
    expect(ruleProblem('organisations.inboxes.*', 'wd@example.org')).toBeUndefined();
  });

  it('refuses 2.5 as a phase number instead of cutting it to 2, and a title of spaces', () => {
    const protocol = config.collections.find((c) => c.name === 'protocol')!;
    expect(protocol.fields!.find((f) => f.name === 'updated')).toMatchObject({
      widget: 'datetime',
      format: 'YYYY-MM-DD',
      time_format: false,
    });
    expect(protocol.fields!.find((f) => f.name === 'number')).toMatchObject({
      widget: 'hub-number',
      value_type: 'float',
      step: 1,
      min: 1,
      max: 5,
      order_among: 'title',
      order_label: 'protocol phase',
    });
    expect(ruleProblem('protocol.number', 2.5)).toBe('Enter the phase number as a whole number from 1 to 5');
    expect(ruleProblem('protocol.number', 6)).toBe('Enter the phase number as a whole number from 1 to 5');
    expect(ruleProblem('protocol.number', 2)).toBeUndefined();
    expect(ruleProblem('guidance.title', '    ')).toBe('Enter a page title');
    expect(ruleProblem('guidance.title', 'x'.repeat(81))).toBe('Use at most 80 characters for a page title');
  });
});

describe('the consistency check fails when the two drift apart', () => {
  const mutate = (change: (copy: { collections: Collection[] }) => void) => {
    const copy = structuredClone(config);
    change(copy);
    return drift(copy, schemas);
  };
  const fieldsOf = (copy: { collections: Collection[] }, name: string) =>
    copy.collections.find((c) => c.name === name)!.fields!;

  it('notices a field missing from the CMS', () => {
    expect(mutate((c) => fieldsOf(c, 'organisations').splice(1, 1))).toEqual([
      'organisations.shortName is missing from the CMS',
    ]);
  });

  it('notices a field only the CMS has', () => {
    expect(mutate((c) => fieldsOf(c, 'readiness').push({ name: 'colour', widget: 'string' }))).toEqual([
      'readiness.colour is in the CMS but not in the schema',
    ]);
  });

  it('notices a required flag that differs', () => {
    const problems = mutate((c) => {
      fieldsOf(c, 'guidance').find((f) => f.name === 'title')!.required = false;
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^guidance\.title differs/);
  });

  it('notices a type or a limit that differs, and a field checked by the wrong rule or none', () => {
    expect(
      mutate((c) => {
        fieldsOf(c, 'protocol').find((f) => f.name === 'number')!.widget = 'string';
      })[0],
    ).toMatch(/^protocol\.number differs/);
    expect(
      mutate((c) => {
        fieldsOf(c, 'planning').find((f) => f.name === 'number')!.max = 9;
      })[0],
    ).toMatch(/^planning\.number differs/);
    expect(
      mutate((c) => {
        fieldsOf(c, 'organisations').find((f) => f.name === 'inboxes')!.field!.rule = 'organisations.name';
      }),
    ).toContain('organisations.inboxes.*: the CMS checks it with a different schema (organisations.name)');
    expect(
      mutate((c) => {
        delete fieldsOf(c, 'guidance').find((f) => f.name === 'title')!.rule;
      }),
    ).toEqual(['guidance.title has no rule, so the CMS checks none of its limits']);
  });

  it('notices a collection missing from the CMS, and a schema field the CMS does not have', () => {
    expect(
      mutate((c) => {
        c.collections = c.collections.filter((x) => x.name !== 'readiness');
      }),
    ).toEqual(['collection readiness is missing from the CMS']);
    const widened = { ...schemas, organisations: schemas.organisations.extend({ phone: z.string() }) };
    expect(drift(config, widened)).toEqual(['organisations.phone is missing from the CMS']);
  });

  it('notices a limit added to a schema the CMS does not check, and a rule it cannot carry', () => {
    const shorter = {
      ...schemas,
      organisations: schemas.organisations.extend({ shortName: z.string().trim().min(1).max(5) }),
    };
    expect(drift(config, shorter)).toContain(
      'organisations.shortName: the CMS checks it with a different schema (organisations.shortName)',
    );
    expect(drift(config, shorter)).toContain(
      'organisations.shortName: the CMS accepts "xxxxxx", which breaks “max_length”',
    );
    const strange = { ...schemas, guidance: schemas.guidance.extend({ title: z.string().startsWith('A') }) };
    expect(drift(config, strange)).toContain(
      'guidance.title: the CMS cannot carry the rule “string_format starts_with”: teach schema-fields.ts and this test',
    );
  });
});

describe('the backend comes from environment variables at build time', () => {
  it('defaults to GitHub through Netlify’s OAuth provider, with the editorial workflow', () => {
    const config = buildCmsConfig({ REPOSITORY_URL: 'https://github.com/example-org/coaching-hub' });
    expect(config.backend).toEqual({
      name: 'github',
      repo: 'example-org/coaching-hub',
      branch: 'main',
      base_url: 'https://api.netlify.com',
      auth_endpoint: 'auth',
    });
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.media_folder).toBe('public/uploads');
    expect(config.public_folder).toBe('/uploads');
  });

  it('takes the backend, repository, branch and sign-in service from CMS_* variables', () => {
    const config = buildCmsConfig({
      CMS_BACKEND: 'gitlab',
      CMS_REPO: 'wd-team/hub',
      CMS_BRANCH: 'content',
      CMS_BASE_URL: 'https://gitlab.example.org',
      CMS_AUTH_ENDPOINT: 'oauth/authorize',
      CMS_APP_ID: 'abc123',
      CMS_AUTH_TYPE: 'pkce',
      CMS_PUBLISH_MODE: 'simple',
    });
    expect(config.backend).toEqual({
      name: 'gitlab',
      repo: 'wd-team/hub',
      branch: 'content',
      base_url: 'https://gitlab.example.org',
      auth_endpoint: 'oauth/authorize',
      app_id: 'abc123',
      auth_type: 'pkce',
    });
    expect(config.publish_mode).toBe('simple');
  });

  it('stops a Netlify build that has no repository to edit, with one sentence', () => {
    for (const CONTEXT of ['production', 'deploy-preview', 'branch-deploy']) {
      expect(() => buildCmsConfig({ CONTEXT })).toThrow(
        /^The CMS does not know which repository to edit: set CMS_REPO to owner\/repository \(Netlify sets REPOSITORY_URL itself when the site is linked to a Git repository\)\.$/,
      );
    }
    expect(buildCmsConfig({ CONTEXT: 'production', CMS_REPO: 'wd-team/hub' }).backend.repo).toBe('wd-team/hub');
    expect(buildCmsConfig({}).backend.repo).toBe('local/not-deployed');
    expect(buildCmsConfig({ CONTEXT: 'dev' }).backend.repo).toBe('local/not-deployed');
  });

  it('edits the branch Netlify is building, unless CMS_BRANCH says otherwise', () => {
    const netlify = {
      CONTEXT: 'branch-deploy',
      REPOSITORY_URL: 'https://github.com/example-org/coaching-hub',
      BRANCH: 'content-review',
      HEAD: 'content-review',
    };
    expect(buildCmsConfig(netlify).backend.branch).toBe('content-review');
    expect(buildCmsConfig({ ...netlify, CMS_BRANCH: 'main' }).backend.branch).toBe('main');
    expect(buildCmsConfig({ HEAD: 'feature' }).backend.branch).toBe('feature');
    expect(buildCmsConfig({}).backend.branch).toBe('main');
  });

  it('points the local backend at DECAP_SERVER_PORT, and can leave it out', () => {
    expect(buildCmsConfig({}).local_backend).toEqual({ url: 'http://localhost:8081/api/v1' });
    expect(buildCmsConfig({ DECAP_SERVER_PORT: '8090' }).local_backend).toEqual({
      url: 'http://localhost:8090/api/v1',
    });
    expect(buildCmsConfig({ CMS_LOCAL_BACKEND: 'false' })).not.toHaveProperty('local_backend');
  });
});
