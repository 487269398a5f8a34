import type { DisclosureMode } from '@need2know/schema';
import { Problem } from '../../platform/errors/problem.js';
import type { Purpose, RecordAccessNow } from '@need2know/policy';
import type { RecordAccess } from './access.js';

/** What every record route establishes before touching records. */
export interface RecordRequest {
  readonly purpose: Purpose;
  /** Fields of the type this request may disclose, with their modes (empty for checks). */
  readonly fields: Record<string, DisclosureMode>;
  /** What the token allows now (see `decideTokenUse`). */
  readonly now: RecordAccessNow;
}

/**
 * Checks that the token allows `action` on `type` now: the action must be one the token was issued
 * for and the purpose still lists, the type one it names and the purpose still discloses. Asking for
 * anything else is refused; nothing about records has been read yet. The request is counted against
 * the grant's limits when it is answered (see `deliver`).
 */
export function beginRecordRequest(access: RecordAccess, action: 'fetch' | 'search' | 'check', type: string | null): RecordRequest {
  const now = access.recordNow;
  if (!now.actions.includes(action)) throw new Problem(403, 'insufficient_scope', `The purpose does not allow ${action}.`);
  let fields: Record<string, DisclosureMode> = {};
  if (type !== null) {
    const allowed = Object.hasOwn(now.disclosure, type) ? now.disclosure[type] : undefined;
    if (allowed === undefined) throw new Problem(403, 'insufficient_scope', 'The grant does not cover this record type.');
    fields = { ...allowed };
  }
  return { purpose: now.purpose, fields, now };
}
