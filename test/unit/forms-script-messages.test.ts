import { describe, expect, it } from 'vitest';
import { fill, rateLimitedMessage, restoredMessage } from '../../src/scripts/forms/messages.ts';
import { formScriptSchema } from '../../src/schemas/data.ts';
import { WORDS } from './forms-script-support.ts';

describe('the form script’s words', () => {
  it('come from content/settings/forms.yml, checked by their schema', () => {
    expect(WORDS.sending).toBe('Sending your form…');
    expect(WORDS.continueButton).toBe('Continue');
    expect(WORDS.clearButton).toBe('Clear saved answers');
  });

  it('are refused when a placeholder the script fills in is lost', () => {
    const without = (key: keyof typeof WORDS, text: string) => formScriptSchema.safeParse({ ...WORDS, [key]: text });
    expect(without('rateLimited', 'Wait a while').error?.issues[0]?.message).toBe(
      'Keep {wait} in what to say when too many forms came from one connection: it is replaced by the real value',
    );
    expect(without('restoredAt', 'We filled them in on {date}.').error?.issues[0]?.message).toBe(
      'Keep {date} and {time} in the line saying when the answers filled in were typed: they are replaced by the real values',
    );
    expect(without('restoredAt', 'At {time} on {date}.').success).toBe(true);
    expect(without('sending', '   ').error?.issues[0]?.message).toBe(
      'Enter what is announced while the form is being sent',
    );
  });

  it('fill named placeholders and leave unknown ones as written', () => {
    expect(fill('Wait {wait}, {who}', { wait: '2 minutes' })).toBe('Wait 2 minutes, {who}');
  });

  it('say how long to wait in whole minutes, rounded up, one at least', () => {
    const wait = (seconds: number) => rateLimitedMessage(WORDS, seconds).match(/Wait (.+?), then/)?.[1];
    expect(wait(0)).toBe('1 minute');
    expect(wait(60)).toBe('1 minute');
    expect(wait(61)).toBe('2 minutes');
    expect(wait(600)).toBe('10 minutes');
    expect(rateLimitedMessage(WORDS, 120)).toBe(
      'Your form has not been sent because a lot of forms have come from your connection recently. Wait 2 minutes, then try again. Your answers are still here.',
    );
  });

  it('say when restored answers were typed, when that is known', () => {
    expect(restoredMessage(WORDS, new Date(2026, 11, 3, 14, 5))).toBe(
      'We have filled in the answers you typed on 3 December at 14:05.',
    );
    expect(restoredMessage(WORDS, null)).toBe('We have filled in the answers you typed before.');
  });
});
