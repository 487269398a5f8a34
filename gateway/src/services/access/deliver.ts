import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { sha256b64url } from '../../platform/lib/digest.js';
import { DISCLOSURE_MEDIA_TYPE, sealDelivery } from '../delivery/seal-delivery.js';
import { sealForViewer, viewerKeyId } from '../delivery/viewer-seal.js';
import { Problem } from '../../platform/errors/problem.js';
import { keyRing } from '../keys/key-ring.js';
import type { Purpose } from '@need2know/policy';
import { proofSettled, proofToSpend } from '../../http/middleware/proof-with-log.js';
import { admitAndRecord } from './audit.js';
import { admissionFor, rateLimited } from './limits.js';
import { subjectHashes } from './subjects.js';

/** What a record route hands over for delivery. */
export interface Delivery {
  readonly action: 'fetch' | 'search' | 'check' | 'media';
  readonly recordType: string;
  /** The minimised answer: `{ records: [...] }` or `{ check, answer }`. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Ids of the persons the answer is about (hashed before they are counted or logged). */
  readonly subjectIds: readonly string[];
  /** Ids counted against the persons-per-hour limits besides `subjectIds` but not logged as subjects (a search's probe, see `policy/search-scope.ts`). */
  readonly probes?: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly purpose: Purpose;
  /** Seal the payload again under the grant's viewer key (officers' viewer). */
  readonly forViewer: boolean;
}

/**
 * The last steps of every disclosure, in an order that fails closed: sign and seal the answer to the
 * client's key (and, for the viewer, under the grant's viewer key), then — in one call to the log —
 * count the request and the persons against the grant's and the client's own limits and write the
 * log entry of what happened (spending the request's DPoP proof in the same step, on routes that
 * leave it to the log); only when both are done does the answer leave. A refused request is logged
 * as such and nothing sealed for it leaves.
 */
export async function deliver(c: Context<AppEnv>, d: Delivery): Promise<Response> {
  const { access, now, requestHash } = c.var;
  const grant = access.grant;
  if (grant === undefined || access.recordAccess === undefined) throw new Error('record access middleware did not run');
  const ring = await keyRing(c.env);
  const subjects = subjectHashes(ring, d.subjectIds);
  const entry = {
    at: now,
    clientId: access.clientId,
    agencyId: access.agencyId,
    purposeId: d.purpose.id,
    grantId: grant.id,
    action: d.action,
    recordType: d.recordType,
    subjects,
    fields: d.fields,
    requestHash,
  };

  if (access.encryptionJwk === null) throw new Problem(403, 'forbidden', 'The client has no encryption key registered.');
  const encryptionJwk = access.encryptionJwk;
  let body: Record<string, unknown> = { ...d.payload };
  if (d.forViewer) {
    const sealed = await sealForViewer(c.env, grant, now, d.payload);
    if (sealed === null) {
      // Refused, and logged as such (a request like any other: counted, its proof spent).
      const logged = await admitAndRecord(c.env, admissionFor(d.purpose, grant.id, access.clientId, [], now), { ...entry, subjects: [], id: crypto.randomUUID(), responseHash: '', outcome: 'key_destroyed' }, { ...entry, id: crypto.randomUUID(), responseHash: '', outcome: 'rate_limited' }, proofToSpend(c));
      proofSettled(c);
      if (!logged.ok) throw rateLimited(logged);
      throw new Problem(410, 'key_destroyed', 'The disclosure window has ended for the viewer.');
    }
    body = { sealed_payload: sealed.jwe, viewer_key: { kid: viewerKeyId(grant.id, sealed.epoch), grant: grant.id, epoch: sealed.epoch, destroy_at: sealed.destroyAt } };
  }
  const { jwe, jti } = await sealDelivery(
    c.env,
    now,
    { clientId: access.clientId, encryptionJwk },
    { purpose: d.purpose.id, grant: grant.id, request_hash: requestHash, action: d.action, record_type: d.recordType, disclosure: d.fields, window_ends: grant.notAfter, ...body },
    Math.max(1, Math.min(grant.dataLife, grant.notAfter - now)),
  );
  const admitted = await admitAndRecord(
    c.env,
    admissionFor(d.purpose, grant.id, access.clientId, d.probes === undefined ? subjects : [...subjects, ...subjectHashes(ring, d.probes)], now),
    { ...entry, id: jti, responseHash: await sha256b64url(jwe), outcome: 'disclosed' },
    { ...entry, id: crypto.randomUUID(), responseHash: '', outcome: 'rate_limited' },
    proofToSpend(c),
  );
  proofSettled(c);
  if (!admitted.ok) throw rateLimited(admitted);
  return new Response(jwe, { status: 200, headers: { 'content-type': DISCLOSURE_MEDIA_TYPE, 'cache-control': 'no-store', 'n2k-disclosure-id': jti } });
}
