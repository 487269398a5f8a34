/**
 * Shared set-up of the stated-reason tests: a partner under a purpose that requires a stated reason
 * (or not), a person record to ask for, and the log entries a run appended.
 */
import { dpopProof } from '@need2know/client';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { person, seed } from './disclosure-harness.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, type testGateway, uniq } from './harness.js';
import { loggedEntry } from './log-harness.js';

export type Gateway = ReturnType<typeof testGateway>;
export const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
export const REASON_KM = 'ពិនិត្យការដោះលែងឱ្យនៅក្រៅឃុំ របស់ សុខ ចាន់ធី';

/** A partner under a purpose (reason required unless said otherwise) with a live grant, and a person record with its national ID. */
export async function scene(gateway: Gateway, purpose: { reasonRequired?: boolean; requestsPerMinute?: number } = {}) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const p = await createPurpose([agencyId], {
    reasonRequired: purpose.reasonRequired ?? true,
    ...(purpose.requestsPerMinute === undefined ? {} : { requestsPerMinute: purpose.requestsPerMinute }),
  });
  await createGrant(p.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 86_400 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: p.id });
  const id = uniq('p');
  const nationalId = String(400_000_000 + Math.floor(Math.random() * 99_999_999));
  await seed('person', [person(id, { national_id: nationalId })]);
  /** Calls a record route with the stated headers (raw values, as a client might send them). */
  const request = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    gateway.request(path, {
      method,
      headers: {
        authorization: `DPoP ${token}`,
        dpop: await dpopProof(client.dpopKey, method, `${ISSUER}${path}`, token, gateway.clock.now),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    agencyId,
    client,
    purpose: p,
    id,
    nationalId,
    request,
    fetch: (headers: Record<string, string> = {}) => request('GET', `/v1/records/person/${id}`, headers),
  };
}

/** The log entries appended while `run` ran. */
export async function entriesDuring(run: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const log = auditLog(gatewayEnv);
  const before = await log.size();
  await run();
  const after = await log.size();
  const out: Record<string, unknown>[] = [];
  for (let i = before; i < after; i++) out.push(await loggedEntry(log, i, after));
  return out;
}

export const disclosures = (entries: Record<string, unknown>[]) => entries.filter((e) => e.kind === 'disclosure');
