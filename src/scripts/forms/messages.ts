import type { FormScriptWords } from '../../schemas/data.ts';

// The script's own words come from content/settings/forms.yml, in the page's form data; here they get
// their values filled in. Only the type is imported: no zod reaches the browser from here.

export type { FormScriptWords };

/** Replaces each `{name}` with its value; the schema makes sure the words keep them. */
export const fill = (words: string, values: Record<string, string>): string =>
  words.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** "Wait 2 minutes": the server's Retry-After seconds, rounded up to whole minutes (at least one). */
export function rateLimitedMessage(words: FormScriptWords, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const wait = minutes === 1 ? words.oneMinute : fill(words.minutes, { count: String(minutes) });
  return fill(words.rateLimited, { wait });
}

/** The line over restored answers: when they were typed, if the saved copy says. */
export function restoredMessage(words: FormScriptWords, savedAt: Date | null): string {
  if (!savedAt) return words.restored;
  return fill(words.restoredAt, {
    date: savedAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' }),
    time: savedAt.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
  });
}
