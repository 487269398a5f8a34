/**
 * Disclosure benchmark (`npm run bench:disclosure`): latency and throughput of a full purpose-bound
 * fetch through a local gateway — access token and DPoP check with replay guard, policy, rate
 * limits, decrypt at rest, minimise, sign, seal to the partner, write the log entry — beside a
 * bench-only route that returns the same record unprotected (read and opened, nothing else),
 * measured in the same run: the ratio is the privacy overhead. Also sealed records per second for
 * a search returning a batch.
 */
import { dpopProof, generateClientKeys, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { generateDataset } from '@need2know/demo-data';
import { join } from 'node:path';
import { loadRecords } from '../../scripts/lib/bulk-load.js';
import { startLocalGateway } from '../support/local-gateway.js';
import { compare, environment, measure, report } from './lib/measure.js';

const PORT = 8793;
const PERSONS = 2_000;
const BATCH = 20;
const CONCURRENCY = 8;

const local = await startLocalGateway(PORT, { config: join(import.meta.dirname, 'worker', 'wrangler.bench.toml') });
try {
  const url = local.gateway.url;
  const [po1, po2] = local.officers;
  if (po1 === undefined || po2 === undefined) throw new Error('officers missing');
  const owner = await generateClientKeys();
  const partner = await generateClientKeys();
  await po1.post('/agencies', { id: 'bench-police', name: 'Benchmark police' });
  await po1.post('/agencies', { id: 'bench-health', name: 'Benchmark health tracers' });
  await local.registerClient({ id: 'bench-owner', kind: 'data_owner', agency_id: 'bench-police', name: 'Loader', signing_jwks: { keys: [owner.public.signing] }, encryption_jwk: publicJwkOf(owner.private.encryption), ingest_types: ['person'] });
  await po1.post('/clients', { id: 'bench-tracer', kind: 'partner', agency_id: 'bench-health', name: 'Tracer', signing_jwks: { keys: [partner.public.signing] }, encryption_jwk: publicJwkOf(partner.private.encryption) });
  await po1.post('/purposes', {
    id: 'bench-tracing',
    title: 'Benchmark tracing',
    legal_basis: 'Benchmark only',
    rules: { person: { name_km: 'clear', name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised', address: 'generalised', sex: 'clear', red_notice: 'predicate' } },
    actions: ['fetch', 'search'],
    agencies: ['bench-health'],
    requests_per_minute: 100_000,
    persons_per_hour: 1_000_000,
  });
  const grant = await po1.post<{ id: string; requests: { id: string }[] }>('/grants', { purpose_id: 'bench-tracing', agency_id: 'bench-health', not_before: new Date(Date.now() - 60_000).toISOString(), not_after: new Date(Date.now() + 3600_000).toISOString(), data_life_seconds: 1800 });
  await po2.post(`/grants/${grant.id}/requests/${grant.requests[0]?.id}/approve`, { reason: 'benchmark' });

  // Persons, plus a household of BATCH people sharing one phone for the batch search.
  const people = [...generateDataset({ seed: 'bench-disclosure', persons: PERSONS }).persons];
  const household = people.slice(0, BATCH).map((p) => ({ ...p, phone: '+85512999000' }));
  const ownerSession = await GatewaySession.open({ issuer: url, clientId: 'bench-owner', signingKey: await signingKeyFromJwk(owner.private.signing), request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person'] }] } });
  await loadRecords(ownerSession, 'person', [...household, ...people.slice(BATCH)], { label: '  person' });

  const tracer = await GatewaySession.open({ issuer: url, clientId: 'bench-tracer', signingKey: await signingKeyFromJwk(partner.private.signing), request: { authorizationDetails: [{ type: 'record_access', purpose: 'bench-tracing' }] }, renewBefore: 120 });
  let i = 0;
  const nextId = () => people[i++ % people.length]?.id as string;
  const full = async () => {
    const res = await tracer.fetch(`/v1/records/person/${nextId()}`);
    if (res.status !== 200) throw new Error(`fetch refused: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const baseline = async () => {
    const res = await fetch(`${url}/__bench/unprotected/person/${nextId()}`);
    if (res.status !== 200) throw new Error(`baseline failed: ${res.status}`);
    await res.arrayBuffer();
  };
  const search = async () => {
    const res = await tracer.fetch('/v1/records/person/search', { method: 'POST', body: JSON.stringify({ search: 'phone', terms: { phone: '012 999 000' }, limit: BATCH }), headers: { 'content-type': 'application/json' } });
    if (res.status !== 200) throw new Error(`search refused: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const parallel = (fn: () => Promise<void>) => () => Promise.all(Array.from({ length: CONCURRENCY }, fn));
  // The client's own DPoP signing, measured alone so the gateway's share can be read off.
  const key = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const proofOnly = async () => dpopProof({ privateKey: key.privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA' }, alg: 'EdDSA' }, 'GET', `${url}/v1/records/person/x`, 'token');

  const opts = { minMs: 3000, warmupMs: 500, rounds: 3 };
  // Interleaved rounds, so both see the same load on this shared machine.
  const headline = await compare({ name: 'purpose-bound fetch, sealed', fn: full }, { name: 'unprotected fetch (bench-only route)', fn: baseline }, { minMs: 400, rounds: 15, note: 'privacy overhead; target ≤ 1.5× at p50' });
  const base = headline.baseline as NonNullable<typeof headline.baseline>;
  const protectedFetch = headline.subject;
  const baseParallel = await measure(`unprotected ×${CONCURRENCY} in flight`, parallel(baseline), opts);
  const fullParallel = await measure(`purpose-bound ×${CONCURRENCY} in flight`, parallel(full), opts);
  const batch = await measure(`search returning ${BATCH} sealed records`, search, opts);
  const proof = await measure('client DPoP proof alone', proofOnly, opts);

  const scaled = (m: typeof baseParallel, factor: number, name: string) => ({ ...m, name, opsPerSec: m.opsPerSec * factor });
  console.log(`Environment: ${environment()}; gateway: wrangler dev (workerd), local D1 and Durable Objects; ${PERSONS} persons stored\n`);
  report(
    [
      headline,
      { subject: scaled(fullParallel, CONCURRENCY, `purpose-bound fetches/s, ${CONCURRENCY} in flight`), baseline: scaled(baseParallel, CONCURRENCY, `unprotected fetches/s, ${CONCURRENCY} in flight`) },
      { subject: scaled(batch, BATCH, 'sealed records/s in batch search'), baseline: scaled(base, 1, 'unprotected records/s (one per request)') },
      { subject: proof, note: 'client-side cost included in the purpose-bound figures' },
    ],
    { title: 'Disclosure' },
  );
  const p50 = (m: typeof base) => m.latency?.p50 ?? NaN;
  const p99 = (m: typeof base) => m.latency?.p99 ?? NaN;
  console.log(`privacy overhead: p50 ${(p50(protectedFetch) / p50(base)).toFixed(2)}× (${(p50(protectedFetch) / 1000).toFixed(2)} ms vs ${(p50(base) / 1000).toFixed(2)} ms), p99 ${(p99(protectedFetch) / p99(base)).toFixed(2)}× (${(p99(protectedFetch) / 1000).toFixed(2)} ms vs ${(p99(base) / 1000).toFixed(2)} ms)`);
} finally {
  await local.close();
}
