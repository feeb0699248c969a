import { describe, expect, it } from 'vitest';
import { savedAnswersSchema } from '../../src/scripts/forms/saved-store.ts';

describe('the saved answers’ shape', () => {
  it('is a record of strings and lists of strings', () => {
    const answers = { name: 'Sam', areas: ['Leadership'], agree: 'yes', empty: [] };
    expect(savedAnswersSchema.safeParse(answers)).toEqual({ success: true, data: answers });
  });

  it('refuses anything else, naming where', () => {
    expect(savedAnswersSchema.safeParse({ name: 3 })).toEqual({
      success: false,
      error: { issues: [{ path: ['name'] }] },
    });
    expect(savedAnswersSchema.safeParse({ areas: ['a', 1] })).toEqual({
      success: false,
      error: { issues: [{ path: ['areas'] }] },
    });
    for (const wrong of [null, 'text', ['a'], 4]) {
      expect(savedAnswersSchema.safeParse(wrong)).toEqual({ success: false, error: { issues: [{ path: [] }] } });
    }
  });
});
