import type { DisclosureMode } from '@need2know/schema';
import type { GrantedRecordAccess } from '../oauth/authorization-details.js';
import type { Purpose } from '../policy/types.js';

/**
 * The fields of `type` a request may disclose and their modes: the fields granted in the token
 * that the purpose still allows, with the purpose's current mode. A purpose narrowed after the token
 * was issued narrows the answer at once; it is never widened by an older token. Null when the type
 * is not granted.
 */
export function disclosureFor(granted: GrantedRecordAccess, purpose: Purpose, type: string): Record<string, DisclosureMode> | null {
  const fields = granted.fields[type];
  const rules = purpose.rules[type];
  if (fields === undefined || rules === undefined || !granted.record_types.includes(type)) return null;
  const out: Record<string, DisclosureMode> = {};
  for (const field of fields) {
    const mode = rules[field];
    if (mode !== undefined && mode !== 'none') out[field] = mode;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/** Whether record `id` is inside the grant's record list (always, when the grant has none). */
export function inGrantRecords(granted: GrantedRecordAccess, id: string): boolean {
  return granted.record_ids === undefined || granted.record_ids.includes(id);
}
