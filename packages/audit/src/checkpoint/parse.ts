import { HASH_BYTES, MAX_TREE_SIZE } from '../constants.js';
import { AuditError } from '../errors.js';
import { decodeBase64 } from '@need2know/crypto';
import { splitNote } from '../note/split-note.js';
import { validNoteText } from '../note/text.js';
import type { Checkpoint } from './types.js';

/** c2sp.org/tlog-checkpoint: the size is ASCII decimal with no leading zeros. */
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/**
 * Parses a checkpoint body, or a whole signed note (its signatures are ignored — this does NOT
 * verify them; use `verifyCheckpoint` for anything you rely on).
 *
 * @throws AuditError `ERR_MALFORMED` if the text is not a c2sp.org/tlog-checkpoint body.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string') throw new TypeError('parseCheckpoint: text must be a string');
  const body = text.includes('\n\n') ? splitNote(text).text : text;
  if (!validNoteText(body)) throw new AuditError('ERR_MALFORMED', 'checkpoint text is not newline-terminated UTF-8 without control characters');
  const lines = body.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || origin.length === 0) throw new AuditError('ERR_MALFORMED', 'checkpoint has no origin line');
  if (sizeText === undefined || !DECIMAL.test(sizeText)) throw new AuditError('ERR_MALFORMED', 'checkpoint size is not a decimal without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size) || size > MAX_TREE_SIZE) throw new AuditError('ERR_MALFORMED', 'checkpoint size is too large');
  const root = rootText === undefined ? undefined : decodeBase64(rootText);
  if (root === undefined || root.length !== HASH_BYTES) throw new AuditError('ERR_MALFORMED', 'checkpoint root is not base64 of 32 bytes');
  if (extensions.some((l) => l.length === 0)) throw new AuditError('ERR_MALFORMED', 'checkpoint has an empty extension line');
  return extensions.length > 0 ? { origin, size, root, extensions } : { origin, size, root };
}
