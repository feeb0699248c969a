import type { z } from 'zod';
import { fileCollections, folderCollections } from '../schemas/content-model.ts';

// The CMS checks values with the very zod schemas the build uses (src/schemas), so it refuses
// exactly what the build refuses, in the schema's own words. A Decap field names its rule as
// "collection.field" (or "collection.field.*" for each item of a list); schema-fields.ts writes
// those names into the generated configuration.

// No code generation in the browser: zod runs jitless in /admin/ (zod-jitless.ts, imported first).

const schemas: Record<string, z.ZodObject> = Object.fromEntries([
  ...Object.entries(folderCollections).map(([name, model]) => [name, model.schema]),
  ...Object.entries(fileCollections).map(([name, model]) => [name, model.schema]),
]);

const defOf = (schema: z.ZodType) =>
  (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;

/** The schema a rule name points at, or undefined when there is no such collection or field. */
export function schemaForRule(rule: string): z.ZodType | undefined {
  const [collection, ...path] = rule.split('.');
  let schema: z.ZodType | undefined = schemas[collection!];
  // Each step is a field of an object ("questions.name.label") or "*", the items of a list.
  for (const step of path) {
    if (!schema) return undefined;
    while (['optional', 'default'].includes(defOf(schema).type)) schema = defOf(schema).innerType as z.ZodType;
    const def = defOf(schema);
    if (step === '*') schema = def.type === 'array' ? (def.element as z.ZodType) : undefined;
    else schema = def.type === 'object' ? ((def.shape as Record<string, z.ZodType>)[step] ?? undefined) : undefined;
  }
  return path.length > 0 ? schema : undefined;
}

/** What a Decap widget holds, as the plain value the schema reads (Immutable lists become arrays). */
const plain = (value: unknown) =>
  value && typeof value === 'object' && 'toJS' in value ? (value as { toJS(): unknown }).toJS() : value;

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Why a value breaks its rule, in the schema's words, or undefined when it is fine. An optional
 * field left empty is fine; so is a missing one with a default.
 */
export function ruleProblem(rule: string, value: unknown, { ownOnly = false } = {}): string | undefined {
  const schema = schemaForRule(rule);
  if (!schema) return `This box has no rule (${rule}): tell the site’s maintainer.`;
  const data = plain(value);
  if (isBlank(data) && schema.safeParse(undefined).success) return undefined;
  const result = schema.safeParse(isBlank(data) ? undefined : data);
  if (result.success) return undefined;
  // ownOnly: a list's own problems (too few items), not its items', which each item shows itself.
  const issues = ownOnly ? result.error.issues.filter((issue) => issue.path.length === 0) : result.error.issues;
  return issues[0]?.message;
}

/** Every problem of a whole entry, as "Label: problem", for the check before saving. */
export function entryProblems(
  collection: string,
  data: Record<string, unknown>,
  labelOf: (field: string) => string,
): string[] {
  const schema = schemas[collection];
  if (!schema) return [];
  const result = schema.safeParse(plain(data));
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => `${labelOf(String(issue.path[0] ?? ''))}: ${issue.message}`))];
}
