import { pseudonym, type KeyRing } from '@need2know/crypto';

/**
 * Scope of the keyed hashes that name people in the audit trail and the rate limiters. Agency ids
 * start with a letter or digit, so no agency's pseudonym scope can collide with `_audit`.
 */
const AUDIT_SCOPE = { agency: '_audit', recordType: 'person', field: 'id' } as const;

/**
 * The people a disclosed record is about: a person record itself, the persons involved in a case,
 * the patient of a health case, the officer of a discipline record. Ids of non-person records are
 * prefixed with their type, so they never collide with person ids.
 */
export function subjectIds(type: string, record: Readonly<Record<string, unknown>>): string[] {
  const id = String(record.id);
  switch (type) {
    case 'person':
      return [id];
    case 'case': {
      const persons = Array.isArray(record.persons) ? (record.persons as { person_id?: unknown }[]) : [];
      const ids = persons.map((p) => p.person_id).filter((p): p is string => typeof p === 'string');
      return ids.length === 0 ? [`case:${id}`] : ids;
    }
    default:
      return [`${type}:${id}`];
  }
}

/** Keyed hashes of subject ids: stable, unlinkable to the ids without the gateway's key. */
export function subjectHashes(ring: KeyRing, ids: readonly string[]): string[] {
  return [...new Set(ids)].map((id) => pseudonym(ring, AUDIT_SCOPE, id));
}
