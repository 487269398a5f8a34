import { normaliseDate, normaliseName, normaliseNationalId, normalisePhone, pseudonym, type KeyRing } from '@need2know/crypto';
import type { FieldDef, FieldKind } from '@need2know/schema';
import { discloseItems } from './items.js';

/** Who a pseudonym is for: the key ring it is derived under and the receiving agency, its scope. */
export interface PseudonymScope {
  /** The gateway's key ring. */
  readonly ring: KeyRing;
  /** The receiving agency: its pseudonyms are stable for it and unlinkable across agencies. */
  readonly agency: string;
}

/** The field under which record ids, and references to them, are pseudonymised. */
export const ID_FIELD = 'id';

/**
 * The normal form a value is pseudonymised in: the blind indexes' normaliser for its kind, so that
 * two spellings a search treats as one value (`Sok Dara`, `SOK  DARA`) get one pseudonym.
 */
function normalForm(kind: FieldKind, value: string): string {
  switch (kind) {
    case 'national_id':
      return normaliseNationalId(value);
    case 'phone':
      return normalisePhone(value);
    case 'date':
      return normaliseDate(value);
    default:
      return normaliseName(value);
  }
}

/**
 * Pseudonym of the id of a record of type `recordType` for `ctx.agency`. A record's own id (when a
 * purpose maps `id` to `pseudonym`) and every reference to it use this one scope, so an agency sees
 * the same pseudonym for a person in the person record and in every case that names them.
 *
 * @example pseudonymiseId('person', 'P-000123', ctx) // 'psn_…', equal to the `person_id` in pseudonymised cases
 */
export function pseudonymiseId(recordType: string, id: string, ctx: PseudonymScope): string {
  return pseudonym(ctx.ring, { agency: ctx.agency, recordType, field: ID_FIELD }, id);
}

function pseudonymiseOne(recordType: string, path: string, field: FieldDef, value: unknown, ctx: PseudonymScope): string {
  if (typeof value !== 'string') throw new TypeError(`${path} must be a string to be pseudonymised`);
  if (field.kind === 'ref') {
    if (field.refType === undefined) throw new TypeError(`${path} declares no refType`);
    return pseudonymiseId(field.refType, value, ctx);
  }
  return pseudonym(ctx.ring, { agency: ctx.agency, recordType, field: path }, normalForm(field.kind, value));
}

/**
 * A field disclosed as a per-agency pseudonym (`psn_` and 22 characters, see `pseudonym` in
 * @need2know/crypto): stable for `ctx.agency`, unrelated for any other agency.
 *
 * - strings, phones, national IDs: pseudonym of the normalised value, scoped to (`recordType`, field);
 * - references: pseudonym of the referenced record's id, scoped to (`refType`, `id`);
 * - a list: each item's pseudonymisable fields, others as the list allows (so `persons` becomes
 *   `[{ person_id: 'psn_…', role: 'suspect' }]`, the same `psn_…` in every case naming that person).
 *
 * @example disclosePseudonym('case', 'case_number', caseNumberDef, 'PP-2026-0001', ctx) // 'psn_…'
 * @throws TypeError when a value is not a string or a reference names no type.
 */
export function disclosePseudonym(recordType: string, path: string, field: FieldDef, value: unknown, ctx: PseudonymScope): unknown {
  if (value === undefined || value === null) return undefined;
  if (field.kind === 'list') {
    return discloseItems(path, field, value, 'pseudonym', (itemField, itemValue, itemPath) => pseudonymiseOne(recordType, itemPath, itemField, itemValue, ctx));
  }
  return pseudonymiseOne(recordType, path, field, value, ctx);
}
