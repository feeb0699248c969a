import { describe, expect, it } from 'vitest';
import { handleConfirm } from '../../functions/confirm.ts';
import { handleSentPage } from '../../functions/sent.ts';
import { testDeps } from './intake-support.ts';

// Which pages search engines may index: the static sent and confirm templates hold nothing private
// and may be (test/browser/forms-behaviour.test.ts checks dist/); every page with someone's reference or a
// confirmation token in its address is sent with `X-Robots-Tag: noindex` (docs/intake-ui.md).

describe('pages search engines are told not to index', () => {
  it('a sent page with a reference in its address', async () => {
    const { deps } = testDeps();
    const page = await handleSentPage(
      new Request('https://coaching.example.org/become-a-coach/sent/EOI-7KQ3-M9TX/'),
      deps,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
  });

  it('a confirm page behind a token, whatever state the link is in', async () => {
    const { deps } = testDeps();
    const page = await handleConfirm(
      new Request(`https://coaching.example.org/confirm/${'a'.repeat(43)}/`),
      deps,
      '192.0.2.1',
    );
    expect(page.status).toBe(404);
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
  });
});
