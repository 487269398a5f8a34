/**
 * Test harness for the gateway inside workerd: an app with a simulated clock, and fixtures that
 * register agencies, clients, purposes and grants through the real storage modules (real local D1).
 */
import { clientAssertion, dpopProof, ephemeralDpopKey, generateClientKeys, signingKeyFromJwk, type SigningKeyPair } from '@need2know/client';
import { env } from 'cloudflare:workers';
import type { JWK } from 'jose';
import { createApp } from '../../gateway/src/http/app.js';
import type { GatewayEnv } from '../../gateway/src/platform/env.js';
import { randomToken } from '../../gateway/src/platform/lib/random.js';
import type { Grant, Purpose, PurposeRules } from '@need2know/policy';
import { insertAgency } from '../../gateway/src/store/d1/agencies.js';
import { insertClient } from '../../gateway/src/store/d1/clients.js';
import { insertGrant } from '../../gateway/src/store/d1/grants.js';
import { insertPurpose } from '../../gateway/src/store/d1/purposes.js';

export const gatewayEnv = env as unknown as GatewayEnv;
export const ISSUER = 'https://gateway.test';
export const TOKEN_ENDPOINT = `${ISSUER}/oauth/token`;

/** A clock the test moves by hand. */
export class TestClock {
  now = Math.floor(Date.now() / 1000);
  readonly read = () => this.now;
  advance(seconds: number): void {
    this.now += seconds;
  }
}

/** The gateway app on a test clock, and a `request` that sends to it with the test bindings. */
export function testGateway(clock = new TestClock()) {
  const app = createApp({ clock: clock.read });
  const request = (path: string, init: RequestInit = {}) => app.request(`${ISSUER}${path}`, init, gatewayEnv);
  return { app, clock, request };
}

let counter = 0;
/** A unique, valid slug for fixtures (tests share one database per file). */
export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** A registered client with its private keys, as an agency's system would hold them. */
export interface TestClient {
  readonly id: string;
  readonly agencyId: string;
  readonly kind: 'partner' | 'data_owner' | 'privacy_officer' | 'officer';
  readonly signingKey: SigningKeyPair;
  readonly encryptionPrivateJwk: JWK;
  readonly dpopKey: SigningKeyPair;
}

export async function createAgency(id = uniq('agency'), now = Math.floor(Date.now() / 1000)): Promise<string> {
  await insertAgency(gatewayEnv.DB, { id, name: `Agency ${id}`, nameKm: null, createdAt: now }).run();
  return id;
}

export async function createClient(
  kind: TestClient['kind'],
  agencyId: string,
  opts: { ingestTypes?: string[]; id?: string; roles?: 'leadership'[] } = {},
): Promise<TestClient> {
  const keys = await generateClientKeys();
  const id = opts.id ?? uniq(kind.replace('_', '-'));
  const now = Math.floor(Date.now() / 1000);
  await insertClient(gatewayEnv.DB, {
    id,
    kind,
    agencyId,
    name: `Client ${id}`,
    signingJwks: { keys: [keys.public.signing] },
    encryptionJwk: keys.public.encryption,
    ingestTypes: opts.ingestTypes ?? [],
    roles: opts.roles ?? [],
    status: 'active',
    etag: randomToken(),
    createdAt: now,
    updatedAt: now,
  }).run();
  return {
    id,
    agencyId,
    kind,
    signingKey: await signingKeyFromJwk(keys.private.signing),
    encryptionPrivateJwk: keys.private.encryption,
    dpopKey: await ephemeralDpopKey(),
  };
}

export const CONTACT_TRACING_RULES: PurposeRules = {
  person: { name_latin: 'clear', name_km: 'clear', phone: 'clear', date_of_birth: 'generalised', address: 'generalised', national_id: 'none' },
  health_case: { test_date: 'clear', result: 'clear', contacts: 'masked' },
};

export async function createPurpose(agencies: string[], overrides: Partial<Purpose> = {}): Promise<Purpose> {
  const now = Math.floor(Date.now() / 1000);
  const purpose: Purpose = {
    id: uniq('purpose'),
    title: 'Contact tracing during an outbreak',
    legalBasis: 'Law on Measures to Prevent the Spread of COVID-19 (2021), art. 4',
    description: '',
    rules: CONTACT_TRACING_RULES,
    actions: ['fetch', 'search', 'check'],
    agencies,
    maxTokenLifetime: 300,
    requestsPerMinute: 60,
    personsPerHour: 200,
    // Each client may use the grant's whole budget unless a test sets its own share.
    officerRequestsPerMinute: overrides.requestsPerMinute ?? 60,
    officerPersonsPerHour: overrides.personsPerHour ?? 200,
    notificationDelayDays: 0,
    allowUnblurredMedia: false,
    status: 'active',
    version: 1,
    etag: randomToken(),
    createdBy: 'test',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await insertPurpose(gatewayEnv.DB, purpose).run();
  return purpose;
}

export async function createGrant(
  purposeId: string,
  agencyId: string,
  window: { notBefore: number; notAfter: number },
  overrides: Partial<Grant> = {},
): Promise<Grant> {
  const grant: Grant = {
    id: `grt_${randomToken(12)}`,
    purposeId,
    agencyId,
    notBefore: window.notBefore,
    notAfter: window.notAfter,
    dataLife: 3600,
    recordIds: null,
    mediaUnblurred: false,
    sensitiveCases: false,
    leadershipApprovals: [],
    leadershipApprovers: [],
    status: 'active',
    note: '',
    version: 1,
    etag: randomToken(),
    createdBy: 'test',
    createdAt: window.notBefore,
    updatedAt: window.notBefore,
    ...overrides,
  };
  await insertGrant(gatewayEnv.DB, grant).run();
  return grant;
}

/** A partner with a purpose and a live 96-hour grant: the contact-tracing situation. */
export async function partnerWithLiveGrant(clock: TestClock) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId]);
  const grant = await createGrant(purpose.id, agencyId, { notBefore: clock.now - 60, notAfter: clock.now + 96 * 3600 });
  return { agencyId, client, purpose, grant };
}

/** The form of a token request, with a fresh assertion unless one is given. */
export async function tokenForm(client: TestClient, params: Record<string, string>, now: number, assertion?: string): Promise<URLSearchParams> {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion ?? (await clientAssertion(client.id, client.signingKey, ISSUER, now)),
    ...params,
  });
}

/** POSTs a token request with a DPoP proof (fresh unless given). */
export async function requestToken(
  gateway: ReturnType<typeof testGateway>,
  client: TestClient,
  params: Record<string, string>,
  opts: { proof?: string | null; assertion?: string; form?: URLSearchParams } = {},
): Promise<Response> {
  const now = gateway.clock.now;
  const form = opts.form ?? (await tokenForm(client, params, now, opts.assertion));
  const proof = opts.proof === undefined ? await dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, now) : opts.proof;
  return gateway.request('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(proof === null ? {} : { dpop: proof }) },
    body: form.toString(),
  });
}

/** Gets a record-access token for `purpose`, failing the test if refused. */
export async function accessTokenFor(gateway: ReturnType<typeof testGateway>, client: TestClient, details: Record<string, unknown>): Promise<string> {
  const response = await requestToken(gateway, client, { authorization_details: JSON.stringify([details]) });
  if (response.status !== 200) throw new Error(`token refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Calls a protected route with the token and a fresh proof (or the given one). */
export async function callResource(
  gateway: ReturnType<typeof testGateway>,
  client: TestClient,
  token: string,
  path: string,
  init: RequestInit & { proof?: string } = {},
): Promise<Response> {
  const method = init.method ?? 'GET';
  const proof = init.proof ?? (await dpopProof(client.dpopKey, method, `${ISSUER}${path}`, token, gateway.clock.now));
  const headers = new Headers(init.headers);
  headers.set('authorization', `DPoP ${token}`);
  headers.set('dpop', proof);
  return gateway.request(path, { ...init, method, headers });
}

/** An admin session for a privacy officer: token + helper to call admin routes (or any `/v1/…` path) as JSON. */
export async function adminSession(gateway: ReturnType<typeof testGateway>, officer: TestClient) {
  const response = await requestToken(gateway, officer, { scope: 'admin' });
  if (response.status !== 200) throw new Error(`admin token refused: ${response.status} ${await response.text()}`);
  const token = ((await response.json()) as { access_token: string }).access_token;
  return (method: string, path: string, body?: unknown) =>
    callResource(gateway, officer, token, path.startsWith('/v1/') ? path : `/v1/admin${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
}
