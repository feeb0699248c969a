// The house vocabulary in what the browser receives (docs/content.md): no built file in dist/
// (pages, scripts, styles, the search index's readable parts) says "Title IV-E" or "county", or
// shows a sample reference such as "like APP-7KQ3-M9TX" after the real one. The emails are checked
// from the same patterns in test/unit/copy.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dist } from '../../scripts/bench.mjs';
import { leftoversIn } from '../unit/copy-words.ts';

const TEXT = /\.(?:html|js|mjs|css|json|txt|xml|svg|webmanifest)$/;

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return textFiles(full);
    return TEXT.test(name) ? [full] : [];
  });
}

describe('words in dist/', () => {
  const files = textFiles(dist);

  it('has no sample reference, "Title IV-E" or "county" in any built file', () => {
    const found = files.flatMap((file) =>
      leftoversIn(readFileSync(file, 'utf8')).map((what) => `${path.relative(dist, file)}: ${what}`),
    );
    expect(files.length).toBeGreaterThan(30);
    expect(found).toEqual([]);
  });
});
