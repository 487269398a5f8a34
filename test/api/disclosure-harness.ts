/**
 * Helpers for record-access tests: seed records through the real ingest path, call record routes
 * with a proof whose jti the test knows, and open the sealed answer with the partner's key.
 */
import { DisclosureError, dpopProof, openDisclosure, readCompactBody, type Disclosure } from '@need2know/client';
import { requestHash, requestTarget, sha256Base64url } from '@need2know/schema';
import { decodeJwt, type JSONWebKeySet } from 'jose';
import { ingestRecords } from '../../gateway/src/services/records/ingest.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { gatewayEnv, ISSUER, type TestClient, type testGateway } from './harness.js';

type Gateway = ReturnType<typeof testGateway>;

export const OWNER = 'national-police-test';

/** Ingests records of `type` as the test data owner (real validation, sealing and indexing). */
export async function seed(type: string, records: readonly Record<string, unknown>[], now = Math.floor(Date.now() / 1000)): Promise<void> {
  await ingestRecords(storesWithKeysOf(gatewayEnv), gatewayEnv, { owner: OWNER, clientId: 'test-loader', type, bodies: records, now });
}

export function person(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    national_id: String(100_000_000 + Math.floor(Math.random() * 899_999_999)),
    name_km: 'សុខ ចាន់ធី',
    name_latin: 'Sok Chanthy',
    sex: 'F',
    date_of_birth: '1990-04-12',
    phone: `+85512${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`,
    address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
    red_notice: false,
    ...overrides,
  };
}

export interface Called {
  readonly status: number;
  readonly response: Response;
  readonly body: string;
  readonly expectedHash: string;
}

/** Calls a record route as `client`, with a proof made at the gateway's clock time. */
export async function call(gateway: Gateway, client: TestClient, token: string, method: string, path: string, body?: unknown): Promise<Called> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const proof = await dpopProof(client.dpopKey, method, `${ISSUER}${path}`, token, gateway.clock.now);
  const response = await gateway.request(path, {
    method,
    headers: { authorization: `DPoP ${token}`, dpop: proof, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: text }),
  });
  const expectedHash = await requestHash({
    method,
    target: requestTarget(new URL(path, ISSUER)),
    bodyHash: await sha256Base64url(text),
    dpopJti: String(decodeJwt(proof).jti),
  });
  return { status: response.status, response, body: await readCompactBody(response), expectedHash };
}

/** Each test gateway's published keys, fetched once per gateway (files share one runtime, so never one set for all). */
const publishedKeys = new WeakMap<Gateway, JSONWebKeySet>();
/** The gateway's published keys (fetched once per gateway; rotation tests refetch). */
export async function gatewayJwks(gateway: Gateway, fresh = false): Promise<JSONWebKeySet> {
  let keys = fresh ? undefined : publishedKeys.get(gateway);
  if (keys === undefined) {
    keys = (await (await gateway.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    publishedKeys.set(gateway, keys);
  }
  return keys;
}

/** Opens a sealed answer as `client` would, checking it answers the call that was made. */
export async function open(gateway: Gateway, client: TestClient, called: Called, requestHashOverride?: string): Promise<Disclosure> {
  if (called.status !== 200) throw new Error(`not disclosed: ${called.status} ${called.body}`);
  return openDisclosure(called.body, {
    decryptionKey: client.encryptionPrivateJwk,
    issuer: ISSUER,
    audience: client.id,
    requestHash: requestHashOverride ?? called.expectedHash,
    jwks: await gatewayJwks(gateway),
    currentDate: new Date(gateway.clock.now * 1000),
  });
}

export { DisclosureError };
