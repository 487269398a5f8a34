import { decideRequestReason, parseTraceparent, type ReasonAsked, type ReasonRequestKind } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { RecordAccess } from '../access/access.js';
import { refuseLogged, type StatedInLog } from '../access/deliver.js';
import { keyRing, type KeyRingSource } from '../keys/key-ring.js';
import type { Stores } from '../stores.js';
import { keepRequestReason } from './sealed-reason.js';

/** What a record request stated, as its disclosure is logged: the reference, the kept reason's hash, the trace (null when invalid: ignored, never refused). */
export type LoggedReason = StatedInLog;

/** A record request's stated reason as it arrived (header values). */
export interface StatedHeaders extends ReasonAsked {
  readonly traceparent: string | undefined;
}

/** The request being judged: its clock reading, its hash, and the record type it names ('' when none). */
export interface ReasonRequest {
  readonly now: number;
  readonly requestHash: string;
  readonly recordType: string;
}

/**
 * Judges a record request's reference and reason by the purpose's rule (`decideRequestReason`).
 * Accepted: the reason is kept sealed and what the disclosure will log is returned. Refused (a
 * required one missing, or a malformed one): the request is counted against the grant's and the
 * client's limits and logged like any other refusal, in one call to the log (spending a held proof),
 * with outcome `reason_required` or `reason_invalid` and nothing of the malformed input; then 400
 * with the problem's code and issues (paths and codes only, never the values).
 */
export async function stateReason(
  stores: Pick<Stores, 'auditLog' | 'requestReasons'>,
  keys: KeyRingSource,
  access: RecordAccess,
  kind: ReasonRequestKind,
  req: ReasonRequest,
  headers: StatedHeaders,
): Promise<LoggedReason> {
  const traceparent = parseTraceparent(headers.traceparent);
  const decision = decideRequestReason(access.purpose, kind, headers);
  if (decision.ok) {
    const { reference, reason } = decision.stated;
    const reasonHash = reason === null ? null : await keepRequestReason(stores.requestReasons, await keyRing(keys), reason, req.now);
    return { reference, reasonHash, traceparent };
  }
  // Of a refused pair only a valid reference is logged (a malformed one is the caller's text, not a case number).
  const problem =
    decision.code === 'reason_required'
      ? new Problem(400, 'reason_required', 'This purpose requires a reference (N2K-Reference) and a reason (N2K-Reason) on every record request.', {
          issues: decision.issues,
        })
      : new Problem(400, 'reason_invalid', 'The reference or reason is malformed.', { issues: decision.issues });
  return refuseLogged(
    stores,
    access,
    { now: req.now, requestHash: req.requestHash, stated: { reference: decision.reference, reasonHash: null, traceparent } },
    { action: kind, recordType: req.recordType, purpose: access.purpose, outcome: decision.code },
    problem,
  );
}
