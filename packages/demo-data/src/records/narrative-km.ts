import type { Rng } from '../lib/prng.js';
import type { Participant } from './case.js';
import { khmerDate, khmerDigits, writeKhmerName, writePhone } from './writing.js';

/** What the Khmer paragraph is written from. */
export interface KhmerFacts {
  readonly occurredOn: string;
  readonly suspects: readonly Participant[];
  readonly victims: readonly Participant[];
  readonly witnesses: readonly Participant[];
}

/** A person as a Khmer narrative names them: adults by name (and nickname), minors by age only. */
function named(rng: Rng, person: Participant): string {
  if (person.age < 18) return `ក្មេងអាយុ ${khmerDigits(String(person.age))} ឆ្នាំ`;
  const name = writeKhmerName(rng, person.nameKm);
  return person.nickname !== undefined && rng.chance(0.7) ? `ឈ្មោះ ${name} ហៅ ${person.nickname.km}` : `ឈ្មោះ ${name}`;
}

/**
 * A short Khmer summary such as police write under the English account: when, who against whom,
 * and the phone numbers of those who gave them. Names as typed (with or without a space or a
 * zero-width space between family and given name), digits Khmer or ASCII; minors never named.
 */
export function khmerParagraph(rng: Rng, facts: KhmerFacts): string {
  const [suspect] = facts.suspects;
  const [victim] = facts.victims;
  const [witness] = facts.witnesses;
  const who = suspect === undefined ? 'ជនមិនស្គាល់មុខម្នាក់' : `ជនសង្ស័យ${named(rng, suspect)}`;
  const whom = victim === undefined ? 'ប្រជាពលរដ្ឋម្នាក់' : `ជនរងគ្រោះ${named(rng, victim)}`;
  const sentences = [`កាលពី${khmerDate(facts.occurredOn)} ${who} បានប្រព្រឹត្តបទល្មើសលើ${whom} ។`];
  if (victim !== undefined && victim.age >= 18 && victim.phone !== undefined && rng.chance(0.5))
    sentences.push(`ជនរងគ្រោះបានទូរស័ព្ទមកប៉ូលិសពីលេខ ${writePhone(rng, victim.phone)} ។`);
  if (witness !== undefined) {
    const phone = witness.age >= 18 && witness.phone !== undefined && rng.chance(0.6) ? ` លេខទូរស័ព្ទ ${writePhone(rng, witness.phone)}` : '';
    sentences.push(`សាក្សី${named(rng, witness)}${phone} បានផ្តល់ចម្លើយ ។`);
  }
  if (suspect !== undefined && suspect.age >= 18 && rng.chance(0.4))
    sentences.push(`${suspect.nickname === undefined ? writeKhmerName(rng, suspect.nameKm) : suspect.nickname.km} បានរត់គេចខ្លួន ។`);
  return sentences.join(' ');
}
