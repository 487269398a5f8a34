import { describe, expect, it } from 'vitest';
import { AuditError } from '../errors.js';
import { decodeBase64, encodeBase64 } from '@need2know/crypto';
import { decodeHex } from '@need2know/crypto';
import { noteKeyHash } from '../note/key-hash.js';
import { ed25519NoteSigner, formatVerifierKey, generateNoteKey, parseVerifierKey } from '../note/keys.js';
import { signNote } from '../note/sign-note.js';
import { verifyNote } from '../note/verify-note.js';
import { formatCheckpoint } from './format.js';
import { parseCheckpoint } from './parse.js';
import { signCheckpoint } from './sign.js';
import { verifyCheckpoint } from './verify.js';

/**
 * Known answer from golang.org/x/mod/sumdb/note (the reference signed-note implementation, in its
 * package documentation): Ed25519 is deterministic, so the same key and text give this exact note.
 */
const GO_SKEY_B64 = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'; // from PRIVATE+KEY+PeterNeumann+c74f20a3+…
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

/** c2sp.org/signed-note, "Verifier keys" example. */
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

/** c2sp.org/tlog-checkpoint example body. */
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const goSeed = (): Uint8Array => (decodeBase64(GO_SKEY_B64) as Uint8Array).slice(1);

async function reject(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuditError);
  expect((err as AuditError).code).toBe(code);
}

describe('signed notes (c2sp.org/signed-note)', () => {
  it('reproduces the Go reference note byte for byte', async () => {
    const signer = await ed25519NoteSigner('PeterNeumann', goSeed());
    expect(formatVerifierKey('PeterNeumann', signer.publicKey)).toBe(GO_VKEY);
    expect(await signNote(GO_TEXT, signer)).toBe(GO_NOTE);
    expect(await verifyNote(GO_NOTE, GO_VKEY)).toBe(GO_TEXT);
  });

  it('verifies the spec example and derives its key hash', async () => {
    const { keyName, publicKey } = parseVerifierKey(SPEC_VKEY);
    expect(noteKeyHash(keyName, publicKey)).toEqual(decodeHex('530d903a'));
    expect(await verifyNote(SPEC_NOTE, SPEC_VKEY)).toBe('This is an example message.\n');
    await reject(verifyNote(SPEC_NOTE.replace('example message', 'example massage'), SPEC_VKEY), 'ERR_SIGNATURE');
  });

  it('refuses a vkey whose hash does not match', () => {
    expect(() => parseVerifierKey(SPEC_VKEY.replace('530d903a', '530d903b'))).toThrow(AuditError);
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const root = decodeHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328') as Uint8Array;

  it('formats the spec example body byte for byte and parses it back', () => {
    const parsed = parseCheckpoint(SPEC_BODY);
    expect(parsed.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.size).toBe(20852163);
    expect(formatCheckpoint(parsed)).toBe(SPEC_BODY);
  });

  it('round-trips with extension lines', () => {
    const cp = { origin: 'gateway.example.gov/need2know/audit', size: 8, root, extensions: ['Timestamp: 1700000000'] };
    expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
  });

  it('emits the exact signed-note layout', async () => {
    const signer = await ed25519NoteSigner('PeterNeumann', goSeed());
    const body = formatCheckpoint({ origin: 'example.com/audit', size: 8, root });
    const note = await signCheckpoint(body, signer);
    const keyHash = noteKeyHash('PeterNeumann', signer.publicKey);
    expect(body).toBe(
      'example.com/audit\n8\nXcnaeacGWamtVZy3Ad7Zoqudgjqq3OTUm2u8jO/l/Q0=\n'.replace('XcnaeacGWamtVZy3Ad7Zoqudgjqq3OTUm2u8jO/l/Q0=', encodeBase64(root)),
    );
    expect(note).toMatch(/^example\.com\/audit\n8\n[A-Za-z0-9+/]{43}=\n\n\u2014 PeterNeumann [A-Za-z0-9+/]{91}=\n$/);
    const sig = decodeBase64(note.split(' ').pop()?.trim() ?? '') as Uint8Array;
    expect(sig.length).toBe(68);
    expect(sig.slice(0, 4)).toEqual(keyHash);
    expect(new TextEncoder().encode(note).slice(body.length + 1, body.length + 4)).toEqual(Uint8Array.of(0xe2, 0x80, 0x94)); // U+2014 in UTF-8
  });

  it('verifies with the right key and refuses wrong key, edited body, edited size', async () => {
    const key = await generateNoteKey('example.com/audit');
    const other = await generateNoteKey('example.com/audit');
    const signer = await ed25519NoteSigner('example.com/audit', key.seed);
    const note = await signCheckpoint(formatCheckpoint({ origin: 'example.com/audit', size: 8, root }), signer);

    expect((await verifyCheckpoint(note, key.vkey)).size).toBe(8);
    expect((await verifyCheckpoint(note, { keyName: 'example.com/audit', publicKey: key.publicKey })).root).toEqual(root);
    await reject(verifyCheckpoint(note, other.vkey), 'ERR_SIGNATURE');
    await reject(verifyCheckpoint(note, { keyName: 'example.com/other', publicKey: key.publicKey }), 'ERR_SIGNATURE');
    await reject(verifyCheckpoint(note.replace('\n8\n', '\n9\n'), key.vkey), 'ERR_SIGNATURE');
    await reject(verifyCheckpoint(note.replace('example.com/audit\n', 'example.com/audiT\n'), key.vkey), 'ERR_SIGNATURE');
    await reject(verifyCheckpoint(note.replace('\n8\n', '\n08\n'), key.vkey), 'ERR_SIGNATURE'); // signature is checked before the body is parsed
    await reject(verifyCheckpoint(note.replace('\n\n', '\n'), key.vkey), 'ERR_MALFORMED');
    const line = note.slice(note.indexOf('\u2014'));
    await reject(verifyCheckpoint(note + line, key.vkey), 'ERR_MALFORMED');
  });

  it('refuses malformed bodies', () => {
    for (const bad of [
      '',
      'o\n1\n',
      `o\n01\n${encodeBase64(root)}\n`,
      'o\n-1\nAAAA\n',
      `o\n1\n${encodeBase64(root)}`,
      `\n1\n${encodeBase64(root)}\n`,
      `o\n1\n${encodeBase64(root.slice(1))}\n`,
      `o\n1\n${encodeBase64(root)}\n\u0007\n`,
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(AuditError);
    }
  });
});

describe('FORMAT.md example', () => {
  it('verifies under its vkey', async () => {
    const note =
      'example.gov/need2know/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u2014 example.gov/need2know/audit NyW1k/NOZaYdPXyZ43ANDLUByG4n/+hE452PJydOVtHMMijBrmfG+v8Q9X7oqYTHbbYCCdfQNDITxUETlgf7ZiIFwQI=\n';
    const cp = await verifyCheckpoint(note, 'example.gov/need2know/audit+3725b593+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(cp.size).toBe(8);
  });
});
