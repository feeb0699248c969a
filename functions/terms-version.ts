import { createHash } from 'node:crypto';
import { termsText, type Terms } from './forms/terms.ts';

/**
 * Which terms were agreed: the first 12 hex digits of the SHA-256 of their text. The text itself is
 * kept with the submission and sent to workforce development, so the version can always be checked.
 */
export const termsVersion = (terms: Terms) => createHash('sha256').update(termsText(terms)).digest('hex').slice(0, 12);

/** The copy of the terms stored with a submission. */
export interface AgreedTerms {
  version: string;
  terms: Terms;
}

export const agreedTerms = (terms: Terms): AgreedTerms => ({ version: termsVersion(terms), terms });
