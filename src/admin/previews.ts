import { createElement as h, type ComponentType, type ReactNode } from 'react';
import { calloutFromMatch, CALLOUT_PATTERN, calloutToMdx, splitCallouts, type CalloutData } from './callout.ts';
import { contentsFrom, formatDate } from '../layouts/reading.ts';

/** Site-wide words the previews frame pages with (from content/settings/site.yml, at build time). */
export interface PreviewSite {
  schemeName: string;
  tagline: string;
}

// Preview pane: pages look as they do on the site (the site's own /styles/site.css and the same
// markup and class names as the Astro components), with callouts rendered, not shown as JSX.

type Immutable = { get(key: string): unknown; toJS?: () => unknown };
interface PreviewProps {
  entry: Immutable;
  widgetFor: (name: string) => ReactNode;
}

const text = (entry: Immutable, key: string) => String((entry.get('data') as Immutable)?.get(key) ?? '');

const slug = (text: string) =>
  text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/g, '-');

/** The page around an entry, as src/layouts/BaseLayout.astro draws it: header, breadcrumbs, main, footer. */
function siteFrame(site: PreviewSite, trail: { label: string; href: string }[], current: string, main: ReactNode) {
  return h(
    'div',
    null,
    h(
      'header',
      { className: 'site-header' },
      h(
        'div',
        { className: 'wrap site-header__bar' },
        h('a', { className: 'site-header__name', href: '/' }, site.schemeName),
      ),
    ),
    h(
      'div',
      { className: 'wrap page' },
      h(
        'nav',
        { className: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
        h(
          'ol',
          null,
          ...[{ label: 'Home', href: '/' }, ...trail].map((c) =>
            h('li', { key: c.href }, h('a', { href: c.href }, c.label)),
          ),
          h('li', { 'aria-current': 'page' }, current),
        ),
      ),
      h('main', { id: 'main' }, main),
    ),
    h(
      'footer',
      { className: 'site-footer' },
      h('div', { className: 'wrap' }, h('p', null, `${site.schemeName}: ${site.tagline}`)),
    ),
  );
}

const TRAILS = {
  guidance: [],
  protocol: [{ label: 'Coaching protocol', href: '/protocol/' }],
  planning: [{ label: 'Planning guide', href: '/planning/' }],
};

/** A guidance page, protocol phase or planning step, as src/layouts/ArticleLayout.astro draws it. */
export function pagePreview(
  kind: 'guidance' | 'protocol' | 'planning',
  site: PreviewSite,
): ComponentType<PreviewProps> {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per preview template when cms.ts registers it, never during a render.
  return function PagePreview({ entry, widgetFor }: PreviewProps) {
    const number = text(entry, 'number');
    const title = text(entry, 'title');
    const lead = kind === 'guidance' ? text(entry, 'description') : text(entry, 'summary');
    const caption = kind === 'protocol' ? `Phase ${number} of 5` : kind === 'planning' ? `Step ${number} of 7` : '';
    const questions = (entry.get('data') as Immutable)?.get('questions') as Immutable | undefined;
    const updated = text(entry, 'updated');
    const date = updated && !Number.isNaN(Date.parse(updated)) ? formatDate(new Date(updated)) : undefined;
    const headings = [...text(entry, 'body').matchAll(/^##\s+(.+)$/gm)].map((m) => ({
      depth: 2,
      text: m[1]!.trim(),
      slug: slug(m[1]!),
    }));
    const contents = contentsFrom(headings);
    return siteFrame(
      site,
      TRAILS[kind],
      title,
      h(
        'article',
        { className: 'article' },
        caption && h('p', { className: 'caption' }, caption),
        h('h1', null, title),
        lead && h('p', { className: 'lede' }, lead),
        date && h('p', { className: 'updated' }, 'Last updated ', h('time', { dateTime: date.iso }, date.text)),
        contents.length > 0 &&
          h(
            'nav',
            { className: 'contents', 'aria-label': 'On this page' },
            h('h2', { className: 'contents__title' }, 'On this page'),
            h('ul', null, ...contents.map((c) => h('li', { key: c.slug }, h('a', { href: `#${c.slug}` }, c.text)))),
          ),
        kind === 'planning' &&
          questions?.toJS &&
          h(
            'section',
            null,
            h('h2', null, 'Questions to answer'),
            h('ul', null, ...(questions.toJS() as string[]).map((q) => h('li', { key: q }, q))),
          ),
        h('div', { className: 'prose' }, widgetFor('body')),
      ),
    );
  };
}

/** An organisation as the forms offer it, and where its submissions go. */
export function organisationPreview(site: PreviewSite): ComponentType<PreviewProps> {
  // biome-ignore lint/correctness/noComponentHookFactories: called once when cms.ts registers the template, never during a render.
  return function OrganisationPreview({ entry }: PreviewProps) {
    const name = text(entry, 'name');
    const inboxes = ((entry.get('data') as Immutable)?.get('inboxes') as Immutable | undefined)?.toJS?.() as
      | string[]
      | undefined;
    return siteFrame(
      site,
      [],
      'Become a coach',
      h(
        'article',
        { className: 'article' },
        h('h2', null, 'In every form'),
        h('label', { htmlFor: 'preview-employer' }, 'Your employer'),
        h('select', { id: 'preview-employer', defaultValue: name }, h('option', { value: name }, name)),
        h('h2', null, 'Where its forms go'),
        inboxes?.length
          ? h('ul', null, ...inboxes.map((inbox) => h('li', { key: inbox }, inbox)))
          : h('p', null, 'Nowhere yet: add at least one workforce development inbox.'),
      ),
    );
  };
}

const calloutBox = (title: string | undefined, inner: ReactNode, key?: number) =>
  h(
    'aside',
    { className: 'callout', key },
    title ? h('h3', { className: 'callout__title' }, title) : null,
    h('div', { className: 'callout__body' }, inner),
  );

/**
 * The page-text preview: Markdown through Decap's own markdown preview, callouts as the site renders
 * them. (Decap's preview only knows editor components while its markdown editor is on screen, and
 * the page text uses our own editor, so callouts are split out here.)
 */
export function bodyPreview(MarkdownPreview: ComponentType<Record<string, unknown>>) {
  return function BodyPreview(props: Record<string, unknown> & { value?: string | null }) {
    const render = (text: string, key?: number) => h(MarkdownPreview, { ...props, key, value: text });
    return h(
      'div',
      { className: 'hub-body-preview' },
      ...splitCallouts(props.value ?? '').map((part, index) =>
        part.kind === 'markdown' ? render(part.text, index) : calloutBox(part.title, render(part.body), index),
      ),
    );
  };
}

/** The Callout editor component: renders like src/components/mdx/Callout.astro in the preview. */
export function calloutEditorComponent(renderMarkdown: (markdown: string) => ReactNode) {
  return {
    id: 'callout',
    label: 'Callout',
    fields: [
      { name: 'title', label: 'Heading (optional)', widget: 'string', required: false },
      { name: 'body', label: 'Text', widget: 'text' },
    ],
    // Decap wants a pattern without the multiline flag that matches at the start of a block.
    pattern: new RegExp(CALLOUT_PATTERN.source),
    fromBlock: (match: RegExpMatchArray) => calloutFromMatch(match),
    toBlock: (data: CalloutData) => calloutToMdx(data),
    toPreview: ({ title, body }: CalloutData) => calloutBox(title, renderMarkdown(body)),
  };
}
