import { foldText } from './narrative/fold.js';
import { findNames } from './narrative/names.js';
import { findNumbers } from './narrative/numbers.js';
import { REDACTION_KINDS, type LabelledPerson, type LinkedPerson, type RedactionKind, type Replacement } from './narrative/types.js';
import { findWrittenBirthDates } from './narrative/written-dates.js';

export { NARRATIVE_ROLES, REDACTION_KINDS } from './narrative/types.js';
export type { LinkedPerson, NarrativeRole, RedactionKind } from './narrative/types.js';

/** A narrative with the linked persons' identifiers replaced, and how many of each kind were. */
export interface RedactedNarrative {
  readonly text: string;
  readonly counts: Readonly<Record<RedactionKind, number>>;
}

/** Labels per role, numbered in the order the persons are listed: `[victim 1]`, `[victim 2]`, `[suspect 1]`. */
function labelled(persons: readonly LinkedPerson[]): LabelledPerson[] {
  const seen = new Map<string, number>();
  return persons.map((person) => {
    const n = (seen.get(person.role) ?? 0) + 1;
    seen.set(person.role, n);
    return { ...person, label: `[${person.role} ${n}]` };
  });
}

/**
 * Free text with the identifiers of the persons linked to its record replaced by labels, for the
 * `redacted` disclosure mode of `text` fields (e.g. a case's narrative). Pure.
 *
 * Replaced, in both scripts and in the variants their authors write:
 * - names and nicknames → the person's role label (`[victim 1]`, `[suspect 2]`, `[witness 1]`,
 *   `[person 1]`): full names in either order, given names, nicknames; Latin in any case and with or
 *   without diacritics, Khmer with or without zero-width characters and in either coeng spelling
 *   (fold.ts, names.ts);
 * - their phones → `[phone]`, ID numbers → `[id]`, birth dates → `[date of birth]`, however grouped
 *   or spelt (+855, 00855, leading 0, Khmer digits; dates in digits or with the month in words);
 * - any other phone- or ID-shaped number → `[number]` (numbers.ts).
 *
 * Not caught (say so wherever the mode is offered): a person who is not linked to the record, a
 * description that identifies ("the village chief's son"), a family name written alone, a
 * misspelling beyond the variants above.
 *
 * `counts` says how many replacements of each kind were made, never what they replaced.
 *
 * @example
 * redactNarrative('Sok Dara (012 345 678) hit Chan Thy.', [
 *   { role: 'suspect', names: ['Sok Dara'], nicknames: [], phones: ['+85512345678'], nationalIds: [], datesOfBirth: [] },
 *   { role: 'victim', names: ['Chan Thy'], nicknames: [], phones: [], nationalIds: [], datesOfBirth: [] },
 * ]).text // '[suspect 1] ([phone]) hit [victim 1].'
 */
export function redactNarrative(text: string, linkedPersons: readonly LinkedPerson[]): RedactedNarrative {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const persons = labelled(linkedPersons);
  const replacements: Replacement[] = [...findWrittenBirthDates(text, persons)];
  replacements.push(...findNumbers(text, persons, replacements));
  const names = findNames(text, foldText(text), persons).filter((r) => !replacements.some((t) => t.start < r.end && r.start < t.end));
  replacements.push(...names);
  replacements.sort((a, b) => a.start - b.start);
  const counts = Object.fromEntries(REDACTION_KINDS.map((kind) => [kind, 0])) as Record<RedactionKind, number>;
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.label;
    at = r.end;
    counts[r.kind]++;
  }
  return { text: out + text.slice(at), counts };
}
