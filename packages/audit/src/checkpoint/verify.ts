import type { VerifierKey } from '../note/keys.js';
import { verifyNote } from '../note/verify-note.js';
import { parseCheckpoint } from './parse.js';
import type { Checkpoint } from './types.js';

/**
 * Verifies a signed checkpoint note against the log's key and returns the checkpoint it commits
 * to. Only a checkpoint returned from here may be relied on.
 *
 * @throws AuditError `ERR_MALFORMED` if the note or body is malformed; `ERR_SIGNATURE` if no
 * signature by the key verifies.
 */
export async function verifyCheckpoint(note: string, key: VerifierKey): Promise<Checkpoint> {
  return parseCheckpoint(await verifyNote(note, key));
}
