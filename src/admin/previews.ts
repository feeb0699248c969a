import { createElement as h, type ComponentType, type ReactNode } from 'react';
import { calloutFromMatch, CALLOUT_PATTERN, calloutToMdx, type CalloutData } from './callout.ts';

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
    toPreview: ({ title, body }: CalloutData) =>
      h(
        'aside',
        { className: 'callout' },
        title ? h('h3', { className: 'callout__title' }, title) : null,
        h('div', { className: 'callout__body' }, renderMarkdown(body)),
      ),
  };
}
