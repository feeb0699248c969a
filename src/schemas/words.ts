import { requiredText } from './shared.ts';

// Words with {placeholders} that the program fills in (a date, a count, a link). The rule is a plain
// pattern, so the CMS carries it as it is and refuses the same typo the build does: only the named
// placeholders, spelt exactly, and every one listed in `required`.

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const braces = (names: readonly string[]) => names.map((name) => `{${name}}`);
const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * `what` names the words for the error ("the “Last updated” line"); `names` are the placeholders they may
 * use; `required` (all of `names` unless given) those they must use.
 */
export function wordsWith(what: string, names: readonly string[], required: readonly string[] = names) {
  const must = required.map((name) => `(?=[\\s\\S]*\\{${escape(name)}\\})`).join('');
  const pattern = new RegExp(`^${must}(?:[^{}]|\\{(?:${names.map(escape).join('|')})\\})*$`);
  const optional = names.filter((name) => !required.includes(name));
  const rule =
    (required.length ? `Keep ${list(braces(required))} in ${what}` : `Use only ${list(braces(names))} in ${what}`) +
    (optional.length && required.length ? `, use ${list(braces(optional))} only if you want it` : '') +
    ', and no other curly brackets { }: the site fills them in';
  return requiredText(what).regex(pattern, { error: rule });
}
