import { createElement as h, type ComponentType, type ReactNode } from 'react';
import { calloutFromMatch, CALLOUT_PATTERN, calloutToMdx, splitCallouts, type CalloutData } from './callout.ts';

// Preview pane: pages look as they do on the site (the site's own /styles/site.css and the same
// markup and class names as the Astro components), with callouts rendered, not shown as JSX.

type Immutable = { get(key: string): unknown; toJS?: () => unknown };
interface PreviewProps {
  entry: Immutable;
  widgetFor: (name: string) => ReactNode;
}

const text = (entry: Immutable, key: string) => String((entry.get('data') as Immutable)?.get(key) ?? '');

/** A guidance page, protocol phase or planning step, framed like the site's reading pages. */
export function pagePreview(kind: 'guidance' | 'protocol' | 'planning'): ComponentType<PreviewProps> {
  return function PagePreview({ entry, widgetFor }: PreviewProps) {
    const number = text(entry, 'number');
    const lead = kind === 'guidance' ? text(entry, 'description') : text(entry, 'summary');
    const caption = kind === 'protocol' ? `Phase ${number} of 5` : kind === 'planning' ? `Step ${number} of 7` : '';
    const questions = (entry.get('data') as Immutable)?.get('questions') as Immutable | undefined;
    return h(
      'main',
      { id: 'main', className: 'page' },
      caption && h('span', { className: 'caption' }, caption),
      h('h1', null, text(entry, 'title')),
      lead && h('p', { className: 'lead' }, lead),
      kind === 'planning' &&
        questions?.toJS &&
        h(
          'section',
          null,
          h('h2', null, 'Questions to answer'),
          h('ul', null, ...(questions.toJS() as string[]).map((q) => h('li', { key: q }, q))),
        ),
      widgetFor('body'),
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
