/**
 * The scene the disclosure and audit benchmarks share: a police data owner that loads persons, a
 * health tracing partner, a purpose with limits high enough never to interfere, and a grant
 * approved by the second officer. Returns the partner's DPoP session.
 */
import { generateClientKeys, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { loadRecords } from '../../../scripts/lib/bulk-load.js';
import type { LocalGateway } from '../../support/local-gateway.js';

export interface TracingScene {
  readonly rules: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly actions: readonly string[];
  /** Person records the data owner loads before the partner starts. */
  readonly persons: readonly unknown[];
}

export async function setUpTracing(local: LocalGateway, scene: TracingScene): Promise<GatewaySession> {
  const url = local.gateway.url;
  const [po1, po2] = local.officers;
  if (po1 === undefined || po2 === undefined) throw new Error('two officers are needed');
  const owner = await generateClientKeys();
  const partner = await generateClientKeys();
  await po1.post('/agencies', { id: 'bench-police', name: 'Benchmark police' });
  await po1.post('/agencies', { id: 'bench-health', name: 'Benchmark health tracers' });
  await local.registerClient({
    id: 'bench-owner',
    kind: 'data_owner',
    agency_id: 'bench-police',
    name: 'Loader',
    signing_jwks: { keys: [owner.public.signing] },
    encryption_jwk: publicJwkOf(owner.private.encryption),
    ingest_types: ['person'],
  });
  await local.registerClient({
    id: 'bench-tracer',
    kind: 'partner',
    agency_id: 'bench-health',
    name: 'Tracer',
    signing_jwks: { keys: [partner.public.signing] },
    encryption_jwk: publicJwkOf(partner.private.encryption),
  });
  await po1.post('/purposes', {
    id: 'bench-tracing',
    title: 'Benchmark tracing',
    legal_basis: 'Benchmark only',
    rules: scene.rules,
    actions: scene.actions,
    agencies: ['bench-health'],
    requests_per_minute: 100_000,
    persons_per_hour: 1_000_000,
    // Measured as before: without a stated reason on each request (the default for a purpose about persons is to require one).
    reason_required: false,
    officer_requests_per_minute: 100_000,
    officer_persons_per_hour: 1_000_000,
  });
  await local.openGrant({ purpose_id: 'bench-tracing', agency_id: 'bench-health', data_life_seconds: 1800 });
  const loader = await GatewaySession.open({
    issuer: url,
    clientId: 'bench-owner',
    signingKey: await signingKeyFromJwk(owner.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person'] }] },
  });
  await loadRecords(loader, 'person', scene.persons, { label: '  person' });
  return GatewaySession.open({
    issuer: url,
    clientId: 'bench-tracer',
    signingKey: await signingKeyFromJwk(partner.private.signing),
    request: { authorizationDetails: [{ type: 'record_access', purpose: 'bench-tracing' }] },
    renewBefore: 120,
  });
}

/**
 * A second partner of the same health agency under a case-specific grant: a purpose whose grant
 * covers only `recordIds` (one outbreak's contacts). Needs the scene of {@link setUpTracing} first.
 */
export async function setUpCaseSpecific(
  local: LocalGateway,
  scene: { readonly rules: TracingScene['rules']; readonly recordIds: readonly string[] },
): Promise<GatewaySession> {
  const [po1, po2] = local.officers;
  if (po1 === undefined || po2 === undefined) throw new Error('two officers are needed');
  const partner = await generateClientKeys();
  await local.registerClient({
    id: 'bench-case-tracer',
    kind: 'partner',
    agency_id: 'bench-health',
    name: 'Case tracer',
    signing_jwks: { keys: [partner.public.signing] },
    encryption_jwk: publicJwkOf(partner.private.encryption),
  });
  await po1.post('/purposes', {
    id: 'bench-case',
    title: 'Benchmark outbreak contacts',
    legal_basis: 'Benchmark only',
    rules: scene.rules,
    actions: ['fetch'],
    agencies: ['bench-health'],
    requests_per_minute: 100_000,
    persons_per_hour: 1_000_000,
    // Measured as before: without a stated reason on each request (the default for a purpose about persons is to require one).
    reason_required: false,
    officer_requests_per_minute: 100_000,
    officer_persons_per_hour: 1_000_000,
  });
  await local.openGrant({ purpose_id: 'bench-case', agency_id: 'bench-health', data_life_seconds: 1800, record_ids: [...scene.recordIds] });
  return GatewaySession.open({
    issuer: local.gateway.url,
    clientId: 'bench-case-tracer',
    signingKey: await signingKeyFromJwk(partner.private.signing),
    request: { authorizationDetails: [{ type: 'record_access', purpose: 'bench-case' }] },
    renewBefore: 120,
  });
}
