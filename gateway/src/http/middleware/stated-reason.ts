import type { ReasonRequestKind } from '@need2know/policy';
import { REASON_HEADER, recordType, REFERENCE_HEADER, TRACEPARENT_HEADER } from '@need2know/schema';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { RecordAccess } from '../../services/access/access.js';
import { keyRingSourceOf, type Stores } from '../../services/stores.js';
import { stateReason, type LoggedReason } from '../../services/request-reasons/state-reason.js';
import type { AccessEnv } from './access-token.js';

/** The Hono env a record route sees after {@link requireStatedReason}: what the request stated, for its log entry. */
export interface StatedReasonEnv {
  Variables: { stores: Stores; statedReason: LoggedReason };
}

/**
 * Reads a record request's stated reason (`N2K-Reference`, `N2K-Reason`, W3C `traceparent`) and has
 * it judged by the purpose's rule before anything about records is read: a request lacking a required
 * one, or sending a malformed one, is counted, logged and refused (400 `reason_required` /
 * `reason_invalid`); otherwise `c.var.statedReason` carries what the disclosure logs. Runs after the
 * access-token and request-binding middleware. `recordTypeOf` names the record type the path asks
 * for, logged with a refusal (a name the schema does not know is logged as '').
 */
export function requireStatedReason<A extends RecordAccess>(kind: ReasonRequestKind, recordTypeOf: (c: Context) => string = () => '') {
  return createMiddleware<AccessEnv<A> & StatedReasonEnv>(async function statedReason(c, next) {
    const type = recordTypeOf(c);
    c.set(
      'statedReason',
      await stateReason(
        c.var.stores,
        keyRingSourceOf(c.env, c.var.stores),
        c.var.access,
        kind,
        { now: c.var.now, requestHash: c.var.requestHash, recordType: recordType(type) === undefined ? '' : type },
        { reference: c.req.header(REFERENCE_HEADER), reason: c.req.header(REASON_HEADER), traceparent: c.req.header(TRACEPARENT_HEADER) },
      ),
    );
    await next();
  });
}
