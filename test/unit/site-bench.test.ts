import { describe, expect, it } from 'vitest';
import { gzipSize, mainText } from '../../scripts/bench.mjs';

describe('the bench measures a page’s words', () => {
  it('takes only the text inside <main>, without tags, scripts or extra spaces', () => {
    const html =
      '<header><a href="/">Coaching Scheme Hub</a></header>' +
      '<main id="main"><h1>Coaching principles</h1>\n  <p>What <strong>coaching</strong> is &amp; is not.</p>' +
      '<script type="module" src="/x.js"></script><script>var x = 1;</script><p>It&#8217;s short&nbsp;and focused.</p></main>' +
      '<footer>Privacy notice</footer>';
    expect(mainText(html)).toBe('Coaching principles What coaching is & is not. It’s short and focused.');
  });

  it('finds no words on a page without a main landmark', () => {
    expect(mainText('<body><p>Loose text</p></body>')).toBe('');
  });

  it('gzips at the strongest level, so repeated text costs little', () => {
    const once = gzipSize(Buffer.from('Coaching helps people help themselves. '));
    const many = gzipSize(Buffer.from('Coaching helps people help themselves. '.repeat(100)));
    expect(many).toBeLessThan(once * 2);
  });
});
