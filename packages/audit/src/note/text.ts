/** Text rules shared by signed notes and checkpoints (c2sp.org/signed-note). Internal. */

const WELL_FORMED = (s: string): boolean => !/\p{Cs}/u.test(s);

/**
 * c2sp.org/signed-note: "Key names must be non-empty, well-formed UTF-8 containing neither Unicode
 * spaces nor plus (U+002B)".
 */
export function validKeyName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && WELL_FORMED(name) && !/[\s\p{Zs}+]/u.test(name) && !/\p{Cc}/u.test(name);
}

/**
 * c2sp.org/signed-note: the note text "must be valid UTF-8 and must not contain any ASCII control
 * characters (below U+0020) other than newline (U+000A). It must have a final newline."
 */
export function validNoteText(text: string): boolean {
  return text.endsWith('\n') && WELL_FORMED(text) && !/[\u0000-\u0009\u000b-\u001f]/.test(text);
}
