/** The roles a linked person can hold in a record's narrative; `person` when the record names no role. */
export const NARRATIVE_ROLES = ['victim', 'suspect', 'witness', 'person'] as const;
export type NarrativeRole = (typeof NARRATIVE_ROLES)[number];

/** What a replacement stood for; the counts of a redaction are kept per kind, never what was replaced. */
export const REDACTION_KINDS = [...NARRATIVE_ROLES, 'phone', 'id', 'date_of_birth', 'number'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/**
 * A person linked to a record (a case's participant), with the identifiers a narrative may write:
 * full names in any script, nicknames, phone numbers (E.164), national ID numbers (digits) and
 * dates of birth (YYYY-MM-DD). Read by the gateway from the person records the record refers to.
 */
export interface LinkedPerson {
  readonly role: NarrativeRole;
  readonly names: readonly string[];
  readonly nicknames: readonly string[];
  readonly phones: readonly string[];
  readonly nationalIds: readonly string[];
  readonly datesOfBirth: readonly string[];
}

/** A stretch of the original text `[start, end)` to replace by `label`, counted under `kind`. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly kind: RedactionKind;
}

/** A person's label: `[victim 1]`, `[suspect 2]`, numbered per role in the order the record lists them. */
export interface LabelledPerson extends LinkedPerson {
  readonly label: string;
}
