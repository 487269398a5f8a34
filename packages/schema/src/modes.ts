/**
 * How a field may leave the gateway (DESIGN.md "Minimisation"). A purpose names one mode per field;
 * the gateway applies it before sealing the response. Ordered from most to least revealing.
 * `redacted` and `blurred` are media modes (`photo_ref`, `evidence`): the picture leaves with its
 * faces and the owner's regions hidden, or blurred whole (`packages/policy/src/media-rendition.ts`).
 * `redacted` is also the mode of free text (`text` fields that declare it, e.g. a case's narrative):
 * the linked persons' names, nicknames, phones, ID numbers and birth dates replaced by role labels
 * (`packages/deidentify/src/redact-narrative.ts`).
 */
export const DISCLOSURE_MODES = ['clear', 'redacted', 'blurred', 'masked', 'generalised', 'pseudonym', 'predicate', 'none'] as const;

/** One of {@link DISCLOSURE_MODES}. `none` means the field is never disclosed under the purpose. */
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];

/** True when `value` names a disclosure mode. */
export function isDisclosureMode(value: unknown): value is DisclosureMode {
  return typeof value === 'string' && (DISCLOSURE_MODES as readonly string[]).includes(value);
}
