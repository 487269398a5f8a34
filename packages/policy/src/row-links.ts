/**
 * The fixed list of row-scope links, each with the record type it admits (persons, reached through
 * the records that name them). Kept apart from `row-scope.ts` (which carries the wire schema) so that
 * the console can compare and describe scopes without bundling the schema library.
 */
export const ROW_LINKS = {
  /** Persons who appear (by national ID) in health cases inside the same scope. */
  person_in_health_case: 'person',
  /** Persons who are victims in crime cases inside the same scope. */
  victim_in_case: 'person',
} as const;

/** One link of {@link ROW_LINKS}. */
export type RowLink = keyof typeof ROW_LINKS;
