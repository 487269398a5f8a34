import { describe, expect, it } from 'vitest';
import { nameIn } from './in-lang.js';

const EN = 'Contact tracing during an outbreak';
const KM = 'ការតាមដានអ្នកប៉ះពាល់ក្នុងពេលផ្ទុះជំងឺ';

describe('a name in the chosen language', () => {
  it('is the Khmer name in Khmer', () => {
    expect(nameIn('km', EN, KM)).toEqual({ text: KM, lang: 'km' });
  });

  it('falls back to English in Khmer where there is no Khmer name, marked as English', () => {
    expect(nameIn('km', EN, null)).toEqual({ text: EN, lang: 'en' });
    expect(nameIn('km', EN, undefined)).toEqual({ text: EN, lang: 'en' });
    expect(nameIn('km', EN, '  ')).toEqual({ text: EN, lang: 'en' });
  });

  it('is the English name in English, whatever the Khmer one', () => {
    expect(nameIn('en', EN, KM)).toEqual({ text: EN, lang: 'en' });
  });
});
