/**
 * The text trace mark: a view id written in invisible characters inside every rendered value, so a
 * copied value still names the view it was copied from.
 *
 * A mark is FRAME, 36 symbols, FRAME: the 8 bytes of the view id and a CRC-8, two bits per symbol,
 * most significant first. Every character is a Unicode default-ignorable format character, drawn
 * as nothing by browsers and kept by copy and paste. They are chosen to change nothing else: the
 * invisible operators U+2061–U+2064 and the word joiner U+2060 are transparent to Arabic joining,
 * offer no line break (U+200B would let a name wrap mid-word) and are not word boundaries (a
 * double-click still selects the whole word); unlike U+200C/U+200D they do not change how Khmer,
 * Indic or Arabic letters join.
 */
import { crc8 } from './crc.js';
import { bytesToViewId, VIEW_ID_BYTES, viewIdToBytes } from './view-id.js';

/** Opens and closes a mark: WORD JOINER. */
export const MARK_FRAME = '\u2060';

/** The four data symbols, value 0–3: FUNCTION APPLICATION, INVISIBLE TIMES, INVISIBLE SEPARATOR, INVISIBLE PLUS. */
export const MARK_SYMBOLS = ['\u2061', '\u2062', '\u2063', '\u2064'] as const;

/** Symbols in a mark: (8 id bytes + 1 CRC byte) × 8 bits / 2 bits per symbol. */
const MARK_SYMBOL_COUNT = ((VIEW_ID_BYTES + 1) * 8) / 2;

/** Characters a mark adds to a value (UTF-16 code units; every one is in the BMP). */
export const MARK_LENGTH = MARK_SYMBOL_COUNT + 2;

/**
 * A long value is marked again every this many graphemes (about a line of text), so that a piece
 * cut out of a long narrative still carries a whole mark.
 */
export const MARK_INTERVAL_GRAPHEMES = 48;

const MARK_ALPHABET = new RegExp(`[${MARK_FRAME}${MARK_SYMBOLS.join('')}]`, 'gu');
const MARK_PATTERN = new RegExp(`${MARK_FRAME}([${MARK_SYMBOLS.join('')}]{${MARK_SYMBOL_COUNT}})${MARK_FRAME}`, 'gu');

/**
 * Code points that join the next letter into the same written syllable even where Unicode's
 * grapheme rules (or an older ICU) put a cluster boundary: Khmer coeng, Myanmar and Tai Tham
 * stackers, Indic and Balinese/Javanese viramas, and ZWNJ/ZWJ. A mark is never placed after one.
 */
const JOINS_NEXT = /[\u094D\u09CD\u0A4D\u0ACD\u0B4D\u0BCD\u0C4D\u0CCD\u0D4D\u0DCA\u1039\u17D2\u1A60\u1B44\uA9C0\u200C\u200D]$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The invisible mark for `viewId` alone (`MARK_LENGTH` characters). Throws `TypeError` for a malformed view id. */
export function textMark(viewId: string): string {
  const bytes = new Uint8Array(VIEW_ID_BYTES + 1);
  bytes.set(viewIdToBytes(viewId));
  bytes[VIEW_ID_BYTES] = crc8(bytes.subarray(0, VIEW_ID_BYTES));
  let symbols = '';
  for (const b of bytes) for (let shift = 6; shift >= 0; shift -= 2) symbols += MARK_SYMBOLS[(b >> shift) & 3];
  return MARK_FRAME + symbols + MARK_FRAME;
}

/**
 * `text` without trace marks: every character marks are made of (U+2060–U+2064) is removed, so no
 * stray one can run into a new mark. These characters draw as nothing, so the text looks the same.
 */
export function stripTextMarks(text: string): string {
  return text.replace(MARK_ALPHABET, '');
}

/**
 * `text` as the viewer renders it for view `viewId`: the mark after the first grapheme (after the
 * only one in a one-grapheme value), and again every `MARK_INTERVAL_GRAPHEMES` graphemes of a long
 * value. Marks go only between grapheme clusters and never after a coeng or virama, so no cluster
 * or written syllable is split. Marks the text already carries (and any stray character of the mark
 * alphabet, see `stripTextMarks`) are removed first, so marking twice gives the same result as
 * marking once, and re-marking for another view leaves only its id. An empty value stays empty.
 *
 * @example markText('Sok Dara', 'AQID-vv8_f4') // 'S' + textMark('AQID-vv8_f4') + 'ok Dara'
 */
export function markText(text: string, viewId: string): string {
  const mark = textMark(viewId);
  const clean = stripTextMarks(text);
  const clusters = Array.from(graphemes.segment(clean), (s) => s.segment);
  if (clusters.length === 0) return clean;
  let out = '';
  let marks = 0;
  let due = 1; // graphemes to emit before the next mark
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i] as string;
    out += cluster;
    due--;
    if (due > 0 || JOINS_NEXT.test(cluster)) continue;
    // A mark at the very end helps only a value that has none yet (a one-grapheme value).
    if (i === clusters.length - 1 && marks > 0) continue;
    out += mark;
    marks++;
    due = MARK_INTERVAL_GRAPHEMES;
  }
  // Every cluster joined its successor: mark at the start, which is always a safe boundary.
  return marks > 0 ? out : mark + out;
}

/**
 * The distinct view ids (first seen first) whose marks appear whole in `sample`, a piece of leaked
 * text. A mark is accepted only with its frame, all 36 symbols and a matching CRC-8, so ordinary
 * text — including text with stray invisible characters — yields nothing.
 */
export function decodeTextMarks(sample: string): string[] {
  const found = new Set<string>();
  for (const match of sample.matchAll(MARK_PATTERN)) {
    const symbols = match[1] as string;
    const bytes = new Uint8Array(VIEW_ID_BYTES + 1);
    for (let i = 0; i < MARK_SYMBOL_COUNT; i++) {
      const value = MARK_SYMBOLS.indexOf(symbols[i] as (typeof MARK_SYMBOLS)[number]);
      bytes[i >> 2] = ((bytes[i >> 2] as number) << 2) | value;
    }
    const id = bytes.subarray(0, VIEW_ID_BYTES);
    if (crc8(id) === bytes[VIEW_ID_BYTES]) found.add(bytesToViewId(id));
  }
  return [...found];
}
