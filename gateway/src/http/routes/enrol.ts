import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { JWK } from 'jose';
import type { AppEnv } from '../app-env.js';
import { spendNonces } from '../../store/objects/replay-guard/spend.js';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import { identifiers } from '../../services/oauth/access-token.js';
import { dpopHeaderValues, DpopError, verifyDpopProof } from '../../services/oauth/dpop.js';
import { enrolmentCodeHash, normaliseEnrolmentCode } from '../../services/officers/enrolment-code.js';
import { isPublicEncryptionJwk, isPublicSigningJwk } from '@need2know/policy';
import { officerStatusAfter } from '@need2know/policy';
import { commitChange } from '../../store/d1/admin-events.js';
import { getAgency } from '../../store/d1/agencies.js';
import { getClient, updateClient } from '../../store/d1/clients.js';
import { findOpenCode, spendCode } from '../../store/d1/enrolment-codes.js';
import { validationHook } from './validation-hook.js';

const EnrolRequest = z
  .object({
    code: z.string().max(64).openapi({ description: 'The one-time enrolment code the officer was given' }),
    encryption_jwk: z.record(z.string(), z.unknown()).openapi({ description: "Public ECDH key (P-256) deliveries will be sealed to; its private half stays in the viewer" }),
  })
  .strict()
  .openapi('EnrolRequest');
const Enrolled = z
  .object({
    officer_id: z.string(),
    name: z.string(),
    agency_id: z.string(),
    agency_name: z.string(),
    agency_name_km: z.string().nullable(),
    issuer: z.string(),
    token_endpoint: z.string(),
  })
  .openapi('Enrolled');

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } });

const route = createRoute({
  method: 'post',
  path: '/enrol',
  tags: ['officers'],
  summary: "Enrol an officer's viewer: register the keys it made, with a one-time code",
  description:
    'The `DPoP` header carries a proof (RFC 9449) signed with the new signing key, whose public JWK it embeds: that key becomes the officer\'s `private_key_jwt` key, and possession is proven. The code works once.',
  request: { body: { required: true, content: { 'application/json': { schema: EnrolRequest } } } },
  responses: {
    201: { description: 'Enrolled: the viewer\'s keys are registered (an active officer can now ask for tokens; a suspended one stays suspended)', content: { 'application/json': { schema: Enrolled } } },
    400: problem('`invalid_enrolment_code` (unknown, used, expired — not told apart), `invalid_dpop_proof`, `validation_failed`'),
  },
});

const invalidCode = (reason: string) => {
  console.warn(`enrolment refused: ${reason}`);
  return new Problem(400, 'invalid_enrolment_code');
};

/** `POST /v1/enrol`: the only unauthenticated write, guarded by a 120-bit single-use code. */
export const enrolRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const body = c.req.valid('json');
  const now = c.var.now;
  let proof;
  try {
    proof = await verifyDpopProof(dpopHeaderValues(c.req.raw.headers), { method: 'POST', url: `${identifiers(c.env).issuer}/v1/enrol` }, now);
  } catch (err) {
    if (!(err instanceof DpopError)) throw err;
    console.warn(`enrolment refused: ${err.reason}`);
    throw new Problem(400, 'invalid_dpop_proof');
  }
  const signingJwk = proof.jwk;
  if (!isPublicSigningJwk(signingJwk)) throw new Problem(400, 'validation_failed', 'The signing key must be a public Ed25519 or P-256 key.');
  if (!isPublicEncryptionJwk(body.encryption_jwk as JWK)) throw new Problem(400, 'validation_failed', 'The encryption key must be a public P-256 or X25519 key.');

  const canonical = normaliseEnrolmentCode(body.code);
  if (canonical === null) throw invalidCode('malformed code');
  const codeHash = await enrolmentCodeHash(canonical);
  const code = await findOpenCode(c.env.DB, codeHash, now);
  if (code === null) throw invalidCode('unknown, used or expired code');
  const officer = await getClient(c.env.DB, code.officerId);
  if (officer === null || officer.kind !== 'officer') throw invalidCode('code of no officer');

  if ((await spendNonces(c.env, `dpop:${proof.jkt}`, [{ key: proof.jti, expiresAt: proof.replayUntil }], now)) !== null) {
    console.warn('enrolment refused: proof replayed');
    throw new Problem(400, 'invalid_dpop_proof');
  }
  const { alg: _alg, use: _use, key_ops: _ops, ...publicSigning } = signingJwk;
  const next = {
    ...officer,
    signingJwks: { keys: [{ ...publicSigning, kid: proof.jkt }] },
    encryptionJwk: { ...(body.encryption_jwk as JWK), kid: `enc-${proof.jkt.slice(0, 16)}` },
    // Enrolment registers keys; the status is a privacy officer's decision (a suspended officer
    // stays suspended until a second officer approves re-activation).
    status: officerStatusAfter(officer.status, 'enrolled'),
    etag: randomToken(),
    updatedAt: now,
  };
  const outcome = await commitChange(
    c.env.DB,
    [...spendCode(c.env.DB, codeHash, now), updateClient(c.env.DB, next, officer.etag)],
    { at: now, actor: officer.id, action: 'officer.enrol', targetType: 'client', targetId: officer.id, detail: { signing_kid: proof.jkt } },
    { table: 'clients', id: officer.id, etag: next.etag },
  );
  // A concurrent enrolment with the same code won: this one changed nothing.
  if (!outcome.ok) throw invalidCode('code spent concurrently');
  const agency = await getAgency(c.env.DB, officer.agencyId);
  const { issuer, tokenEndpoint } = identifiers(c.env);
  return c.json({ officer_id: officer.id, name: officer.name, agency_id: officer.agencyId, agency_name: agency?.name ?? officer.agencyId, agency_name_km: agency?.nameKm ?? null, issuer, token_endpoint: tokenEndpoint }, 201);
});
