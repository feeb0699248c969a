import { describe, expect, it } from 'vitest';
import {
  plannerToolSchema,
  readinessToolSchema,
  recordToolSchema,
  toolsSharedSchema,
} from '../../src/schemas/tools.ts';
import { plannerWords, readinessWords, recordWords, sharedWords } from './tool-words.ts';

// The tools' words as editors leave them: content/tools/*.yml passes its schemas, and a missing word,
// a box of spaces or a misspelt placeholder is refused with one sentence saying what to fix.

const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('the tools’ words in content/tools/', () => {
  it('pass their schemas', () => {
    expect(Object.keys(sharedWords).length).toBeGreaterThan(20);
    expect(Object.keys(readinessWords).length).toBeGreaterThan(30);
    expect(Object.keys(plannerWords).length).toBeGreaterThan(60);
    expect(Object.keys(recordWords).length).toBeGreaterThan(80);
  });

  it('refuse a missing or empty word, naming it', () => {
    const { export: _gone, ...withoutExport } = readinessWords;
    expect(problems(readinessToolSchema.safeParse(withoutExport))).toEqual([
      'export: Enter the button that saves the answers to a file',
    ]);
    expect(problems(plannerToolSchema.safeParse({ ...plannerWords, newPlan: '   ' }))).toEqual([
      'newPlan: Enter the button that starts a new plan',
    ]);
  });

  it('refuse a misspelt or missing placeholder, saying which to keep', () => {
    expect(
      problems(toolsSharedSchema.safeParse({ ...sharedWords, savedAt: 'Saved in this browser at {tme}' })),
    ).toEqual([
      'savedAt: Keep {time} in the status after saving, and no other curly brackets { }: the site fills them in',
    ]);
    expect(problems(recordToolSchema.safeParse({ ...recordWords, exported: 'The record has been exported.' }))).toEqual(
      ['exported: Keep {file} in the words after exporting, and no other curly brackets { }: the site fills them in'],
    );
  });
});
