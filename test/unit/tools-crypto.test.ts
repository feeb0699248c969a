import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNewPassphrase, decryptFile, encryptToFile, KDF_ITERATIONS } from '../../src/scripts/tools/crypto';
import { recordWords, sharedWords } from './tool-words.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tools-record/${name}`, import.meta.url), 'utf8');
const identity = { app: 'coaching-scheme-hub', tool: 'coaching-record', label: 'coaching record' };
const words = { ...sharedWords, ...recordWords };
const reader = { ...identity, newestVersion: 1, words };
// The messages as the page shows them, from content/tools/ (shared.yml and record.yml).
const cryptoMessages = {
  wrongPassphrase: recordWords.wrongPassphrase,
  damaged: 'This file is damaged: it has been cut short or changed, so it cannot be read',
};
const PASSPHRASE = 'correct horse battery staple';
const SECRET = JSON.stringify({ note: 'Confidential marker: the coachee wants to lead case conferences' });

const fromBase64 = (text: string) => Buffer.from(text, 'base64');

describe('locking a record in a file with a passphrase', () => {
  it('opens again with the same passphrase, giving back exactly what went in', async () => {
    const file = await encryptToFile(SECRET, PASSPHRASE, { ...identity, version: 1 });
    expect(await decryptFile(file, PASSPHRASE, reader)).toEqual({ ok: true, version: 1, plaintext: SECRET });
  });

  it('writes the documented format: PBKDF2-SHA-256 with 310,000 rounds and a 16-byte salt, AES-GCM with a 12-byte IV', async () => {
    const file = JSON.parse(await encryptToFile(SECRET, PASSPHRASE, { ...identity, version: 1 }));
    expect(Object.keys(file).sort()).toEqual(['app', 'cipher', 'ciphertext', 'iv', 'kdf', 'tool', 'version']);
    expect(file).toMatchObject({ app: 'coaching-scheme-hub', tool: 'coaching-record', version: 1, cipher: 'AES-GCM' });
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 310_000 });
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(310_000);
    expect(fromBase64(file.kdf.salt)).toHaveLength(16);
    expect(fromBase64(file.iv)).toHaveLength(12);
    // The text plus AES-GCM's 16-byte authentication tag.
    expect(fromBase64(file.ciphertext)).toHaveLength(new TextEncoder().encode(SECRET).length + 16);
  });

  it('never shows the words it locks, and uses a fresh salt and IV every time', async () => {
    const first = await encryptToFile(SECRET, PASSPHRASE, { ...identity, version: 1 });
    const second = await encryptToFile(SECRET, PASSPHRASE, { ...identity, version: 1 });
    expect(first).not.toContain('Confidential marker');
    expect(first).not.toContain('case conferences');
    const [a, b] = [JSON.parse(first), JSON.parse(second)];
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('still opens a file exported by an earlier build (the format is stable)', async () => {
    const result = await decryptFile(fixture('exported-v1.json'), PASSPHRASE, reader);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.parse(result.plaintext)).toMatchObject({
      app: 'coaching-scheme-hub',
      tool: 'coaching-record',
      version: 1,
      data: { coachee: 'Fixture coachee', goals: [{ id: 'g1', name: 'Fixture goal' }] },
    });
  });
});

describe('opening a file that cannot be opened says why', () => {
  const failure = (reason: string, message: string) => ({ ok: false, reason, message });

  it('a wrong passphrase', async () => {
    expect(await decryptFile(fixture('exported-v1.json'), 'correct horse battery stable', reader)).toEqual(
      failure('wrong-passphrase', 'The passphrase is wrong, or the file has been changed'),
    );
  });

  it('a file whose locked text has been changed, even by one byte', async () => {
    const file = JSON.parse(fixture('exported-v1.json'));
    const bytes = fromBase64(file.ciphertext);
    bytes[10] = bytes[10]! ^ 1;
    file.ciphertext = bytes.toString('base64');
    expect(await decryptFile(JSON.stringify(file), PASSPHRASE, reader)).toEqual(
      failure('wrong-passphrase', cryptoMessages.wrongPassphrase),
    );
  });

  it('a file whose version label was edited (the header is authenticated too)', async () => {
    const file = JSON.parse(await encryptToFile(SECRET, PASSPHRASE, { ...identity, version: 2 }));
    file.version = 1;
    expect(await decryptFile(JSON.stringify(file), PASSPHRASE, { ...reader, newestVersion: 2 })).toEqual(
      failure('wrong-passphrase', cryptoMessages.wrongPassphrase),
    );
  });

  it('a file cut short', async () => {
    expect(await decryptFile(fixture('exported-v1-truncated.json'), PASSPHRASE, reader)).toEqual(
      failure('damaged', 'This file is damaged: it has been cut short or changed, so it cannot be read'),
    );
  });

  it('a file with parts missing or not valid', async () => {
    const complete = JSON.parse(fixture('exported-v1.json'));
    const broken = [
      { ...complete, kdf: undefined },
      { ...complete, iv: 'not base64!' },
      { ...complete, iv: 'AAAA' },
      { ...complete, ciphertext: 'QUJD' },
      { ...complete, kdf: { ...complete.kdf, iterations: 1000 } },
      { ...complete, kdf: { ...complete.kdf, hash: 'SHA-1' } },
    ];
    for (const file of broken) {
      expect(await decryptFile(JSON.stringify(file), PASSPHRASE, reader)).toEqual(
        failure('damaged', cryptoMessages.damaged),
      );
    }
  });

  it('another tool’s export, any other JSON, or a file that is not JSON at all', async () => {
    const foreign = failure('foreign', 'This file is not a Coaching Scheme Hub coaching record export');
    expect(await decryptFile(fixture('planner-export.json'), PASSPHRASE, reader)).toEqual(foreign);
    expect(await decryptFile(fixture('random.json'), PASSPHRASE, reader)).toEqual(foreign);
    expect(await decryptFile('%PDF-1.7 binary stuff', PASSPHRASE, reader)).toEqual(foreign);
    expect(await decryptFile('[1,2,3]', PASSPHRASE, reader)).toEqual(foreign);
  });

  it('a file from a newer version of the tool', async () => {
    expect(await decryptFile(fixture('exported-v2-newer.json'), PASSPHRASE, reader)).toEqual(
      failure(
        'newer',
        'This file was made by a newer version of the coaching record. Reload this page to get the latest version, then try again',
      ),
    );
  });

  it('no passphrase', async () => {
    expect(await decryptFile(fixture('exported-v1.json'), '', reader)).toEqual(
      failure('passphrase-missing', 'Enter the passphrase for this file'),
    );
  });
});

describe('choosing a passphrase', () => {
  it('needs at least 10 characters', () => {
    expect(checkNewPassphrase('too short', 'too short', words)).toEqual({
      passphrase: 'Enter a passphrase of at least 10 characters',
    });
  });
  it('needs the same passphrase twice', () => {
    expect(checkNewPassphrase('long enough words', 'long enough word', words)).toEqual({
      confirmation: 'Enter the same passphrase twice',
    });
  });
  it('accepts 10 characters entered twice', () => {
    expect(checkNewPassphrase('ten chars!', 'ten chars!', words)).toEqual({});
  });
});
