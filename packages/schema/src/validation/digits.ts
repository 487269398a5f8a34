const KHMER_DIGIT_ZERO = 0x17e0;

/**
 * Khmer digits (០–៩, U+17E0–U+17E9) replaced by ASCII digits. Phone numbers and ID numbers are often
 * typed in Khmer numerals; both spellings must index and compare the same.
 */
export function toAsciiDigits(value: string): string {
  return value.replace(/[\u17e0-\u17e9]/g, (d) => String.fromCharCode(48 + d.charCodeAt(0) - KHMER_DIGIT_ZERO));
}
