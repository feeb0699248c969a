import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collections } from '../../src/content.config.ts';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';

// One source of truth: the CMS must ask for exactly what the build accepts. This test walks the
// zod schemas of src/content.config.ts on its own (not with the code that generated the config)
// and compares them with the Decap configuration, collection by collection and field by field.

type Field = Record<string, unknown> & { name: string; widget: string; required?: boolean; field?: Field };
type Collection = Record<string, unknown> & { name: string; folder?: string; extension?: string; fields?: Field[]; files?: (Record<string, unknown> & { name: string; file: string; fields: Field[] })[] };
type SchemaMap = Record<string, z.ZodObject>;

const def = (schema: unknown) => (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;

/** What a schema field means for an editor: its kind, whether it is required, and its limits. */
function describeSchema(schema: unknown): Record<string, unknown> {
  let current = schema;
  let required = true;
  while (['optional', 'default'].includes(def(current).type)) {
    required = false;
    current = def(current).innerType;
  }
  const d = def(current);
  const checks = ((d.checks as { _zod: { def: Record<string, unknown> } }[]) ?? []).map((c) => c._zod.def);
  const kind = { string: 'text', number: 'number', date: 'date', array: 'list' }[d.type] ?? d.type;
  const out: Record<string, unknown> = { kind, required };
  const pattern = checks.find((c) => c.format === 'regex')?.pattern as RegExp | undefined;
  if (pattern) out.pattern = pattern.source;
  if (kind === 'number') {
    out.min = checks.find((c) => c.check === 'greater_than')?.value;
    out.max = checks.find((c) => c.check === 'less_than')?.value;
    out.int = checks.some((c) => String(c.format).includes('int'));
  }
  if (kind === 'list') {
    out.min = checks.find((c) => c.check === 'min_length')?.minimum;
    out.item = describeSchema(d.element);
    delete (out.item as Record<string, unknown>).required;
  }
  return out;
}

/** The same description read from a Decap field. */
function describeField(field: Field): Record<string, unknown> {
  const kind = { string: 'text', text: 'text', 'mdx-body': 'text', number: 'number', datetime: 'date', list: 'list' }[field.widget] ?? field.widget;
  const out: Record<string, unknown> = { kind, required: field.required !== false };
  if (Array.isArray(field.pattern)) out.pattern = field.pattern[0];
  if (kind === 'number') {
    out.min = field.min;
    out.max = field.max;
    out.int = field.value_type === 'int';
  }
  if (kind === 'list') {
    out.min = field.min;
    out.item = describeField(field.field!);
    delete (out.item as Record<string, unknown>).required;
  }
  return out;
}

/** Every difference between the CMS configuration and the content schemas, readable in a failure. */
function drift(config: { collections: Collection[] }, schemas: SchemaMap): string[] {
  const problems: string[] = [];
  const cms = new Map<string, { fields: Field[]; mdx: boolean }>();
  for (const collection of config.collections) {
    if (collection.files) for (const file of collection.files) cms.set(file.name, { fields: file.fields, mdx: false });
    else cms.set(collection.name, { fields: collection.fields ?? [], mdx: collection.extension === 'mdx' });
  }
  for (const name of Object.keys(schemas)) if (!cms.has(name)) problems.push(`collection ${name} is missing from the CMS`);
  for (const [name, { fields, mdx }] of cms) {
    const schema = schemas[name];
    if (!schema) {
      problems.push(`collection ${name} is in the CMS but not in src/content.config.ts`);
      continue;
    }
    const expected = Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, describeSchema(value)]));
    if (mdx) expected.body = { kind: 'text', required: true };
    const actual = Object.fromEntries(fields.map((field) => [field.name, describeField(field)]));
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) problems.push(`${name}.${key} is missing from the CMS`);
      else if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) {
        problems.push(`${name}.${key} differs: CMS ${JSON.stringify(actual[key])}, schema ${JSON.stringify(expected[key])}`);
      }
    }
    for (const key of Object.keys(actual)) if (!(key in expected)) problems.push(`${name}.${key} is in the CMS but not in the schema`);
  }
  return problems;
}

const schemas: SchemaMap = Object.fromEntries(
  Object.entries(collections).map(([name, collection]) => [name, (collection as { schema: z.ZodObject }).schema]),
);
const config = buildCmsConfig({}) as unknown as { collections: Collection[] };

describe('the CMS configuration matches the content schemas', () => {
  it('has every collection and field, with the same types, required flags, limits and patterns', () => {
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
          : path.dirname(file) === c.folder && file.endsWith(`.${c.extension}`) ? [c.name] : [],
      );
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((file) => owners(file).length !== 1)).toEqual([]);
  });

  it('asks for email addresses with the schema’s own pattern and words', () => {
    const organisations = config.collections.find((c) => c.name === 'organisations')!;
    const inbox = organisations.fields!.find((f) => f.name === 'inboxes')!.field!;
    expect(inbox.pattern).toEqual([
      '^[^\\s@<>(),;:"]+@[^\\s@<>(),;:"]+\\.[^\\s@<>(),;:"]+$',
      'Enter the workforce development inbox as an email address, like team@example.org',
    ]);
  });

  it('writes dates as YYYY-MM-DD and numbers as whole numbers within the schema’s range', () => {
    const protocol = config.collections.find((c) => c.name === 'protocol')!;
    expect(protocol.fields!.find((f) => f.name === 'updated')).toMatchObject({
      widget: 'datetime', format: 'YYYY-MM-DD', time_format: false,
    });
    expect(protocol.fields!.find((f) => f.name === 'number')).toMatchObject({ widget: 'number', value_type: 'int', min: 1, max: 5 });
  });
});

describe('the consistency check fails when the two drift apart', () => {
  const mutate = (change: (copy: { collections: Collection[] }) => void) => {
    const copy = structuredClone(config);
    change(copy);
    return drift(copy, schemas);
  };
  const fieldsOf = (copy: { collections: Collection[] }, name: string) => copy.collections.find((c) => c.name === name)!.fields!;

  it('notices a field missing from the CMS', () => {
    expect(mutate((c) => fieldsOf(c, 'organisations').splice(1, 1))).toEqual(['organisations.shortName is missing from the CMS']);
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

  it('notices a type, a limit or a pattern that differs', () => {
    expect(mutate((c) => { fieldsOf(c, 'protocol').find((f) => f.name === 'number')!.widget = 'string'; })[0]).toMatch(/^protocol\.number differs/);
    expect(mutate((c) => { fieldsOf(c, 'planning').find((f) => f.name === 'number')!.max = 9; })[0]).toMatch(/^planning\.number differs/);
    expect(
      mutate((c) => { (fieldsOf(c, 'organisations').find((f) => f.name === 'inboxes')!.field!).pattern = ['.*', 'Anything']; })[0],
    ).toMatch(/^organisations\.inboxes differs/);
  });

  it('notices a collection missing from the CMS, and a schema field the CMS does not have', () => {
    expect(mutate((c) => { c.collections = c.collections.filter((x) => x.name !== 'forms'); })).toEqual([
      'collection forms is missing from the CMS',
    ]);
    const widened = { ...schemas, organisations: schemas.organisations.extend({ phone: z.string() }) };
    expect(drift(config, widened)).toEqual(['organisations.phone is missing from the CMS']);
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

  it('points the local backend at DECAP_SERVER_PORT, and can leave it out', () => {
    expect(buildCmsConfig({}).local_backend).toEqual({ url: 'http://localhost:8081/api/v1' });
    expect(buildCmsConfig({ DECAP_SERVER_PORT: '8090' }).local_backend).toEqual({ url: 'http://localhost:8090/api/v1' });
    expect(buildCmsConfig({ CMS_LOCAL_BACKEND: 'false' })).not.toHaveProperty('local_backend');
  });
});
