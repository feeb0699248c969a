// The /admin/ page's only script: Decap CMS from decap-cms-app's prebuilt file (loaded by
// decap-global.ts, not bundled), configured by the JSON the page carries (built at build time from
// the content schemas, see cms-config.ts), plus this site's formats, widgets and previews.
import { createElement as h } from 'react';
import { loadDecap, React } from './decap-global.ts';
import { BODY_WIDGET, DECAP_SCRIPT, FORMAT } from './names.ts';
import { mdxFormat, ymlFormat } from './formats.ts';
import { createMdxBodyControl } from './mdx-body-widget.ts';
import { bodyPreview, calloutEditorComponent, pagePreview } from './previews.ts';
import './admin.css';

const configElement = document.getElementById('cms-config');
const config = JSON.parse(configElement?.dataset.config ?? '{}');
const CMS = await loadDecap(DECAP_SCRIPT);
const en = CMS.getLocale('en');

// Pattern errors show the schema's own words ("Enter the … as an email address, like …"), not
// Decap's "didn't match the pattern".
CMS.registerLocale('en', {
  ...en,
  editor: {
    ...en.editor,
    editorControlPane: {
      ...en.editor.editorControlPane,
      widget: { ...en.editor.editorControlPane.widget, regexPattern: '%{pattern}'},
    },
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
CMS.registerPreviewTemplate('guidance', pagePreview('guidance') as never);
CMS.registerPreviewTemplate('protocol', pagePreview('protocol') as never);
CMS.registerPreviewTemplate('planning', pagePreview('planning') as never);

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

openLocalBackendWithoutLogin(config.local_backend).finally(() => CMS.init({ config }));
