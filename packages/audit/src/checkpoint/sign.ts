import type { NoteSigner } from '../note/keys.js';
import { signNote } from '../note/sign-note.js';
import { parseCheckpoint } from './parse.js';

/**
 * Signs a checkpoint body (from `formatCheckpoint`) and returns the signed note
 * (c2sp.org/tlog-checkpoint over c2sp.org/signed-note).
 *
 * @example
 * ```ts
 * const signer = await ed25519NoteSigner('example.gov/audit', seed);
 * const note = await signCheckpoint(formatCheckpoint({ origin, size, root }), signer);
 * ```
 */
export async function signCheckpoint(body: string, signer: NoteSigner): Promise<string> {
  if (typeof body !== 'string' || body.includes('\n\n')) throw new TypeError('signCheckpoint: pass the checkpoint body, not a signed note');
  parseCheckpoint(body); // refuse to sign anything that is not a checkpoint body
  return signNote(body, signer);
}
