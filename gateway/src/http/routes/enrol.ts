import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { dpopHeaderValues } from '../../services/oauth/dpop.js';
import { enrolOfficer } from '../../services/officers/enrol.js';
import { validationHook } from './validation-hook.js';

const EnrolRequest = z
  .object({
    code: z.string().max(64).openapi({ description: 'The one-time enrolment code the officer was given' }),
    encryption_jwk: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Public ECDH key (P-256) deliveries will be sealed to; its private half stays in the viewer' }),
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
    "The `DPoP` header carries a proof (RFC 9449) signed with the new signing key, whose public JWK it embeds: that key becomes the officer's `private_key_jwt` key, and possession is proven. The code works once.",
  request: { body: { required: true, content: { 'application/json': { schema: EnrolRequest } } } },
  responses: {
    201: {
      description: "Enrolled: the viewer's keys are registered (an active officer can now ask for tokens; a suspended one stays suspended)",
      content: { 'application/json': { schema: Enrolled } },
    },
    400: problem('`invalid_enrolment_code` (unknown, used, expired — not told apart), `invalid_dpop_proof`, `validation_failed`'),
  },
});

/** `POST /v1/enrol`: the only unauthenticated write, guarded by a 120-bit single-use code. */
export const enrolRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const body = c.req.valid('json');
  const e = await enrolOfficer(
    c.var.stores,
    c.env.N2K_PUBLIC_URL,
    { code: body.code, encryptionJwk: body.encryption_jwk, dpopHeaders: dpopHeaderValues(c.req.raw.headers) },
    c.var.now,
  );
  return c.json(
    {
      officer_id: e.officerId,
      name: e.name,
      agency_id: e.agencyId,
      agency_name: e.agencyName,
      agency_name_km: e.agencyNameKm,
      issuer: e.issuer,
      token_endpoint: e.tokenEndpoint,
    },
    201,
  );
});
