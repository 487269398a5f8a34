/**
 * Validation issue codes and their messages. Messages come only from this catalogue and from the
 * declarations (field limits, allowed values), never from the submitted value: submitted values may be
 * personal data and issues travel back to clients and into logs.
 */
export const VALIDATION_ISSUE_CODES = [
  'unknown_record_type',
  'invalid_type',
  'unknown_field',
  'derived_field',
  'required',
  'empty',
  'too_long',
  'control_character',
  'invalid_id',
  'invalid_national_id',
  'invalid_phone',
  'invalid_date',
  'date_out_of_range',
  'invalid_enum',
  'not_integer',
  'out_of_range',
  'invalid_place',
  'inconsistent_place',
  'invalid_ref',
  'too_many_items',
] as const;

/** One of {@link VALIDATION_ISSUE_CODES}; stable, meant for machines. */
export type ValidationIssueCode = (typeof VALIDATION_ISSUE_CODES)[number];

/** A problem with one place in a submitted record. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) to the offending member; `""` is the whole record. */
  readonly path: string;
  readonly code: ValidationIssueCode;
  /** English text for people. Never contains the submitted value. */
  readonly message: string;
}

const MESSAGES: Readonly<Record<ValidationIssueCode, string>> = {
  unknown_record_type: 'Unknown record type',
  invalid_type: 'Wrong JSON type',
  unknown_field: 'Unknown field; not declared for this record type',
  derived_field: 'Derived field; it is computed by the gateway and must not be sent',
  required: 'Required field is missing',
  empty: 'Must not be empty',
  too_long: 'Too long',
  control_character: 'Contains control or invisible formatting characters that are not allowed',
  invalid_id: 'Record id must be 1–64 characters: a letter or digit, then letters, digits or . _ : -',
  invalid_national_id: 'National ID must be 9 digits',
  invalid_phone: 'Phone must be a Cambodian number: +855 or a leading 0, then 8 or 9 digits',
  invalid_date: 'Date must be a real calendar date written YYYY-MM-DD',
  date_out_of_range: 'Date is before 1900 or too far in the future',
  invalid_enum: 'Not one of the allowed values',
  not_integer: 'Must be a whole number',
  out_of_range: 'Number is outside the allowed range',
  invalid_place: 'Place must give province (2 digits), district (4), commune (6) and optionally village (8) codes',
  inconsistent_place: 'Place codes do not nest: each code must start with the code of the level above',
  invalid_ref: 'Reference must be a record id',
  too_many_items: 'Too many items',
};

/**
 * The message for `code`, optionally sharpened with a limit taken from the declaration (never from the
 * input), e.g. `too_long` with "at most 120 characters".
 */
export function issueMessage(code: ValidationIssueCode, detail?: string): string {
  return detail === undefined ? MESSAGES[code] : `${MESSAGES[code]}: ${detail}`;
}

/** True when `value` is one of the issue codes (used to trust codes carried through zod issues). */
export function isValidationIssueCode(value: unknown): value is ValidationIssueCode {
  return typeof value === 'string' && Object.hasOwn(MESSAGES, value);
}
