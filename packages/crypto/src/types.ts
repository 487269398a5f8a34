/**
 * Where a sealed field lives. Every member is bound into the additional data of the field's
 * envelope, so an envelope opens only with the exact context it was sealed with.
 *
 * All members are non-empty, well-formed strings of at most 255 UTF-8 bytes; `fieldClass` matches
 * `[a-z_]{1,32}` (the schema's classes: identity, contact, location, demographic, case, narrative,
 * media, health, personnel).
 */
export interface FieldContext {
  /** Data owner (agency) the record belongs to, e.g. `police`. */
  readonly owner: string;
  /** Record type from the schema, e.g. `person`. */
  readonly recordType: string;
  /** Stable id of the record. */
  readonly recordId: string;
  /** Field name, or path for list items (e.g. `blacklist.0.reference`). */
  readonly field: string;
  /** Key class the schema declares for the field; selects the sealing key. */
  readonly fieldClass: string;
}

/** Which blind index a value set belongs to: one key per record type and search name. */
export interface BlindIndexScope {
  /** Record type from the schema, e.g. `person`. */
  readonly recordType: string;
  /** Search name from the record type's `searches`, e.g. `name_dob`. */
  readonly search: string;
}

/** Whose pseudonym a value gets: one key per receiving agency, bound to the record type and field. */
export interface PseudonymScope {
  /** Receiving agency (partner) id: pseudonyms are stable for it and unlinkable across agencies. */
  readonly agency: string;
  /** Record type from the schema, e.g. `person`. */
  readonly recordType: string;
  /** Field name, e.g. `phone`, or `id` for the record id. */
  readonly field: string;
}
