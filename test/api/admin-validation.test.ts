/**
 * Validation at the admin API: a bad client key, purpose rule or grant window is a
 * `validation_failed` problem listing `issues` by path and code — never the submitted values, which
 * may be keys or personal data — and nothing is written.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { jwks, problemOf, tableCounts } from './forge.js';
import { adminSession, createAgency, createClient, testGateway, uniq } from './harness.js';

const MARKER = 'SOK-DARA-012345678';
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

let admin: Awaited<ReturnType<typeof adminSession>>;
let agencyId: string;
let now: number;
beforeAll(async () => {
  const gateway = testGateway();
  await jwks(gateway);
  now = gateway.clock.now;
  agencyId = await createAgency();
  admin = await adminSession(gateway, await createClient('privacy_officer', agencyId));
});

/** Sends `body`, expects a traceless validation_failed problem, and returns its issues. */
async function issuesOf(method: string, path: string, body: unknown, secrets: readonly string[] = []): Promise<{ path: string; code: string }[]> {
  const before = await tableCounts();
  const response = await admin(method, path, body);
  const text = await response.clone().text();
  const p = await problemOf(response);
  expect(p).toMatchObject({ status: 400, code: 'validation_failed', type: 'application/problem+json' });
  for (const secret of [MARKER, ...secrets]) expect(text).not.toContain(secret);
  expect(await tableCounts()).toEqual(before);
  const issues = p.body.issues as { path: string; code: string; message: string }[];
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
  return issues;
}

const signing = async (alg: 'EdDSA' | 'ES256' = 'EdDSA') => {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { pub: await exportJWK(publicKey), priv: await exportJWK(privateKey) };
};
const encryption = async () => exportJWK((await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true })).publicKey);

describe('clients', () => {
  it('refuses a private signing JWK without echoing it', async () => {
    const { priv } = await signing();
    const issues = await issuesOf(
      'POST',
      '/clients',
      { id: uniq('partner'), kind: 'partner', agency_id: agencyId, name: MARKER, signing_jwks: { keys: [priv] }, encryption_jwk: await encryption() },
      [priv.d as string, priv.x as string],
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: 'signing_jwks.keys.0', code: 'invalid_key' }));
  });

  it('refuses symmetric, RSA, wrong-curve and malformed keys, and a private encryption key', async () => {
    const rsa = await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey);
    const x25519 = await exportJWK((await generateKeyPair('ECDH-ES', { crv: 'X25519', extractable: true })).publicKey);
    const encPriv = await exportJWK((await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true })).privateKey);
    const keys = [
      { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', kid: '1' },
      { ...rsa, kid: '2' },
      { ...x25519, kid: '3' },
      { kty: 'OKP', crv: 'Ed25519', x: 'short', kid: '4' },
    ];
    const issues = await issuesOf(
      'POST',
      '/clients',
      { id: uniq('partner'), kind: 'partner', agency_id: agencyId, name: 'x', signing_jwks: { keys }, encryption_jwk: encPriv },
      [encPriv.d as string],
    );
    expect(issues.map((i) => i.path)).toEqual(['signing_jwks.keys.0', 'signing_jwks.keys.1', 'signing_jwks.keys.2', 'signing_jwks.keys.3', 'encryption_jwk']);
  });

  it('refuses several keys without distinct kids, a partner without an encryption key, ingest types for a partner', async () => {
    const [k1, k2] = [await signing(), await signing('ES256')];
    const issues = await issuesOf('POST', '/clients', {
      id: uniq('partner'),
      kind: 'partner',
      agency_id: agencyId,
      name: 'x',
      signing_jwks: { keys: [k1.pub, k2.pub] },
      ingest_types: ['person'],
    });
    expect(issues.map((i) => i.code).sort()).toEqual(['kid_required', 'not_allowed', 'required']);
  });

  it('accepts a well-formed partner (control)', async () => {
    const response = await admin('POST', '/clients', {
      id: uniq('partner'),
      kind: 'partner',
      agency_id: agencyId,
      name: 'Tracing system',
      signing_jwks: { keys: [(await signing()).pub] },
      encryption_jwk: await encryption(),
    });
    expect(response.status).toBe(201);
  });
});

describe('purposes', () => {
  const purpose = (rules: unknown) => ({
    id: uniq('purpose'),
    title: 'Contact tracing',
    legal_basis: 'Outbreak law',
    rules,
    actions: ['fetch'],
    agencies: [agencyId],
  });

  it('refuses an unknown field, an unknown record type and a mode the field does not allow', async () => {
    expect(await issuesOf('POST', '/purposes', purpose({ person: { shoe_size: 'clear' } }))).toEqual([
      expect.objectContaining({ path: 'rules.person.shoe_size', code: 'unknown_field' }),
    ]);
    expect(await issuesOf('POST', '/purposes', purpose({ vehicle: { plate: 'clear' } }))).toEqual([
      expect.objectContaining({ path: 'rules.vehicle', code: 'unknown_record_type' }),
    ]);
    expect(await issuesOf('POST', '/purposes', purpose({ person: { sex: 'masked', name_latin: 'clear' } }))).toEqual([
      expect.objectContaining({ path: 'rules.person.sex', code: 'mode_not_allowed' }),
    ]);
  });

  it('refuses a value that is not a disclosure mode without echoing it', async () => {
    const issues = await issuesOf('POST', '/purposes', purpose({ person: { name_latin: MARKER } }));
    expect(issues[0]?.path).toBe('rules.person.name_latin');
  });

  it('refuses a purpose that discloses nothing, an unknown agency, and a lifetime above the ceiling', async () => {
    expect((await issuesOf('POST', '/purposes', purpose({ person: { national_id: 'none' } })))[0]?.code).toBe('empty');
    expect((await issuesOf('POST', '/purposes', { ...purpose({ person: { name_latin: 'clear' } }), agencies: ['no-such-agency'] }))[0]).toMatchObject({
      path: 'agencies.0',
      code: 'unknown_agency',
    });
    expect((await issuesOf('POST', '/purposes', { ...purpose({ person: { name_latin: 'clear' } }), max_token_lifetime: 3600 }))[0]?.path).toBe(
      'max_token_lifetime',
    );
  });
});

describe('grants', () => {
  let purposeId: string;
  beforeAll(async () => {
    purposeId = uniq('purpose');
    const response = await admin('POST', '/purposes', {
      id: purposeId,
      title: 'Tracing',
      legal_basis: 'Outbreak law',
      rules: { person: { name_latin: 'clear' } },
      actions: ['fetch'],
      agencies: [agencyId],
    });
    expect(response.status).toBe(201);
  });
  const grant = (over: Record<string, unknown>) => ({
    purpose_id: purposeId,
    agency_id: agencyId,
    not_before: iso(now),
    not_after: iso(now + 3600),
    data_life_seconds: 600,
    note: MARKER,
    ...over,
  });

  it('refuses a window in the past, without echoing the note', async () => {
    const issues = await issuesOf('POST', '/grants', grant({ not_before: iso(now - 7200), not_after: iso(now - 3600), data_life_seconds: 60 }), [
      iso(now - 3600),
    ]);
    expect(issues).toContainEqual(expect.objectContaining({ path: 'not_after', code: 'window_past' }));
  });

  it('refuses a data life longer than the window, and an empty window', async () => {
    expect(await issuesOf('POST', '/grants', grant({ data_life_seconds: 7200 }))).toEqual([
      expect.objectContaining({ path: 'data_life_seconds', code: 'data_life_too_long' }),
    ]);
    expect(await issuesOf('POST', '/grants', grant({ not_before: iso(now + 3600), not_after: iso(now + 3600) }))).toContainEqual(
      expect.objectContaining({ code: 'window_empty' }),
    );
  });

  it('refuses a purpose not open to the agency, and a date without an offset', async () => {
    const other = await createAgency();
    expect(await issuesOf('POST', '/grants', grant({ agency_id: other }))).toEqual([
      expect.objectContaining({ path: 'agency_id', code: 'agency_not_in_purpose' }),
    ]);
    expect((await issuesOf('POST', '/grants', grant({ not_after: '2030-01-01T00:00:00' })))[0]?.path).toBe('not_after');
  });

  it('refuses an unknown member rather than ignoring it', async () => {
    expect((await issuesOf('POST', '/grants', grant({ status: 'active' })))[0]?.code).toBe('unrecognized_keys');
  });
});
