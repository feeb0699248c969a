// Names shared by the build-time config and the browser entry. Kept free of imports so the
// admin bundle does not pull in the schemas (and zod) just for them.

/** Custom formats registered by src/admin/cms.ts; they keep files byte-identical when unchanged. */
export const FORMAT = { mdx: 'hub-mdx', yml: 'hub-yml' } as const;
/** The body widget: the page text as plain Markdown/MDX, with an "Add a callout" button. */
export const BODY_WIDGET = 'mdx-body';
/** Decap's prebuilt file, copied there by integrations/decap.ts. */
export const DECAP_SCRIPT = '/admin/decap/decap-cms-app.js';
/** Decap's widgets, each made to check its value with the field's zod rule (checked-widgets.ts). */
export const CHECKED_WIDGET = {
  string: 'hub-string',
  text: 'hub-text',
  number: 'hub-number',
  list: 'hub-list',
} as const;
