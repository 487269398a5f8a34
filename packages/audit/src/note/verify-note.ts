import { AuditError } from '../errors.js';
import { equalBytes } from '../lib/bytes.js';
import { ed25519Verify } from './ed25519.js';
import { noteKeyHash } from './key-hash.js';
import { resolveVerifierKey } from './keys.js';
import type { VerifierKey } from './keys.js';
import { splitNote } from './split-note.js';

const encoder = new TextEncoder();

/**
 * Verifies a signed note against one key and returns its text. Signatures by other keys (e.g.
 * witness cosignatures) are ignored, as c2sp.org/signed-note asks.
 *
 * @throws AuditError `ERR_MALFORMED` if the note is malformed or carries two signatures by the
 * key; `ERR_SIGNATURE` if no signature by the key verifies.
 */
export async function verifyNote(note: string, key: VerifierKey): Promise<string> {
  if (typeof note !== 'string') throw new TypeError('verifyNote: note must be a string');
  const { keyName, publicKey } = resolveVerifierKey(key);
  const { text, signatures } = splitNote(note);
  const keyHash = noteKeyHash(keyName, publicKey);
  // c2sp.org/signed-note: a signature is by this key only if both name and key hash match.
  const ours = signatures.filter((s) => s.keyName === keyName && equalBytes(s.keyHash, keyHash));
  if (ours.length > 1) throw new AuditError('ERR_MALFORMED', 'note carries more than one signature by the key');
  const sig = ours[0];
  if (sig === undefined || !(await ed25519Verify(publicKey, encoder.encode(text), sig.signature))) {
    throw new AuditError('ERR_SIGNATURE', 'note has no valid signature by the expected key');
  }
  return text;
}
