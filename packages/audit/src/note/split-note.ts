import { MAX_NOTE_SIGNATURES, NOTE_KEY_HASH_BYTES } from '../constants.js';
import { AuditError } from '../errors.js';
import { decodeBase64 } from '@need2know/crypto';
import { validKeyName, validNoteText } from './text.js';

/** One signature line of a signed note. */
export interface NoteSignature {
  readonly keyName: string;
  /** The 4-byte key hash that prefixes the signature. */
  readonly keyHash: Uint8Array;
  /** The signature proper (for Ed25519, 64 bytes). */
  readonly signature: Uint8Array;
}

/** c2sp.org/signed-note: each signature line starts with an em dash (U+2014) and a space. */
export const SIGNATURE_PREFIX = '\u2014 ';

/**
 * Splits a signed note into its text (ending in one newline) and its signature lines: the text
 * ends at the last blank line (c2sp.org/signed-note; as golang.org/x/mod/sumdb/note). Internal.
 *
 * @throws AuditError `ERR_MALFORMED` for anything that is not a signed note.
 */
export function splitNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new AuditError('ERR_MALFORMED', 'note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!validNoteText(text) || !validNoteText(block)) throw new AuditError('ERR_MALFORMED', 'note is not newline-terminated UTF-8 without control characters');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new AuditError('ERR_MALFORMED', 'note has too many signatures');
  const signatures = lines.map((line) => {
    // c2sp.org/signed-note: "— <key name> <base64 signature>"
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new AuditError('ERR_MALFORMED', 'signature line does not start with an em dash');
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const keyName = rest.slice(0, space);
    const sig = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
    if (!validKeyName(keyName) || sig === undefined || sig.length <= NOTE_KEY_HASH_BYTES)
      throw new AuditError('ERR_MALFORMED', 'signature line is not "— <name> <base64>"');
    return { keyName, keyHash: sig.slice(0, NOTE_KEY_HASH_BYTES), signature: sig.slice(NOTE_KEY_HASH_BYTES) };
  });
  return { text, signatures };
}
