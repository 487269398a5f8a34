import { linkFieldsToOpen } from '@need2know/deidentify';
import type { DisclosureMode, RecordTypeDef } from '@need2know/schema';

/** Stored fields a derived field is computed from (see `deriveFields` in @need2know/schema). */
const DERIVED_FROM: Readonly<Record<string, readonly string[]>> = {
  minor: ['date_of_birth'],
};

/**
 * The stored fields to open so that `minimiseRecord` can apply `disclosure`: every disclosed stored
 * field, plus what some modes need beside the field itself, in declaration order:
 *
 * - a derived field (`minor`) → its inputs (`date_of_birth`);
 * - a field generalised to `criterion` (the offence) → `criterion`;
 * - a record's own media in `clear` (`photo_ref`) → `date_of_birth`, without which the photo is
 *   blurred as possibly a minor's;
 * - a text field `redacted` → the fields that link the record to its persons (`persons`), whose
 *   names and numbers are then read from their own records (`linkedPersonsOf`).
 *
 * Fields opened only as inputs are never disclosed: `minimiseRecord` releases what `disclosure` names.
 *
 * @example fieldsToOpen(person, { minor: 'predicate', photo_ref: 'clear', national_id: 'none' }) // ['date_of_birth', 'photo_ref']
 * @throws TypeError for a field the type does not declare.
 */
export function fieldsToOpen(def: RecordTypeDef, disclosure: Readonly<Record<string, DisclosureMode>>): string[] {
  const wanted = new Set<string>();
  for (const [name, mode] of Object.entries(disclosure)) {
    if (name === 'id' || mode === 'none') continue;
    const field = Object.hasOwn(def.fields, name) ? def.fields[name] : undefined;
    if (field === undefined) throw new TypeError(`${def.name} has no field ${name}`);
    if (field.derived === true) for (const input of DERIVED_FROM[name] ?? []) wanted.add(input);
    else wanted.add(name);
    if (mode === 'generalised' && field.generalise === 'criterion') wanted.add('criterion');
    if (mode === 'clear' && field.class === 'media' && field.kind !== 'list') wanted.add('date_of_birth');
    if (mode === 'redacted' && field.kind === 'text') for (const link of linkFieldsToOpen(def)) wanted.add(link);
  }
  return Object.keys(def.fields).filter((name) => wanted.has(name) && def.fields[name]?.derived !== true);
}
