// Checks a page body before the CMS lets an editor save it, so a slip cannot break the build.
// MDX gives { } and < special meanings; the site allows only one component, <Callout>.

const CODE_FENCE = /^\s*(```|~~~)/;

/** The words for curly brackets in a callout heading: the callout form and the save check both use them. */
export const CALLOUT_TITLE_BRACES =
  'A callout heading cannot contain curly brackets { }: remove them or use round brackets instead.';

/** Why a callout heading cannot be used, or undefined when it can. */
export function calloutTitleProblem(title: string): string | undefined {
  return /[{}]/.test(title) ? CALLOUT_TITLE_BRACES : undefined;
}

/** Problems in an MDX body, in the words an editor sees. Empty means it is safe to save. */
export function mdxBodyProblems(body: string): string[] {
  const problems = new Set<string>();
  let inFence = false;
  let openCallouts = 0;
  body.split('\n').forEach((rawLine, index) => {
    const where = `line ${index + 1}`;
    if (CODE_FENCE.test(rawLine)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    if (/^(import|export)\s/.test(rawLine)) {
      problems.add(`Remove the “${rawLine.split(/\s/)[0]}” line on ${where}: pages cannot import or export code.`);
    }
    // Inline code is shown as written, so what is inside it is safe.
    const line = rawLine.replace(/`[^`]*`/g, '');
    const title = /^<Callout\s+title="([^"]*)"/.exec(line)?.[1];
    if (title !== undefined && calloutTitleProblem(title)) {
      problems.add(`${CALLOUT_TITLE_BRACES.replace(/\.$/, '')} (${where}).`);
    } else if (/(^|[^\\])[{}]/.test(line)) {
      problems.add(
        `Curly brackets on ${where} have a special meaning on this site: write \\{ and \\} instead, or remove them.`,
      );
    }
    for (const match of line.matchAll(/<(\/?)([A-Za-z][\w.-]*)?/g)) {
      const [, closing, name] = match;
      const rest = line.slice(match.index);
      if (/^<(https?:\/\/|mailto:)[^>\s]+>/.test(rest)) continue;
      if (name === 'Callout') {
        openCallouts += closing ? -1 : 1;
        if (openCallouts < 0 || openCallouts > 1) {
          problems.add(
            `Check the callouts around ${where}: each <Callout> needs one </Callout> after it, and callouts cannot go inside each other.`,
          );
          openCallouts = Math.max(0, Math.min(1, openCallouts));
        }
        continue;
      }
      if (!name) {
        problems.add(
          `The < sign on ${where} has a special meaning on this site: write &lt; or the words “less than” instead.`,
        );
      } else {
        problems.add(
          `Remove <${closing}${name ?? ''}…> on ${where}: the only component pages can use is a callout (use “Add a callout”).`,
        );
      }
    }
  });
  if (openCallouts !== 0) problems.add('A callout is not closed: add </Callout> on its own line after its text.');
  if (inFence) problems.add('A code block is not closed: add ``` on its own line after it.');
  return [...problems];
}
