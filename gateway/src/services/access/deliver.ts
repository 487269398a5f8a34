import { sha256b64url } from '../../platform/lib/digest.js';
import type { Stores } from '../../store/ports/index.js';
import { sealDelivery } from '../delivery/seal-delivery.js';
import { sealForViewer, viewerKeyId } from '../delivery/viewer-seal.js';
import { Problem } from '../../platform/errors/problem.js';
import { keyRing } from '../keys/key-ring.js';
import type { Purpose } from '@need2know/policy';
import type { JWK } from 'jose';
import type { RecordAccess } from './access.js';
import { admitAndRecord } from './audit.js';
import { admissionFor, rateLimited } from './limits.js';
import { subjectHashes } from './subjects.js';
import type { Issuer } from '../oauth/issuer.js';

/** What a record request stated (judged by `services/request-reasons`), logged with its disclosure or refusal. */
export interface StatedInLog {
  /** The case or outbreak number (`N2K-Reference`), or null. */
  readonly reference: string | null;
  /** Keyed hash of the reason (`N2K-Reason`), kept sealed; null when none was stated. */
  readonly reasonHash: string | null;
  /** The caller's valid W3C `traceparent`, or null. */
  readonly traceparent: string | null;
}

/** The request a disclosure answers: its clock reading and the hash binding the answer to it. */
export interface DisclosureRequest {
  /** Unix seconds at which the request is judged. */
  readonly now: number;
  /** Method, target, body and DPoP proof `jti` (see `bindRequest`). */
  readonly requestHash: string;
  /** What the request stated, when its route judges stated reasons (`requireStatedReason`). */
  readonly stated?: StatedInLog;
}

/** A disclosure on the log, ready to leave: the sealed answer and its id (the delivery's `jti`). */
export interface Delivered {
  /** Compact JWE to the client's encryption key, containing the gateway-signed disclosure. */
  readonly jwe: string;
  readonly id: string;
}

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

/** What a disclosure writes to: the log (count and entry), the grant's viewer keys, and the gateway's signing keys. */
export type DeliveryStores = Pick<Stores, 'auditLog' | 'grantKeys' | 'signingKeys'>;

/** The key what leaves for `access`'s client is sealed to; a client with none registered is refused (403). */
export function recipientKey(access: RecordAccess): JWK {
  if (access.encryptionJwk === null) throw new Problem(403, 'forbidden', 'The client has no encryption key registered.');
  return access.encryptionJwk;
}

/**
 * The last steps of every disclosure, in an order that fails closed: sign and seal the answer to the
 * client's key (and, for the viewer, under the grant's viewer key), then — in one call to the log —
 * count the request and the persons against the grant's and the client's own limits and write the
 * log entry of what happened (spending the request's DPoP proof in the same step, on routes that
 * leave it to the log); only when both are done may the answer leave (the route sends `jwe`). A
 * refused request is logged as such and nothing sealed for it leaves.
 */
export async function deliver(
  stores: DeliveryStores,
  gateway: Issuer,
  access: RecordAccess,
  { now, requestHash, stated }: DisclosureRequest,
  d: Delivery,
): Promise<Delivered> {
  const { grant, proof } = access;
  const ring = await keyRing(gateway.keys);
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
    ...stated,
  };

  const encryptionJwk = recipientKey(access);
  let body: Record<string, unknown> = { ...d.payload };
  if (d.forViewer) {
    const sealed = await sealForViewer(stores, grant, now, d.payload);
    if (sealed === null) {
      // Refused, and logged as such (a request like any other: counted, its proof spent).
      const logged = await admitAndRecord(
        stores,
        admissionFor(d.purpose, grant.id, access.clientId, [], now),
        { ...entry, subjects: [], id: crypto.randomUUID(), responseHash: '', outcome: 'key_destroyed' },
        { ...entry, id: crypto.randomUUID(), responseHash: '', outcome: 'rate_limited' },
        proof,
      );
      if (!logged.ok) throw rateLimited(logged);
      throw new Problem(410, 'key_destroyed', 'The disclosure window has ended for the viewer.');
    }
    body = {
      sealed_payload: sealed.jwe,
      viewer_key: { kid: viewerKeyId(grant.id, sealed.epoch), grant: grant.id, epoch: sealed.epoch, destroy_at: sealed.destroyAt },
    };
  }
  const { jwe, jti } = await sealDelivery(
    stores,
    gateway,
    now,
    { clientId: access.clientId, encryptionJwk },
    {
      purpose: d.purpose.id,
      grant: grant.id,
      request_hash: requestHash,
      action: d.action,
      record_type: d.recordType,
      disclosure: d.fields,
      window_ends: grant.notAfter,
      ...body,
    },
    Math.max(1, Math.min(grant.dataLife, grant.notAfter - now)),
  );
  const admitted = await admitAndRecord(
    stores,
    admissionFor(d.purpose, grant.id, access.clientId, d.probes === undefined ? subjects : [...subjects, ...subjectHashes(ring, d.probes)], now),
    { ...entry, id: jti, responseHash: await sha256b64url(jwe), outcome: 'disclosed' },
    { ...entry, id: crypto.randomUUID(), responseHash: '', outcome: 'rate_limited' },
    proof,
  );
  if (!admitted.ok) throw rateLimited(admitted);
  return { jwe, id: jti };
}

/**
 * Answers a record or media request that disclosed nothing: the request still counts against the
 * grant's and the client's limits (probing ids or references is a request like any other) and is
 * logged, in one call to the log (spending the held proof); then the same 404 whether what was
 * named is missing, outside the grant, or not releasable.
 */
export function refuseNotFound(
  stores: Pick<Stores, 'auditLog'>,
  access: RecordAccess,
  request: DisclosureRequest,
  r: { readonly action: Delivery['action']; readonly recordType: string; readonly purpose: Purpose },
): Promise<never> {
  return refuseLogged(stores, access, request, { ...r, outcome: 'not_found' }, new Problem(404, 'not_found'));
}

/**
 * The one way a record request is refused once its access is verified: counted against the grant's
 * and the client's limits like any request and logged with `outcome` and nothing disclosed, in one
 * call to the log (spending the held proof); then `problem` (or 429 when a limit refused it first).
 * For a missing record (`refuseNotFound`), a missing or malformed stated reason, and an original too
 * large to deliver (`media_too_large`).
 */
export async function refuseLogged(
  stores: Pick<Stores, 'auditLog'>,
  access: RecordAccess,
  { now, requestHash, stated }: DisclosureRequest,
  r: {
    readonly action: Delivery['action'];
    readonly recordType: string;
    readonly purpose: Purpose;
    readonly outcome: 'not_found' | 'reason_required' | 'reason_invalid' | 'media_too_large';
  },
  problem: Problem,
): Promise<never> {
  const { grant } = access;
  const entry = {
    at: now,
    clientId: access.clientId,
    agencyId: access.agencyId,
    purposeId: r.purpose.id,
    grantId: grant.id,
    action: r.action,
    recordType: r.recordType,
    subjects: [],
    fields: {},
    requestHash,
    responseHash: '',
    ...stated,
  };
  const admitted = await admitAndRecord(
    stores,
    admissionFor(r.purpose, grant.id, access.clientId, [], now),
    { ...entry, id: crypto.randomUUID(), outcome: r.outcome },
    { ...entry, id: crypto.randomUUID(), outcome: 'rate_limited' },
    access.proof,
  );
  if (!admitted.ok) throw rateLimited(admitted);
  throw problem;
}
