// Passphrase encryption for tool exports, so a confidential record can move between devices as a
// file that is useless to anyone without the passphrase. Web Crypto only (browsers and Node 24
// both have globalThis.crypto.subtle), so it is tested in node exactly as it runs in the page.
//
// File format (JSON): { app, tool, version, kdf: { name, hash, iterations, salt }, cipher, iv, ciphertext }
// - key: PBKDF2-HMAC-SHA-256 over the passphrase with a random 16-byte salt, 310,000 iterations
//   (the OWASP 2023 figure for PBKDF2-SHA-256), giving an AES-GCM 256-bit key;
// - AES-GCM with a random 12-byte IV; the header line `app/tool/version` is authenticated as
//   additional data, so editing the tool or version in the file also fails the check;
// - salt, iv and ciphertext are base64; the plaintext is the tool's versioned JSON (the same
//   envelope storage.ts saves), which the caller checks after decrypting.
import { z } from 'zod/mini';
import type { RecordToolWords, ToolsSharedWords } from '../../schemas/tools.ts';
import { fill } from '../../lib/words.ts';

export const KDF_ITERATIONS = 310_000;
// Decrypting follows the file's own count, within bounds: a smaller count means a file we did not
// write, and a huge one would freeze the page.
const MAX_KDF_ITERATIONS = 5_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
export const MIN_PASSPHRASE_LENGTH = 10;

/**
 * The words for passphrases (the record's) and for files (the shared ones storage.ts uses too, so
 * every tool's import speaks alike), from content/tools/.
 */
export type CryptoWords = Pick<
  RecordToolWords,
  'passphraseTooShort' | 'passphrasesDiffer' | 'passphraseMissing' | 'wrongPassphrase'
> &
  Pick<ToolsSharedWords, 'thisFile' | 'cutShort' | 'notOurs' | 'newer'>;

export type DecryptFailure = 'passphrase-missing' | 'wrong-passphrase' | 'damaged' | 'foreign' | 'newer';

export type DecryptResult =
  | { ok: true; version: number; plaintext: string }
  | { ok: false; reason: DecryptFailure; message: string };

export interface FileIdentity {
  /** Which site wrote the file. */
  app: string;
  /** Which tool's data is inside, e.g. 'coaching-record'. */
  tool: string;
  /** How the tool is named in messages, e.g. 'coaching record'. */
  label: string;
}

const base64 = z.string().check(z.regex(/^[A-Za-z0-9+/]+={0,2}$/));

const encryptedFileSchema = z.object({
  app: z.string(),
  tool: z.string(),
  version: z.number().check(z.int(), z.positive()),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().check(z.int(), z.gte(KDF_ITERATIONS), z.lte(MAX_KDF_ITERATIONS)),
    salt: base64,
  }),
  cipher: z.literal('AES-GCM'),
  iv: base64,
  ciphertext: base64,
});
export type EncryptedFile = z.infer<typeof encryptedFileSchema>;

/** Field errors for choosing a new passphrase, or none when both entries are acceptable. */
export function checkNewPassphrase(
  passphrase: string,
  confirmation: string,
  words: Pick<CryptoWords, 'passphraseTooShort' | 'passphrasesDiffer'>,
) {
  const errors: { passphrase?: string; confirmation?: string } = {};
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    errors.passphrase = fill(words.passphraseTooShort, { min: MIN_PASSPHRASE_LENGTH });
  else if (confirmation !== passphrase) errors.confirmation = words.passphrasesDiffer;
  return errors;
}

/** Encrypts `plaintext` (the tool's versioned data as text) and returns the file's text. */
export async function encryptToFile(
  plaintext: string,
  passphrase: string,
  { app, tool, version }: Omit<FileIdentity, 'label'> & { version: number },
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(passphrase, salt, KDF_ITERATIONS, ['encrypt']);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: header(app, tool, version) },
    key,
    new TextEncoder().encode(plaintext),
  );
  const file: EncryptedFile = {
    app,
    tool,
    version,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: KDF_ITERATIONS, salt: toBase64(salt) },
    cipher: 'AES-GCM',
    iv: toBase64(iv),
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  };
  return JSON.stringify(file, null, 2);
}

/**
 * Reads a file written by encryptToFile. Never throws: every failure comes back as a reason with
 * the words to show, so the caller can leave its stored data untouched.
 */
export async function decryptFile(
  text: string,
  passphrase: string,
  { app, tool, label, newestVersion, words }: FileIdentity & { newestVersion: number; words: CryptoWords },
): Promise<DecryptResult> {
  const fail = (reason: DecryptFailure, message: string): DecryptResult => ({ ok: false, reason, message });
  const about = { subject: words.thisFile, tool: label };
  const messages = {
    damaged: fill(words.cutShort, about),
    foreign: fill(words.notOurs, about),
    newer: fill(words.newer, about),
    passphraseMissing: words.passphraseMissing,
    wrongPassphrase: words.wrongPassphrase,
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Half a file of ours is damaged; anything else (a PDF, a Word file) simply is not ours.
    return text.includes(`"${app}"`) ? fail('damaged', messages.damaged) : fail('foreign', messages.foreign);
  }
  // Identity first, so a planner export or any other JSON is named as the wrong file, not a damaged one.
  if (!isObject(json) || json.app !== app || json.tool !== tool) {
    return fail('foreign', messages.foreign);
  }
  if (typeof json.version === 'number' && Number.isInteger(json.version) && json.version > newestVersion) {
    return fail('newer', messages.newer);
  }
  const file = encryptedFileSchema.safeParse(json);
  if (!file.success) return fail('damaged', messages.damaged);
  if (passphrase.length === 0) return fail('passphrase-missing', messages.passphraseMissing);

  const { kdf, version } = file.data;
  const salt = fromBase64(kdf.salt);
  const iv = fromBase64(file.data.iv);
  const ciphertext = fromBase64(file.data.ciphertext);
  // 16 bytes is the AES-GCM tag alone; anything shorter was cut off.
  if (salt?.length !== SALT_BYTES || iv?.length !== IV_BYTES || !ciphertext || ciphertext.length < 16) {
    return fail('damaged', messages.damaged);
  }
  let plaintext: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, salt, kdf.iterations, ['decrypt']);
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: header(app, tool, version) },
      key,
      ciphertext,
    );
  } catch {
    // AES-GCM cannot tell a wrong key from altered bytes: both fail the authentication tag.
    return fail('wrong-passphrase', messages.wrongPassphrase);
  }
  try {
    return { ok: true, version, plaintext: new TextDecoder('utf-8', { fatal: true }).decode(plaintext) };
  } catch {
    return fail('damaged', messages.damaged);
  }
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number, usages: KeyUsage[]) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    usages,
  );
}

const header = (app: string, tool: string, version: number) => new TextEncoder().encode(`${app}/${tool}/${version}`);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes, or undefined when the text is not valid base64. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
