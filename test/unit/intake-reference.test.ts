import { describe, expect, it } from 'vitest';
import { hashToken, newReference, newToken, REFERENCE_ALPHABET, REFERENCE_PATTERN, TOKEN_PATTERN } from '../../functions/reference.ts';

describe('references', () => {
  it('look like EOI-7KQ3-M9TX, without characters that are easy to confuse', () => {
    for (let i = 0; i < 2000; i++) {
      const reference = newReference('EOI');
      expect(reference).toMatch(REFERENCE_PATTERN);
      expect(reference.slice(4)).not.toMatch(/[01OILU]/);
    }
    expect(REFERENCE_ALPHABET).toHaveLength(30);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OILU]/);
  });

  it('use every symbol of the alphabet, from crypto random, skipping biased bytes', () => {
    const bytes = [0, 29, 30, 239, 240, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const reference = newReference('APP', (size) => Uint8Array.from({ length: size }, (_, i) => bytes[i % bytes.length]!));
    // 240 and 255 are skipped; 0→'2', 29→'Z', 30→'2', 239→'Z' (239 % 30 = 29).
    expect(reference).toBe('APP-2Z2Z-3456');
  });

  it('differ from one submission to the next', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => newReference('AGR')));
    expect(seen.size).toBe(5000);
  });
});

describe('confirmation link tokens', () => {
  it('are 256 random bits, URL-safe, and stored only as a hash', () => {
    const token = newToken();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(newToken()).not.toBe(token);
  });
});
