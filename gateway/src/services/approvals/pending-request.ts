import { Problem } from '../../platform/errors/problem.js';
import { newId } from '../../platform/lib/random.js';
import type { ApprovalRequest } from '../../store/ports/index.js';

/** What opening a request for a second officer's approval names: what, for which target, by whom and why. */
export interface RequestOpening<Kind extends string, Payload extends Readonly<Record<string, unknown>>> {
  /** Prefix of the request's id (`areq` registry, `sreq` statistics). */
  readonly idPrefix: string;
  readonly kind: Kind;
  readonly targetId: string;
  readonly payload: Payload;
  readonly actor: string;
  readonly reason: string;
  readonly now: number;
}

/**
 * A new request waiting for a second officer (registry and statistics requests alike), and the
 * detail of the administrative event that records its opening: the request's id, the reason and,
 * for a widening, what it widens.
 */
export function pendingRequest<Kind extends string, Payload extends Readonly<Record<string, unknown>>>(
  o: RequestOpening<Kind, Payload>,
  widenings?: unknown,
): { readonly request: ApprovalRequest<Kind, Payload>; readonly detail: Record<string, unknown> } {
  const id = newId(o.idPrefix);
  return {
    request: {
      id,
      kind: o.kind,
      targetId: o.targetId,
      payload: o.payload,
      requestedBy: o.actor,
      requestedAt: o.now,
      reason: o.reason,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
    },
    detail: { request: id, reason: o.reason, ...(widenings === undefined ? {} : { widenings }) },
  };
}

/** The refusal when a request of the same kind already waits for the same target: decide that one first. */
export function requestAlreadyOpen(): Problem {
  return new Problem(409, 'conflict', 'A request of this kind is already waiting for approval for this target.');
}
