import { blindIndex, openFieldText, sealField, type KeyRing } from '@need2know/crypto';
import type { RecordTypeDef } from '@need2know/schema';
import { computeFacets } from './facets.js';
import { searchValues } from './search-values.js';
import type { SealedRecord } from '../../store/ports/records.js';

export type { SealedRecord } from '../../store/ports/records.js';

/**
 * Seals a validated record for storage. Each sealed field's value is JSON-encoded and sealed under
 * its class key, bound to owner, type, id and field name (so a ciphertext moved to another field or
 * record does not open). Derived fields are never stored: they are computed when read.
 */
export function sealRecord(ring: KeyRing, owner: string, def: RecordTypeDef, record: Readonly<Record<string, unknown>>): SealedRecord {
  const id = record.id;
  if (typeof id !== 'string') throw new TypeError('record id missing');
  const sealed: Record<string, string> = {};
  const plain: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    const value = record[name];
    if (value === undefined || field.derived === true) continue;
    if (field.sealed)
      sealed[name] = sealField(ring, { owner, recordType: def.name, recordId: id, field: name, fieldClass: field.class }, JSON.stringify(value));
    else plain[name] = value;
  }
  const tags: Array<readonly [string, string]> = [];
  for (const search of Object.keys(def.searches)) {
    const values = searchValues(def, search, record);
    if (values !== null) tags.push([search, blindIndex(ring, { recordType: def.name, search }, values)]);
  }
  for (const [search, refId] of referencedIds(def, record)) tags.push([search, blindIndex(ring, { recordType: def.name, search }, [refId])]);
  return { sealed, plain, facets: computeFacets(def, record), tags, keyVersion: ring.currentVersion };
}

/** Prefix of the searches that find records by a record they reference (e.g. cases by person). */
export const REF_SEARCH_PREFIX = 'ref:';

/**
 * The ids a record references through `ref` fields, top-level or inside list items, each with its
 * search name (`ref:persons.person_id`): they let the gateway find the cases of a person without a
 * clear link table.
 */
export function referencedIds(def: RecordTypeDef, record: Readonly<Record<string, unknown>>): Array<readonly [string, string]> {
  const out = new Map<string, readonly [string, string]>();
  for (const [name, field] of Object.entries(def.fields)) {
    const value = record[name];
    if (field.kind === 'ref' && typeof value === 'string') out.set(`${name}|${value}`, [`${REF_SEARCH_PREFIX}${name}`, value]);
    if (field.kind === 'list' && field.items !== undefined && Array.isArray(value)) {
      for (const [itemName, item] of Object.entries(field.items)) {
        if (item.kind !== 'ref') continue;
        for (const entry of value as Record<string, unknown>[]) {
          const ref = entry[itemName];
          if (typeof ref === 'string') out.set(`${name}.${itemName}|${ref}`, [`${REF_SEARCH_PREFIX}${name}.${itemName}`, ref]);
        }
      }
    }
  }
  return [...out.values()];
}

/**
 * Opens the fields `fields` of a stored record (all when omitted). Throws the crypto package's
 * `CryptoError` when an envelope does not open: tampering or a swapped ciphertext is never silently
 * read as a value.
 */
export function openRecord(
  ring: KeyRing,
  def: RecordTypeDef,
  row: { readonly owner: string; readonly id: string; readonly sealed: Readonly<Record<string, string>>; readonly plain: Readonly<Record<string, unknown>> },
  fields?: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  for (const name of fields ?? Object.keys(def.fields)) {
    const field = def.fields[name];
    if (field === undefined) continue;
    if (Object.hasOwn(row.plain, name)) out[name] = row.plain[name];
    const envelope = row.sealed[name];
    if (envelope !== undefined) {
      out[name] = JSON.parse(
        openFieldText(ring, { owner: row.owner, recordType: def.name, recordId: row.id, field: name, fieldClass: field.class }, envelope),
      ) as unknown;
    }
  }
  return out;
}
