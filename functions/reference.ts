import { createHash } from 'node:crypto';

// References are read aloud and typed from emails, so the alphabet leaves out characters that look
// or sound alike: 0/O, 1/I/L, and U. 30 symbols, 8 of them: 6.5 × 10^11 references per form.
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PATTERN =
  /^(EOI|APP|AGR)-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;

export type RandomBytes = (size: number) => Uint8Array;

export const cryptoRandom: RandomBytes = (size) => crypto.getRandomValues(new Uint8Array(size));

/** Uniform symbols by rejection sampling: bytes ≥ 240 (8 × 30) are thrown away so no symbol is likelier. */
function symbols(count: number, random: RandomBytes): string {
  let out = '';
  while (out.length < count) {
    for (const byte of random(count * 2)) {
      if (byte < 240 && out.length < count) out += REFERENCE_ALPHABET[byte % 30];
    }
  }
  return out;
}

export function newReference(prefix: string, random: RandomBytes = cryptoRandom): string {
  const code = symbols(8, random);
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A link token: 32 random bytes, URL-safe. Only its hash is stored, so a leaked store holds no live links. */
export function newToken(random: RandomBytes = cryptoRandom): string {
  return Buffer.from(random(32)).toString('base64url');
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
