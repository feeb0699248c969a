import { describe, expect, it } from 'vitest';
import { contentTypeFor, internalPageLinks } from '../../integrations/pagefind-crawl.ts';

describe('indexing the dev server', () => {
  it('follows links to the site’s own pages, once each, without fragments or queries', () => {
    const html = `
      <a href="/principles/">Principles</a> <a class="x" href="/principles/#chemistry-meeting">Chemistry</a>
      <a href="/protocol/setting-the-scene/?from=home">Phase 1</a> <a href="/">Home</a>`;
    expect(internalPageLinks(html)).toEqual(['/principles/', '/protocol/setting-the-scene/', '/']);
  });

  it('leaves out other sites, files, the API, the CMS and the search bundle', () => {
    const html = `
      <a href="https://example.org/">Elsewhere</a> <a href="//example.org/x/">Elsewhere</a>
      <a href="mailto:coaching@example.org">Email</a> <a href="/favicon.svg">Icon</a>
      <a href="/api/health">Health</a> <a href="/admin/">CMS</a> <a href="/pagefind/pagefind.js">Bundle</a>
      <a href="#main">Skip</a>`;
    expect(internalPageLinks(html)).toEqual([]);
  });

  it('serves the index files with types browsers accept', () => {
    expect(contentTypeFor('/pagefind.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/pagefind-entry.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('/wasm.en-gb.pagefind')).toBe('application/octet-stream');
  });
});
