import type { GrantedRecordAccess } from '@need2know/policy';
import { fieldsNow } from '@need2know/policy';

/**
 * The fields of `type` a request may disclose and their modes (see `fieldsNow` in
 * `policy/token-use.ts`): the token's fields the purpose still allows, with the purpose's current mode.
 */
export const disclosureFor = fieldsNow;

/** Whether record `id` is inside the grant's record list (always, when the grant has none). */
export function inGrantRecords(granted: GrantedRecordAccess, id: string): boolean {
  return granted.record_ids === undefined || granted.record_ids.includes(id);
}
