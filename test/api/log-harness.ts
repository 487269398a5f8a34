/**
 * Reading the tamper-evident log from tests, typed as the log object declares it. The RPC stub's
 * types cannot carry an entry whose values are `unknown`, so through the stub `inclusion` would be
 * typed as answering only null; these helpers give back the object's own declared result.
 */
import type { auditLog } from '../../gateway/src/services/access/audit.js';
import type { AuditLog } from '../../gateway/src/store/objects/audit-log/audit-log.js';

/** What the log object's `inclusion` answers: an entry and its inclusion proof, or null when there is none. */
export type LogInclusion = Awaited<ReturnType<AuditLog['inclusion']>>;

/** The log stub of `auditLog` (or any shard of it). */
type LogStub = Pick<ReturnType<typeof auditLog>, 'inclusion'>;

/** Entry `index` and its inclusion proof in the tree of `size` entries, or null when the log has no such entry. */
export async function logInclusion(log: LogStub, index: number, size: number): Promise<LogInclusion> {
  return (await log.inclusion(index, size)) as LogInclusion;
}

/** Entry `index` of the log (proven in the tree of `size` entries); throws when the log has no such entry. */
export async function loggedEntry(log: LogStub, index: number, size: number): Promise<Record<string, unknown>> {
  const found = await logInclusion(log, index, size);
  if (found === null) throw new Error(`the log has no entry ${index} in a tree of ${size}`);
  return found.entry;
}
