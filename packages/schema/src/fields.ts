import type { DisclosureMode } from './modes.js';

/**
 * Key classes: each sealed field is encrypted under a key derived for its class (and key version),
 * so that a compromise or rotation of one class does not touch the others.
 */
export const FIELD_CLASSES = ['identity', 'contact', 'location', 'demographic', 'case', 'narrative', 'media', 'health', 'personnel'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

/** The value shapes a field can take. Each shape has its own validation and its own generalisations. */
export type FieldKind =
  | 'string' // short free text (names, numbers)
  | 'text' // long free text (narratives)
  | 'national_id' // Cambodian national ID number, normalised to digits
  | 'phone' // E.164, +855…
  | 'date' // ISO 8601 calendar date YYYY-MM-DD
  | 'enum' // one of `values`
  | 'integer'
  | 'boolean'
  | 'place' // { province, district, commune, village? } codes of the administrative hierarchy
  | 'ref' // id of another record (`refType`)
  | 'list'; // list of objects described by `items`

/** Declaration of one field of a record type. Adding a record type means writing these, not storage code. */
export interface FieldDef {
  readonly kind: FieldKind;
  /** Key class for sealing; irrelevant when `sealed` is false. */
  readonly class: FieldClass;
  /** Sealed at rest with the field AEAD. Unsealed fields are coarse facts needed for statistics. */
  readonly sealed: boolean;
  /** Required on ingest. */
  readonly required: boolean;
  /** Blind-indexed for equality search (keyed, truncated HMAC of the normalised value). */
  readonly indexed?: boolean;
  /** Disclosure modes a purpose may choose for this field (`none` is always allowed). */
  readonly modes: readonly DisclosureMode[];
  /** Allowed values for `enum` fields. */
  readonly values?: readonly string[];
  /** Referenced record type for `ref` fields. */
  readonly refType?: string;
  /** Item fields for `list` fields. */
  readonly items?: Readonly<Record<string, FieldDef>>;
  /**
   * How the `generalised` mode coarsens the value; set on every field whose `modes` include
   * `generalised` (for a list, on its item fields). Dates: `year`, `age_band` (five-year band of the
   * age today, for birth dates), calendar `month` (YYYY-MM) or ISO `week` (YYYY-Www). Places: keep
   * the `commune`, `district` or `province` and drop the levels below. `criterion`: the case's
   * safe-village criterion number and title instead of the specific offence.
   */
  readonly generalise?: 'year' | 'age_band' | 'month' | 'week' | 'commune' | 'district' | 'province' | 'criterion';
  /** Computed by the gateway from other fields (e.g. `minor` from `date_of_birth`); never ingested. */
  readonly derived?: boolean;
  /** Maximum length in characters for string-like kinds. */
  readonly maxLength?: number;
  /** Inclusive bounds for `integer` fields. */
  readonly range?: readonly [number, number];
  /** One-line description for documentation and the console. */
  readonly description: string;
}

/** A record type: its fields, who owns it, and which field combinations are searchable. */
export interface RecordTypeDef {
  readonly name: string;
  readonly title: string;
  /** Data-owner agency kinds that may ingest this type (e.g. police, health). */
  readonly owners: readonly string[];
  readonly fields: Readonly<Record<string, FieldDef>>;
  /**
   * Equality searches a partner may run, each a list of indexed fields whose normalised values are
   * combined into one blind index (e.g. name + date of birth).
   */
  readonly searches: Readonly<Record<string, readonly string[]>>;
  /**
   * Coarse values kept in clear beside the sealed record, for statistics and policy only (e.g. the
   * month and commune of a case, never its day or village). Everything not listed here is sealed.
   */
  readonly facets: Readonly<Record<string, FacetDef>>;
}

/** A clear, generalised copy of one field, computed on ingest. */
export interface FacetDef {
  readonly from: string;
  /** How the value is coarsened: calendar month/ISO week of a date, a level of a place, or as is. */
  readonly as: 'month' | 'week' | 'province' | 'district' | 'commune' | 'value';
}
