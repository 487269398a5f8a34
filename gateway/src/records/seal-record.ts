import { blindIndex, openFieldText, sealField, type KeyRing } from '@need2know/crypto';
import type { RecordTypeDef } from '@need2know/schema';
import { computeFacets } from './facets.js';
import { searchValues } from './search-values.js';

/** A record as it is stored: sealed fields, clear fields, facets and blind-index tags. */
export interface SealedRecord {
  readonly sealed: Record<string, string>;
  readonly plain: Record<string, unknown>;
  readonly facets: Record<string, unknown>;
  /** Blind-index tag per search the record can be found by. */
  readonly tags: Record<string, string>;
  readonly keyVersion: number;
}

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
    if (field.sealed) sealed[name] = sealField(ring, { owner, recordType: def.name, recordId: id, field: name, fieldClass: field.class }, JSON.stringify(value));
    else plain[name] = value;
  }
  const tags: Record<string, string> = {};
  for (const search of Object.keys(def.searches)) {
    const values = searchValues(def, search, record);
    if (values !== null) tags[search] = blindIndex(ring, { recordType: def.name, search }, values);
  }
  return { sealed, plain, facets: computeFacets(def, record), tags, keyVersion: ring.currentVersion };
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
      out[name] = JSON.parse(openFieldText(ring, { owner: row.owner, recordType: def.name, recordId: row.id, field: name, fieldClass: field.class }, envelope)) as unknown;
    }
  }
  return out;
}
