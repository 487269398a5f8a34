import { discloseGeneralised, discloseMasked, disclosePseudonym, ID_FIELD, pseudonymiseId } from '@need2know/deidentify';
import { deriveFields, isCalendarDate, isDisclosureMode, type DisclosureMode, type FieldDef, type RecordTypeDef } from '@need2know/schema';
import { discloseClear } from './clear.js';
import type { MinimiseContext } from './context.js';
import { discloseMedia, holdsMedia } from './media.js';
import { disclosePredicate } from './predicate.js';
import { discloseRedactedText } from './redacted-text.js';

export type { MinimiseContext } from './context.js';

/** Disclosure modes a record's `id` may take: it always goes out (the partner refers back with it), in clear or pseudonymised. */
const ID_MODES: readonly DisclosureMode[] = ['clear', 'pseudonym'];

function checkContext(ctx: MinimiseContext): void {
  if (typeof ctx !== 'object' || ctx === null) throw new TypeError('ctx must be a MinimiseContext');
  if (typeof ctx.today !== 'string' || !isCalendarDate(ctx.today)) throw new TypeError('ctx.today must be a calendar date YYYY-MM-DD');
  if (typeof ctx.agency !== 'string' || ctx.agency.length === 0) throw new TypeError('ctx.agency must be a non-empty string');
  if (typeof ctx.mediaUnblurred !== 'boolean') throw new TypeError('ctx.mediaUnblurred must be a boolean');
}

/** The record's stored fields plus its derived ones as of today (a stored value never stands in for a derived one). */
function withDerived(def: RecordTypeDef, record: Readonly<Record<string, unknown>>, id: string, today: string): Readonly<Record<string, unknown>> {
  const stored: { id: string; [field: string]: unknown } = { ...record, id };
  for (const [name, field] of Object.entries(def.fields)) if (field.derived === true) delete stored[name];
  return deriveFields(def, stored, today);
}

function discloseField(
  def: RecordTypeDef,
  name: string,
  field: FieldDef,
  mode: Exclude<DisclosureMode, 'none'>,
  source: Readonly<Record<string, unknown>>,
  ctx: MinimiseContext,
): unknown {
  const value = source[name];
  switch (mode) {
    case 'clear':
      return discloseClear(name, field, value, source, ctx);
    case 'masked':
      return discloseMasked(name, field, value);
    case 'generalised':
      return discloseGeneralised(name, field, value, source, ctx);
    case 'pseudonym':
      return disclosePseudonym(def.name, name, field, value, ctx);
    case 'predicate':
      return disclosePredicate(name, field, value, ctx.today);
    case 'redacted':
    case 'blurred':
      // Media modes here; a text field's `redacted` (role labels for the linked persons) is not media.
      if (mode === 'redacted' && field.kind === 'text') return discloseRedactedText(name, field, value, String(source['id']), ctx);
      if (holdsMedia(field)) return discloseMedia(name, field, value, source, mode, ctx);
      throw new TypeError(`${def.name}.${name}: no ${mode} disclosure for this field`);
  }
}

/**
 * What a partner may receive of an opened record under a purpose: `{ id, ...disclosed fields }`.
 * Pure: no I/O, no clock (`ctx.today` is the day).
 *
 * - The `id` always goes out, so the partner can refer back to the record. A purpose that maps the
 *   key `id` to `pseudonym` gets it pseudonymised under (`def.name`, `id`): for `person` records
 *   that is the scope of every `person_id` in pseudonymised cases, so they link within an agency.
 * - A field absent from `disclosure`, or mapped to `none`, is left out; so is a field whose value is
 *   absent, or whose mode has nothing to say about it (a `criterion` predicate, an offence
 *   generalised without its `criterion`).
 * - Derived fields (`minor`) are computed from their inputs as of `ctx.today`, never read from the record.
 * - Modes, with the files that define them: `clear` (media of minors, victims, witnesses and
 *   restrained people redacted unless `ctx.mediaUnblurred`: clear.ts, media.ts), `redacted` and
 *   `blurred` (media: media.ts; `redacted` free text, with `ctx.linkedPersons`: redacted-text.ts), `masked` (mask.ts),
 *   `generalised` (generalise.ts, dates.ts), `pseudonym` (pseudonymise.ts), `predicate` (predicate.ts).
 *
 * Open the fields `fieldsToOpen` (fields-to-open.ts) lists, not only the disclosed ones: `minor` needs the birth
 * date, a generalised offence needs the criterion, a clear photo needs the birth date to be shown
 * unblurred.
 *
 * @example
 * minimiseRecord(person, { id: 'P-1', name_latin: 'Sok Chanthy', phone: '+85512345412', date_of_birth: '2010-03-01', address },
 *   { name_latin: 'masked', phone: 'masked', minor: 'predicate', address: 'generalised', national_id: 'none' }, ctx)
 * // { id: 'P-1', name_latin: 'S** C******', phone: '+855 ** *** 412', minor: true, address: { province, district, commune } }
 * @throws TypeError for a programming error: a field the type does not declare, a mode the field does
 *   not declare, an `id` mode other than clear or pseudonym, a bad `ctx`, or a value not of its kind.
 *   Messages name the field and mode, never a value.
 */
export function minimiseRecord(
  def: RecordTypeDef,
  record: Readonly<Record<string, unknown>>,
  disclosure: Readonly<Record<string, DisclosureMode>>,
  ctx: MinimiseContext,
): Record<string, unknown> {
  checkContext(ctx);
  const id = record['id'];
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('record id missing');
  const idMode = Object.hasOwn(disclosure, ID_FIELD) ? disclosure[ID_FIELD] : 'clear';
  if (idMode === undefined || !ID_MODES.includes(idMode)) throw new TypeError('id may only be clear or pseudonym');

  const source = withDerived(def, record, id, ctx.today);
  const out: Record<string, unknown> = { id: idMode === 'pseudonym' ? pseudonymiseId(def.name, id, ctx) : id };
  for (const [name, mode] of Object.entries(disclosure)) {
    if (name === ID_FIELD) continue;
    const field = Object.hasOwn(def.fields, name) ? def.fields[name] : undefined;
    if (field === undefined) throw new TypeError(`${def.name} has no field ${name}`);
    if (!isDisclosureMode(mode)) throw new TypeError(`${def.name}.${name}: not a disclosure mode`);
    if (mode === 'none') continue;
    if (!field.modes.includes(mode)) throw new TypeError(`${def.name}.${name} does not allow ${mode}`);
    const value = discloseField(def, name, field, mode, source, ctx);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
