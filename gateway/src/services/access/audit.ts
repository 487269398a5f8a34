import { disclosureEntry, type Disclosure, type DisclosureLogEntry } from '@need2know/audit';
import { proofReplayed } from '../../platform/errors/access-refusals.js';
import type { Admission, AdmissionRequest } from '../../store/ports/objects.js';
import type { Stores } from '../../store/ports/index.js';
import type { HeldProof } from './held-proof.js';
import { logOriginOf } from '../oauth/issuer.js';

/** One row of the disclosure log: who received what about whom, bound to request and response (`disclosureEntry` of `@need2know/audit` writes it). */
export type DisclosureEntry = Disclosure;

export { AUDIT_SHARD } from '../../store/bindings.js';
/**
 * The tamper-evident log's port from the Worker's bindings (its one shard), for callers still handed
 * the bindings; services take `Pick<Stores, 'auditLog'>` instead.
 */
export { auditLogOf as auditLog } from '../../store/bindings.js';

/** The log's origin line (c2sp.org/tlog-checkpoint) for the gateway at `publicUrl`: its host and path, unique per log. */
export function auditOrigin(publicUrl: string): string {
  return logOriginOf(publicUrl);
}

/** The log entry of a disclosure (FORMAT.md of `@need2know/audit`, `disclosure`). */
const logEntry = (entry: DisclosureEntry): DisclosureLogEntry => disclosureEntry(entry);

/**
 * Appends `entry` to the tamper-evident log. Fail-closed: it throws when the entry cannot be
 * written, and callers write it before the response leaves, so nothing is disclosed without its
 * record. The log object then indexes it in D1 for reports (see {@link flushDisclosureIndex}).
 */
export async function recordDisclosure(stores: Pick<Stores, 'auditLog'>, entry: DisclosureEntry): Promise<void> {
  await stores.auditLog.append([logEntry(entry)]);
}

/**
 * Counts a request against its limits and logs the outcome, in one call to the log: `admitted` is
 * appended when every limit allows the request, otherwise `refused` (with outcome `rate_limited`,
 * no persons, and the limit that said no). With a held `proof` not yet settled, the request's DPoP
 * proof is spent in the same atomic step and marked settled, and a proof presented before is
 * refused (401) with nothing counted or logged. Throws, and discloses nothing, when the log cannot
 * be written (the proof then stays held, for the middleware to spend after the route).
 */
export async function admitAndRecord(
  stores: Pick<Stores, 'auditLog'>,
  admission: AdmissionRequest,
  admitted: DisclosureEntry,
  refused: DisclosureEntry,
  proof: HeldProof | null,
): Promise<Admission & { readonly index: number }> {
  const outcome = await stores.auditLog.admitAndAppend(
    admission,
    logEntry(admitted),
    logEntry({ ...refused, subjects: [], responseHash: '', outcome: 'rate_limited' }),
    proof?.toSpend,
  );
  proof?.settle();
  if (outcome.replayed) throw proofReplayed();
  return outcome;
}

/**
 * Brings the D1 disclosure index (`disclosures`, `disclosure_subjects`) up to the log: call it
 * before reading the index when the answer must include what was disclosed a moment ago.
 */
export async function flushDisclosureIndex(stores: Pick<Stores, 'auditLog'>): Promise<void> {
  await stores.auditLog.flushIndex();
}
