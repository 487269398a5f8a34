import { recordType, type FieldKind } from '@need2know/schema';
import type { RegistrationIssue } from './client-registration.js';
import type { PurposeRules } from './types.js';

/**
 * Fields a purpose lets the officer copy out of the viewer, by record type: `{ health_case: ['phone'] }`.
 * Everything else stays blocked. Absent or empty: nothing may be copied.
 */
export type CopyableFields = Readonly<Record<string, readonly string[]>>;

/**
 * The kinds of value that may be marked "may be copied": short values the work acts on elsewhere (a
 * phone number to dial, an ID or case number to type into another system). Free text, places,
 * dates, lists and media never: copying them would carry a record out whole.
 */
export const COPYABLE_KINDS: readonly FieldKind[] = ['string', 'national_id', 'phone'];

/** Most fields one record type may mark copyable: a purpose names a few, never a record. */
export const MAX_COPYABLE_PER_TYPE = 4;

/**
 * Every reason `copyable` cannot stand beside `rules` (empty means valid): each field must be a
 * declared top-level field of a short kind (`COPYABLE_KINDS`), not media, that the purpose
 * discloses in clear (a masked or pseudonymised value is not the one the officer acts on), named
 * once, at most `MAX_COPYABLE_PER_TYPE` per record type.
 *
 * @example copyableFieldIssues({ health_case: { phone: 'clear' } }, { health_case: ['phone'] }) // []
 */
export function copyableFieldIssues(rules: PurposeRules, copyable: CopyableFields | null | undefined): RegistrationIssue[] {
  const issues: RegistrationIssue[] = [];
  for (const [type, fields] of Object.entries(copyable ?? {})) {
    const def = recordType(type);
    if (def === undefined || rules[type] === undefined) {
      issues.push({ path: `copyable.${type}`, code: 'not_disclosed', message: 'the purpose discloses nothing of this record type' });
      continue;
    }
    if (fields.length > MAX_COPYABLE_PER_TYPE)
      issues.push({ path: `copyable.${type}`, code: 'too_many', message: `at most ${MAX_COPYABLE_PER_TYPE} fields per record type` });
    fields.forEach((field, i) => {
      const path = `copyable.${type}.${i}`;
      const fieldDef = Object.hasOwn(def.fields, field) ? def.fields[field] : undefined;
      if (fields.indexOf(field) !== i) issues.push({ path, code: 'duplicate', message: 'named twice' });
      else if (fieldDef === undefined) issues.push({ path, code: 'unknown_field', message: 'no such field' });
      else if (!COPYABLE_KINDS.includes(fieldDef.kind) || fieldDef.class === 'media')
        issues.push({ path, code: 'not_copyable', message: `only short values may be copied (${COPYABLE_KINDS.join(', ')})` });
      else if (rules[type]?.[field] !== 'clear') issues.push({ path, code: 'not_disclosed', message: 'the purpose must disclose this field in clear' });
    });
  }
  return issues;
}

/**
 * May the officer copy field `field` of a `type` record under a purpose with these `rules` and
 * `copyable` fields? Only a field the purpose marks and discloses in clear now (a purpose that
 * stopped disclosing it stops its copying too).
 */
export function mayCopyField(rules: PurposeRules, copyable: CopyableFields | null | undefined, type: string, field: string): boolean {
  const marked = copyable?.[type];
  return marked?.includes(field) === true && rules[type]?.[field] === 'clear' && copyableFieldIssues(rules, { [type]: [field] }).length === 0;
}

/** The copyable fields `next` adds to `current` (each a widening: more may leave the viewer). */
export function copyableWidenings(current: CopyableFields | null | undefined, next: CopyableFields | null | undefined): string[] {
  const out: string[] = [];
  for (const [type, fields] of Object.entries(next ?? {}))
    for (const f of fields) if (!(current?.[type] ?? []).includes(f)) out.push(`copyable: + ${type}.${f}`);
  return out;
}
