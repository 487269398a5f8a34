import { longDate } from '../lib/dates.js';
import type { Rng } from '../lib/prng.js';

/** Khmer month names, January to December, as Khmer narratives write dates. */
const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];

/** ASCII digits → Khmer digits ០–៩. */
export function khmerDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x17e0 + Number(d)));
}

/** The given names of a full name written family name first: "Sok Dara" → "Dara". */
export function givenName(fullName: string): string {
  return fullName.split(' ').slice(1).join(' ');
}

/**
 * A phone number (E.164, +855…) as people write it in a narrative: with the trunk 0, grouped by
 * spaces or hyphens or not at all, in parentheses, with +855, or in Khmer digits.
 */
export function writePhone(rng: Rng, e164: string): string {
  const n = e164.slice(4);
  const [a, b, c] = [n.slice(0, 2), n.slice(2, 5), n.slice(5)];
  const forms = [`0${a} ${b} ${c}`, `0${a}-${b}-${c}`, `0${n}`, `(0${a}) ${b} ${c}`, `+855 ${a} ${b} ${c}`, `+855${n}`];
  return rng.chance(0.2) ? khmerDigits(`0${a} ${b} ${c}`) : rng.pick(forms);
}

/** A national ID number as written: in one run or grouped by three. */
export function writeId(rng: Rng, id: string): string {
  return rng.chance(0.5) ? id : `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
}

/** A birth date as written in English narratives: "02/11/1988" or "2 November 1988". */
export function writeBirthDate(rng: Rng, iso: string): string {
  return rng.chance(0.5) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : longDate(iso);
}

/** A date as Khmer narratives write it: ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៦. */
export function khmerDate(iso: string): string {
  return `ថ្ងៃទី${khmerDigits(String(Number(iso.slice(8, 10))))} ខែ${KHMER_MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ឆ្នាំ${khmerDigits(iso.slice(0, 4))}`;
}

/** A Khmer full name as typed: with a space, a zero-width space, or nothing between family and given name. */
export function writeKhmerName(rng: Rng, name: string): string {
  const r = rng.float();
  return r < 0.6 ? name : r < 0.8 ? name.replace(' ', '\u200b') : name.replace(' ', '');
}
