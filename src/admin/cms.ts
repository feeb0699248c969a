// The /admin/ page's only script: Decap CMS from decap-cms-app's prebuilt file (loaded by
// decap-global.ts, not bundled), configured by the JSON the page carries (built at build time from
// the content schemas, see cms-config.ts), plus this site's formats, widgets and previews.
import './zod-jitless.ts';
import { createElement as h } from 'react';
import { loadDecap, React } from './decap-global.ts';
import { BODY_WIDGET, DECAP_SCRIPT, FORMAT } from './names.ts';
import { mdxFormat, ymlFormat } from './formats.ts';
import { registerCheckedWidgets } from './checked-widgets.ts';
import { entryProblems } from './rules.ts';
import { createMdxBodyControl } from './mdx-body-widget.ts';
import { bodyPreview, calloutEditorComponent, organisationPreview, pagePreview, type PreviewSite } from './previews.ts';
import './admin.css';

const configElement = document.getElementById('cms-config');
const config = JSON.parse(configElement?.dataset.config ?? '{}');
/** Guidance pages something links to (file → the files that link to it); see required-pages.ts. */
const requiredPages: Record<string, string[]> = JSON.parse(configElement?.dataset.requiredPages ?? '{}');
const CMS = await loadDecap(DECAP_SCRIPT);
const en = CMS.getLocale('en');

// Pattern errors show the schema's own words ("Enter the … as an email address, like …"), not
// Decap's "didn't match the pattern"; a refused save or delete shows our sentence alone, not
// "Failed to persist entry: Error: …".
CMS.registerLocale('en', {
  ...en,
  editor: {
    ...en.editor,
    editorControlPane: {
      ...en.editor.editorControlPane,
      widget: { ...en.editor.editorControlPane.widget, regexPattern: '%{pattern}' },
    },
  },
  ui: { ...en.ui, toast: { ...en.ui.toast, onFailToPersist: '%{details}', onFailToDelete: '%{details}' } },
});

/** An error whose text is just its message, for Decap's notices. */
class Refusal extends Error {
  override toString() {
    return this.message;
  }
}

registerCheckedWidgets(CMS);

// Decap's entry is an Immutable.js map; these are the keys read here (its data, and its strings).
type Entry = {
  get(key: 'data'): { toJS(): Record<string, unknown> };
  get(key: string): string;
  getIn(path: string[]): unknown;
};
const collectionOf = (entry: Entry) =>
  config.collections?.find((c: { name: string }) => c.name === entry.get('collection'));

// The last word before anything is written: the whole entry against its schema, so nothing the
// build would refuse is ever saved, even a problem no single box shows.
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }: { entry: Entry }) => {
    const collection = collectionOf(entry);
    if (!collection) return;
    const schemaName = collection.files ? entry.get('slug') : collection.name;
    const fields: { name: string; label: string }[] = collection.files
      ? (collection.files.find((f: { name: string }) => f.name === schemaName)?.fields ?? [])
      : collection.fields;
    const labelOf = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
    const problems = entryProblems(schemaName, entry.get('data').toJS(), labelOf);
    if (problems.length > 0) throw new Refusal(`Not saved. ${problems.join('. ')}.`);
  },
});

// Deleting (or unpublishing) a page that other pages link to would leave broken links everywhere.
CMS.registerEventListener({
  name: 'preUnpublish',
  handler: ({ entry }: { entry: Entry }) => {
    const linkedFrom = requiredPages[entry.get('path')];
    if (!linkedFrom) return;
    const title = entry.getIn(['data', 'title']) ?? entry.get('slug');
    const others = linkedFrom.length === 1 ? '1 other file links' : `${linkedFrom.length} other files link`;
    throw new Refusal(
      `“${title}” cannot be deleted: the site needs it, because ${others} to it (${linkedFrom.slice(0, 3).join(', ')}${linkedFrom.length > 3 ? ', …' : ''}). Change its words instead.`,
    );
  },
});

CMS.registerCustomFormat(FORMAT.yml, 'yml', ymlFormat);
CMS.registerCustomFormat(FORMAT.mdx, 'mdx', mdxFormat);

const markdown = CMS.getWidget('markdown')!;
CMS.registerWidget(BODY_WIDGET, createMdxBodyControl(React) as never, bodyPreview(markdown.preview) as never);

const renderMarkdown = (value: string) =>
  h(markdown.preview, { value, getAsset: () => ({ url: '', path: '' }), resolveWidget: CMS.resolveWidget });
CMS.registerEditorComponent(calloutEditorComponent(renderMarkdown) as never);

CMS.registerPreviewStyle('/styles/site.css');
const site: PreviewSite = JSON.parse(configElement?.dataset.site ?? '{"schemeName":"","tagline":""}');
CMS.registerPreviewTemplate('guidance', pagePreview('guidance', site) as never);
CMS.registerPreviewTemplate('protocol', pagePreview('protocol', site) as never);
CMS.registerPreviewTemplate('planning', pagePreview('planning', site) as never);
CMS.registerPreviewTemplate('organisations', organisationPreview(site) as never);

/**
 * With the local backend (decap-server, `npm start`) there is nobody to sign in as, yet Decap still
 * shows a Login button. When the local server answers, mark the session as signed in to it, so
 * /admin/ opens straight onto the content. Decap only uses the local backend on localhost.
 */
async function openLocalBackendWithoutLogin(localBackend?: { url?: string }) {
  if (!localBackend?.url || !['localhost', '127.0.0.1'].includes(location.hostname)) return;
  try {
    const response = await fetch(localBackend.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'info' }),
    });
    if (response.ok) localStorage.setItem('decap-cms-user', JSON.stringify({ backendName: 'proxy' }));
  } catch {
    // No local server: Decap falls back to the configured backend and its sign-in.
  }
}

// Under `npm start`, saving writes content/, and Vite then reloads every open page so the site
// shows the change. /admin/ alone opts out: a reload would drop the "Entry saved" notice and the
// editor's place. (Vite skips the reload when the payload names another .html page.)
if (import.meta.hot) {
  import.meta.hot.on('vite:beforeFullReload', (payload: { path?: string }) => {
    payload.path = '/admin-stays-open.html';
  });
}

openLocalBackendWithoutLogin(config.local_backend).finally(() => CMS.init({ config }));
