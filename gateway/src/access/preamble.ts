import type { Context } from 'hono';
import type { DisclosureMode } from '@need2know/schema';
import type { AppEnv } from '../app-env.js';
import { Problem } from '../errors/problem.js';
import type { Purpose } from '../policy/types.js';
import { disclosureFor } from './scope.js';

/** What every record route establishes before touching records. */
export interface RecordRequest {
  readonly purpose: Purpose;
  /** Fields of the type this request may disclose, with their modes (empty for checks). */
  readonly fields: Record<string, DisclosureMode>;
}

/**
 * Checks that the token allows `action` on `type` under its (still active) purpose. Asking for a
 * type or action outside the grant is refused; nothing about records has been read yet. The request
 * is counted against the grant's limits when it is answered (see `deliver`).
 */
export async function beginRecordRequest(c: Context<AppEnv>, action: 'fetch' | 'search' | 'check', type: string | null): Promise<RecordRequest> {
  const granted = c.var.access.recordAccess;
  const purpose = c.var.access.purpose;
  if (granted === undefined || purpose === undefined) throw new Error('record access middleware did not run');
  if (!granted.actions.includes(action)) throw new Problem(403, 'insufficient_scope', `The purpose does not allow ${action}.`);
  let fields: Record<string, DisclosureMode> = {};
  if (type !== null) {
    const allowed = disclosureFor(granted, purpose, type);
    if (allowed === null) throw new Problem(403, 'insufficient_scope', 'The grant does not cover this record type.');
    fields = allowed;
  }
  return { purpose, fields };
}
