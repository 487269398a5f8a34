import { ED25519_SIGNATURE_BYTES } from '../constants.js';
import { concat } from '../lib/bytes.js';
import { encodeBase64 } from '@need2know/crypto';
import { noteKeyHash } from './key-hash.js';
import type { NoteSigner } from './keys.js';
import { SIGNATURE_PREFIX } from './split-note.js';
import { validNoteText } from './text.js';

const encoder = new TextEncoder();

/**
 * Signs note text and returns the signed note: the text, a blank line and
 * `— <key name> <base64(key hash ‖ signature)>\n` (c2sp.org/signed-note).
 */
export async function signNote(text: string, signer: NoteSigner): Promise<string> {
  if (typeof text !== 'string' || !validNoteText(text) || text.includes('\n\n')) {
    throw new TypeError('signNote: text must be newline-terminated, without blank lines or control characters');
  }
  const keyHash = noteKeyHash(signer.keyName, signer.publicKey);
  const signature = await signer.sign(encoder.encode(text)); // c2sp.org/signed-note: the signed message is the note text
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_BYTES)
    throw new TypeError('signNote: signer must return a 64-byte signature');
  return `${text}\n${SIGNATURE_PREFIX}${signer.keyName} ${encodeBase64(concat(keyHash, signature))}\n`;
}
