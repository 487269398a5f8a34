import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTextMarks, MARK_FRAME, MARK_INTERVAL_GRAPHEMES, MARK_LENGTH, MARK_SYMBOLS, markText, stripTextMarks, textMark } from './text.js';
import { bytesToViewId } from './view-id.js';

const viewIds = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(bytesToViewId);
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clusters = (s: string) => Array.from(segmenter.segment(s), (x) => x.segment);
const INVISIBLE = [MARK_FRAME, ...MARK_SYMBOLS, '\u200B', '\u200C', '\u200D', '\uFEFF'];
/** Text mixing Latin, Khmer (with coeng stacks), Devanagari, emoji sequences and invisible characters. */
const mixedText = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      ' ',
      '7',
      'ក',
      '្',
      'រ',
      'ស',
      'ី',
      'ុ',
      'ា',
      'ះ',
      'ៗ',
      'क',
      '्',
      'ष',
      'ि',
      'é',
      '\u0301',
      '👩',
      '\u200D',
      '🇰',
      '🇭',
      '\n',
      ...INVISIBLE,
    ),
  )
  .map((parts) => parts.join(''));

const A = 'AQID-vv8_f4';
const B = 'zzzzzzzzzzw';

describe('textMark', () => {
  it('is the frame, 36 symbols and the frame, all invisible format characters', () => {
    const mark = textMark(A);
    expect(mark).toHaveLength(MARK_LENGTH);
    expect(MARK_LENGTH).toBe(38);
    expect(mark.startsWith(MARK_FRAME) && mark.endsWith(MARK_FRAME)).toBe(true);
    expect(/^\p{Cf}+$/u.test(mark)).toBe(true);
    // 0x01 = 0b00_00_00_01: the first byte's four symbols, most significant bits first.
    expect(mark.slice(1, 5)).toBe(MARK_SYMBOLS[0] + MARK_SYMBOLS[0] + MARK_SYMBOLS[0] + MARK_SYMBOLS[1]);
  });

  it('refuses ids the gateway never issues', () => {
    for (const bad of ['', 'AQID-vv8_f', 'AQID-vv8_f4x', 'AQID-vv8_f5', 'AQID+vv8_f4', 'AQID-vv8_f=']) {
      expect(() => textMark(bad)).toThrow(TypeError);
      expect(() => markText('x', bad)).toThrow(TypeError);
    }
  });
});

describe('markText', () => {
  it('puts the mark after the first grapheme and leaves the visible text alone', () => {
    expect(markText('Sok Dara', A)).toBe(`S${textMark(A)}ok Dara`);
    expect(markText('x', A)).toBe(`x${textMark(A)}`);
    expect(markText('', A)).toBe('');
    expect(markText('👩‍👩‍👧 family', A)).toBe(`👩‍👩‍👧${textMark(A)} family`);
  });

  it('never splits a Khmer syllable, even where grapheme rules would allow it', () => {
    // ក្រ (KA, COENG, RO) is one written syllable; older ICU puts a cluster break before RO.
    expect(markText('ក្រសួង', A)).toBe(`ក្រ${textMark(A)}សួង`);
    expect(markText('ស្ត្រី', A)).toBe(`ស្ត្រី${textMark(A)}`);
    // A stray coeng at the end joins nothing after it, yet the mark still goes nowhere near it.
    expect(markText('ក្', A)).toBe(`${textMark(A)}ក្`);
  });

  it('marks a long value again every MARK_INTERVAL_GRAPHEMES graphemes, so any line-long cut carries a mark', () => {
    const long = 'ការស៊ើបអង្កេតករណីលួចម៉ូតូនៅភូមិ '.repeat(12);
    const marked = markText(long, A);
    const expected = Math.ceil((clusters(long).length - 1) / MARK_INTERVAL_GRAPHEMES);
    expect(marked.split(textMark(A)).length - 1).toBe(expected);
    // Any window of MARK_INTERVAL_GRAPHEMES + 1 visible graphemes, cut anywhere, names the view.
    const pieces = clusters(marked);
    const visible = pieces.map((p, i) => [p, i] as const).filter(([p]) => !/^\p{Cf}$/u.test(p));
    for (let start = 0; start + MARK_INTERVAL_GRAPHEMES + 1 <= visible.length; start += 7) {
      const from = (visible[start] as readonly [string, number])[1];
      const to = (visible[start + MARK_INTERVAL_GRAPHEMES] as readonly [string, number])[1];
      expect(decodeTextMarks(pieces.slice(from, to + 1).join(''))).toEqual([A]);
    }
  });

  it('is idempotent, and re-marking for another view leaves only that view', () => {
    fc.assert(
      fc.property(mixedText, viewIds, viewIds, (text, a, b) => {
        const once = markText(text, a);
        expect(markText(once, a)).toBe(once);
        expect(markText(once, b)).toBe(markText(text, b));
        expect(stripTextMarks(once)).toBe(stripTextMarks(text));
      }),
    );
  });

  it('keeps every grapheme cluster of any text, Khmer included, whole and in order', () => {
    fc.assert(
      fc.property(mixedText, viewIds, (text, id) => {
        const clean = stripTextMarks(text);
        const marked = clusters(markText(text, id)).filter((c) => !(c === MARK_FRAME || (MARK_SYMBOLS as readonly string[]).includes(c)));
        expect(marked).toEqual(clusters(clean));
      }),
    );
  });
});

describe('decodeTextMarks', () => {
  it('round-trips any view id through any text', () => {
    fc.assert(
      fc.property(mixedText, viewIds, (text, id) => {
        expect(decodeTextMarks(markText(text, id))).toEqual(text === '' || stripTextMarks(text) === '' ? [] : [id]);
      }),
    );
  });

  it('finds every view in a sample pasted together from several values, each once', () => {
    const sample = `Name: ${markText('Sok Dara', A)}\nPhone: ${markText('+855 12 345 678', B)}\nName again: ${markText('Sok Dara', A)}`;
    expect(decodeTextMarks(sample)).toEqual([A, B]);
  });

  it('survives the value being cut, as long as the mark is inside the cut', () => {
    const marked = markText('Chan Sreypov', A);
    expect(decodeTextMarks(marked.slice(0, 1 + MARK_LENGTH + 3))).toEqual([A]);
    expect(decodeTextMarks(marked.slice(0, MARK_LENGTH))).toEqual([]); // the closing frame is missing
  });

  it('never reads a view out of text with stray invisible characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', 'ក', ...INVISIBLE), { maxLength: 400 }), (chars) => {
        expect(decodeTextMarks(chars.join(''))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a well-framed mark whose checksum does not match', () => {
    const mark = textMark(A);
    let rejected = 0;
    for (let i = 1; i < mark.length - 1; i++) {
      for (const symbol of MARK_SYMBOLS) {
        if (mark[i] === symbol) continue;
        const altered = mark.slice(0, i) + symbol + mark.slice(i + 1);
        expect(decodeTextMarks(altered)).not.toContain(A);
        if (decodeTextMarks(altered).length === 0) rejected++;
      }
    }
    // CRC-8 catches every single-symbol change (any error burst of at most 8 bits).
    expect(rejected).toBe(36 * 3);
  });

  it('is not fooled by retyped text: the marks are simply gone', () => {
    const retyped = stripTextMarks(markText('Sok Dara', A));
    expect(retyped).toBe('Sok Dara');
    expect(decodeTextMarks(retyped)).toEqual([]);
  });
});
