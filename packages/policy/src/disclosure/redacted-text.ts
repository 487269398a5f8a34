import { redactNarrative, type RedactedNarrative } from '@need2know/deidentify';
import type { FieldDef } from '@need2know/schema';
import type { MinimiseContext } from './context.js';

/**
 * A `text` field disclosed `redacted`: `{ text, counts }`, the text with the identifiers of the
 * persons linked to the record replaced by labels and how many of each kind were (see
 * redact-narrative.ts). The linked persons come from `ctx.linkedPersons` for the record's id; a
 * context without them for this record is a programming error and throws, never an unredacted text.
 *
 * @example discloseRedactedText('narrative', narrativeDef, 'Sok Dara fled.', 'C-1', { ...ctx, linkedPersons: () => [suspect] })
 * // { text: '[suspect 1] fled.', counts: { suspect: 1, … } }
 * @throws TypeError for a field that is not free text, a value that is not a string, or missing linked persons.
 */
export function discloseRedactedText(name: string, field: FieldDef, value: unknown, recordId: string, ctx: MinimiseContext): RedactedNarrative | undefined {
  if (field.kind !== 'text') throw new TypeError(`${name} is not free text`);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  const linked = ctx.linkedPersons?.(recordId);
  if (linked === undefined) throw new TypeError(`${name}: redacted needs the persons linked to the record`);
  return redactNarrative(value, linked);
}
