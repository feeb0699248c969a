import { requiredText } from './shared.ts';

// Words with {placeholders} that the program fills in (a date, a count, a link). The rule is a plain
// pattern, so the CMS carries it as it is and refuses the same typo the build does: only the named
// placeholders, spelt exactly, and every one listed in `required`.

const escapePattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const braces = (names: readonly string[]) => names.map((name) => `{${name}}`);
const list = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * `what` names the words for the error ("the “Last updated” line"); `names` are the placeholders they may
 * use; `required` (all of `names` unless given) those they must use.
 */
export function wordsWith(what: string, names: readonly string[], required: readonly string[] = names) {
  const must = required.map((name) => `(?=[\\s\\S]*\\{${escapePattern(name)}\\})`).join('');
  const pattern = new RegExp(`^${must}(?:[^{}]|\\{(?:${names.map(escapePattern).join('|')})\\})*$`);
  const optional = names.filter((name) => !required.includes(name));
  const rule =
    (required.length ? `Keep ${list(braces(required))} in ${what}` : `Use only ${list(braces(names))} in ${what}`) +
    (optional.length && required.length ? `, use ${list(braces(optional))} only if you want it` : '') +
    ', and no other curly brackets { }: the site fills them in';
  return requiredText(what).regex(pattern, { error: rule });
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Why `text` breaks the placeholder rule of `what`, naming the placeholder: the first one the site
 * cannot fill in, the first required one left out, or a stray curly bracket. Undefined when it keeps the rule.
 */
export function placeholderProblem(
  text: string,
  what: string,
  names: readonly string[],
  required: readonly string[] = names,
): string | undefined {
  const unknown = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).find((name) => !names.includes(name));
  if (unknown !== undefined) {
    const allowed = names.length
      ? `use only ${list(braces(names))}`
      : 'it has no placeholders, so take out the curly brackets';
    return `{${unknown}} in ${what} is not a placeholder the site can fill in there: ${allowed}.`;
  }
  const missing = required.find((name) => !text.includes(`{${name}}`));
  if (missing !== undefined) return `Keep {${missing}} in ${what}: the site replaces it with the real value.`;
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) {
    return `Use curly brackets { } in ${what} only around a placeholder${names.length ? `, like {${names[0]}}` : ''}.`;
  }
  return undefined;
}

/**
 * Like `wordsWith`, but the error names the placeholder at fault, so a typo such as {referense} fails the
 * build with one sentence saying which placeholder, in which words, and which are allowed. Still a plain
 * pattern, so the CMS carries the same rule (and, running the same schema, shows the same sentence).
 */
export function placeholderWords(what: string, names: readonly string[], required: readonly string[] = []) {
  const must = required.map((name) => `(?=[\\s\\S]*\\{${escapePattern(name)}\\})`).join('');
  const pattern = new RegExp(
    `^${must}(?:[^{}]|\\{(?:${names.length ? names.map(escapePattern).join('|') : '(?!)'})\\})*$`,
  );
  return requiredText(what).regex(pattern, {
    error: (issue) =>
      placeholderProblem(String(issue.input ?? ''), what, names, required) ??
      `Check the curly brackets { } in ${what}.`,
  });
}
