import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacter } from './text.js';

describe('hasForbiddenCharacter', () => {
  it.each([
    ['Latin', 'Sok Dara'],
    ['Khmer with vowel signs and coeng', 'ស្រីមុំ ព្រំ'],
    ['Khmer with a zero-width space between words', 'ភូមិ\u200bព្រែកលៀប'],
    ['Khmer with zero-width non-joiner and joiner', 'ក\u200cខ\u200dគ'],
    ['Khmer bantoc, robat and signs', 'សង្កាត់ ព្រះ ឬស្សី ៗ ។'],
    ['Khmer digits', '០១២៣៤៥៦៧៨៩'],
    ['accents and emoji', 'Café 👮'],
  ])('allows %s', (_label, value) => {
    expect(hasForbiddenCharacter(value, false)).toBe(false);
    expect(hasForbiddenCharacter(value, true)).toBe(false);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['bell', 'a\u0007'],
    ['escape', '\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['C1 control', 'a\u0085'],
    ['right-to-left override', 'abc\u202edcba'],
    ['isolate', '\u2066x\u2069'],
    ['byte-order mark', '\ufeffSok'],
    ['line separator', 'a\u2028b'],
    ['lone surrogate', 'a\ud800b'],
  ])('refuses %s everywhere', (_label, value) => {
    expect(hasForbiddenCharacter(value, false)).toBe(true);
    expect(hasForbiddenCharacter(value, true)).toBe(true);
  });

  it('allows tabs and line breaks in text only', () => {
    for (const value of ['line one\nline two', 'a\r\nb', 'a\tb']) {
      expect(hasForbiddenCharacter(value, false)).toBe(true);
      expect(hasForbiddenCharacter(value, true)).toBe(false);
    }
  });
});
