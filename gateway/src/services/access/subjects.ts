import { pseudonym, type KeyRing } from '@need2know/crypto';
import { recordType, referencedPersons } from '@need2know/schema';

/**
 * Scope of the keyed hashes that name people in the audit trail and the rate limiters. Agency ids
 * start with a letter or digit, so no agency's pseudonym scope can collide with `_audit`.
 */
const AUDIT_SCOPE = { agency: '_audit', recordType: 'person', field: 'id' } as const;

/**
 * The people a disclosed record is about, by the links its type declares (see `personLinks`): a
 * person record itself, the persons a case names. A record that names no person record (a health
 * case, which names its patient by national ID; a discipline record) stands for its subject as
 * `type:id`, so non-person ids never collide with person ids; the subject access report finds those
 * records by the national ID they hold.
 */
export function subjectIds(type: string, record: Readonly<Record<string, unknown>>): string[] {
  const id = String(record.id);
  const def = recordType(type);
  const persons = def === undefined ? [] : referencedPersons(def, { ...record, id });
  return persons.length === 0 ? [`${type}:${id}`] : persons;
}

/** Keyed hashes of subject ids: stable, unlinkable to the ids without the gateway's key. */
export function subjectHashes(ring: KeyRing, ids: readonly string[]): string[] {
  return [...new Set(ids)].map((id) => pseudonym(ring, AUDIT_SCOPE, id));
}
