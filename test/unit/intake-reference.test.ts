import { describe, expect, it } from 'vitest';
import {
  cryptoRandom,
  hashToken,
  newReference,
  newToken,
  REFERENCE_ALPHABET,
  REFERENCE_PATTERN,
  TOKEN_PATTERN,
} from '../../functions/reference.ts';

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
    const reference = newReference('APP', (size) =>
      Uint8Array.from({ length: size }, (_, i) => bytes[i % bytes.length]!),
    );
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

describe('the patterns that recognise references and links', () => {
  it('match a whole reference or token, nothing around it', () => {
    expect(
      ['EOI-2345-6789', 'APP-ZZZZ-2222', 'AGR-7KQ3-M9TX'].every((reference) => REFERENCE_PATTERN.test(reference)),
    ).toBe(true);
    for (const wrong of [
      'xEOI-2345-6789',
      'EOI-2345-67890',
      'EOI-2345-678',
      'ABC-2345-6789',
      'eoi-2345-6789',
      'EOI-2345-6O89',
    ]) {
      expect([wrong, REFERENCE_PATTERN.test(wrong)]).toEqual([wrong, false]);
    }
    const token = 'A'.repeat(43);
    expect([
      TOKEN_PATTERN.test(token),
      TOKEN_PATTERN.test(`${token}A`),
      TOKEN_PATTERN.test(`/${token}`),
      TOKEN_PATTERN.test(token.slice(1)),
    ]).toEqual([true, false, false, false]);
  });
});

describe('drawing symbols', () => {
  it('asks for more random bytes when every byte it got was biased', () => {
    const calls: number[] = [];
    const random = (size: number) => {
      calls.push(size);
      return new Uint8Array(size).fill(calls.length === 1 ? 250 : 3);
    };
    expect(newReference('EOI', random)).toBe('EOI-5555-5555');
    expect(calls).toEqual([16, 16]);
  });

  it('makes a link token from 32 bytes, and its hash with SHA-256', () => {
    expect(newToken((size) => new Uint8Array(size).fill(0xff))).toBe(`${'_'.repeat(42)}8`);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(cryptoRandom(5)).toHaveLength(5);
  });
});
