import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { folderCollections } from '../schemas/content-model.ts';

// Guidance pages the site cannot lose: every page that another page, a component or a form links
// to (the privacy notice and accessibility statement are linked from every page's footer). Found at
// build time by reading the links in content/, src/ and functions/, so a page becomes required the
// moment something links to it. The CMS refuses to delete these (see cms.ts).

const SOURCES = ['content', 'src', 'functions'];
const LINKABLE = /\.(mdx?|ya?ml|astro|ts)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return LINKABLE.test(entry.name) ? [full] : [];
  });
}

/** Each required page's file (as the CMS names it, content/guidance/<id>.mdx) with the files that link to it. */
export function requiredPages(root = process.cwd()): Record<string, string[]> {
  const folder = path.join(root, 'content', folderCollections.guidance.folder);
  const ids = readdirSync(folder)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => name.slice(0, -4));
  const linkedFrom: Record<string, string[]> = {};
  // src/admin only names addresses as examples in hints.
  const files = SOURCES.flatMap((dir) => filesUnder(path.join(root, dir))).filter(
    (file) => !file.startsWith(path.join(root, 'src', 'admin')),
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(root, file).split(path.sep).join('/');
    for (const id of ids) {
      if (relative === `content/guidance/${id}.mdx`) continue;
      // An address in a link, an href or a string: "/privacy/", "/privacy/#cookies", "(/privacy/)".
      if (!new RegExp(`["'(\\s]/${id}/?(#[\\w-]*)?["')\\s]`).test(text)) continue;
      linkedFrom[id] ??= [];
      linkedFrom[id].push(relative);
    }
  }
  return Object.fromEntries(
    Object.entries(linkedFrom)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, files]) => [`content/guidance/${id}.mdx`, files.sort()]),
  );
}
