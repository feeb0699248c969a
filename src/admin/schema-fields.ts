import type { z } from 'zod';
import type { FieldHint } from './ui-hints.ts';
import { CHECKED_WIDGET } from './names.ts';

// Turns a zod 4 object schema into Decap CMS fields, so the CMS asks for exactly what the build
// accepts: the same fields and required flags, and every value checked by the schema itself
// (`rule` names the schema; the hub-* widgets run it, see checked-widgets.ts and rules.ts), in the
// schema's own words. What Decap can show natively (whole numbers, a list's minimum and maximum)
// is set too. Only the shapes our schemas use are supported; anything else fails loudly.

/** A Decap field without its name and label: what a schema type turns into. */
export interface WidgetSpec {
  widget: string;
  /** The zod rule the widget checks its value with: "collection.field", or "collection.field.*" for list items. */
  rule?: string;
  /** Ordered collections: the field the other entries are named by, for the "already used" check. */
  order_among?: string;
  order_label?: string;
  step?: number;
  required?: boolean;
  hint?: string;
  default?: unknown;
  value_type?: 'int' | 'float';
  min?: number;
  max?: number;
  field?: DecapField;
  format?: string;
  date_format?: string;
  time_format?: boolean;
  picker_utc?: boolean;
  allow_add?: boolean;
  label_singular?: string;
  collapsed?: boolean;
  /** An object's own fields (a form's question: its label, hint and messages). */
  fields?: DecapField[];
  summary?: string;
}

export interface DecapField extends WidgetSpec {
  name: string;
  label: string;
}

type AnySchema = z.ZodType;
interface Check {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  error?: unknown;
}

const defOf = (schema: AnySchema) =>
  (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
const checksOf = (schema: AnySchema): Check[] =>
  ((defOf(schema).checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

/** Strips optional/default wrappers: what remains is the value's own type. */
export function unwrap(schema: AnySchema): { inner: AnySchema; required: boolean; defaultValue?: unknown } {
  const def = defOf(schema);
  if (def.type === 'optional') return { ...unwrap(def.innerType as AnySchema), required: false };
  if (def.type === 'default') {
    const raw = def.defaultValue;
    const defaultValue = typeof raw === 'function' ? (raw as () => unknown)() : raw;
    return { ...unwrap(def.innerType as AnySchema), required: false, defaultValue };
  }
  return { inner: schema, required: true };
}

function lengthLimits(schema: AnySchema) {
  const limits: { min?: number; max?: number } = {};
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') limits.min = check.minimum;
    if (check.check === 'max_length') limits.max = check.maximum;
  }
  return limits;
}

/** The Decap widget for a value of this schema (without name or label). */
function widgetFor(schema: AnySchema, hint: FieldHint, rule: string): WidgetSpec {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      // Lengths, patterns and "a box of spaces is empty" are all checked by the rule, in its words.
      return { widget: CHECKED_WIDGET[hint.widget ?? 'string'], rule };
    case 'number': {
      // value_type float on purpose: Decap's int mode cuts 2.5 to 2 as it is typed, so the rule
      // would never see it. The rule refuses anything but a whole number; step 1 for the arrows.
      const field: WidgetSpec = { widget: CHECKED_WIDGET.number, rule, value_type: 'float' };
      const whole = checksOf(schema).some((check) => check.check === 'number_format' && /int/.test(check.format ?? ''));
      if (whole) field.step = 1;
      const step = whole ? 1 : 0;
      for (const check of checksOf(schema)) {
        if (check.check === 'greater_than') field.min = check.value! + (check.inclusive ? 0 : step);
        if (check.check === 'less_than') field.max = check.value! - (check.inclusive ? 0 : step);
      }
      return field;
    }
    case 'date':
      // Date only, stored as YYYY-MM-DD exactly as the files have it; UTC so no timezone shifts a day.
      return {
        widget: 'datetime',
        format: 'YYYY-MM-DD',
        date_format: 'YYYY-MM-DD',
        time_format: false,
        picker_utc: true,
      };
    case 'array': {
      const element = unwrap(def.element as AnySchema).inner;
      if (defOf(element).type !== 'string') throw new Error(`Lists of ${defOf(element).type} are not supported yet`);
      const itemHint: FieldHint = {
        label: hint.itemLabel ?? 'Item',
        ...(hint.itemWidget ? { widget: hint.itemWidget } : {}),
      };
      const item = { name: 'item', label: itemHint.label, ...widgetFor(element, itemHint, `${rule}.*`) };
      // label_singular names the add button: "Add inbox".
      const singular = (hint.itemLabel ?? 'item').toLowerCase();
      return {
        widget: CHECKED_WIDGET.list,
        rule,
        label_singular: singular,
        field: item,
        allow_add: true,
        collapsed: false,
        ...lengthLimits(schema),
      };
    }
    case 'object': {
      // A group of fields, each checked by its own rule: "collection.field.subfield".
      const fields = fieldsFromSchema(schema as z.ZodObject, hint.fields ?? {}, rule);
      // A group with a summary (each form question) starts folded, showing its words in one line.
      return {
        widget: 'object',
        fields,
        collapsed: Boolean(hint.summary),
        ...(hint.summary ? { summary: hint.summary } : {}),
      };
    }
    default:
      throw new Error(`The CMS cannot edit a ${def.type} field yet: add it to src/admin/schema-fields.ts`);
  }
}

/** Decap fields for every key of an object schema, in the schema's order. */
export function fieldsFromSchema(
  schema: z.ZodObject,
  hints: Record<string, FieldHint>,
  collection: string,
  order?: { among: string; label: string },
): DecapField[] {
  return Object.entries(schema.shape).map(([name, fieldSchema]) => {
    const hint = hints[name];
    if (!hint) throw new Error(`Add a label for the field “${name}” of ${collection} in src/admin/ui-hints.ts`);
    const { inner, required, defaultValue } = unwrap(fieldSchema as AnySchema);
    const field: DecapField = { name, label: hint.label, ...widgetFor(inner, hint, `${collection}.${name}`), required };
    if (order && name === 'number') Object.assign(field, { order_among: order.among, order_label: order.label });
    if (hint.hint) field.hint = hint.hint;
    if (defaultValue !== undefined) field.default = defaultValue;
    return field;
  });
}
