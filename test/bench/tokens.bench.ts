/**
 * Token service benchmark (`npm run bench:tokens`): tokens issued per second and resource-token
 * verifications per second through a local gateway (wrangler dev, workerd, local D1 and Durable
 * Objects), each beside baselines measured in the same run: a bare HTTP round trip to the same
 * gateway, and bare Ed25519 signature operations in this process.
 */
import { clientAssertion, dpopProof, ephemeralDpopKey, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { startLocalGateway } from '../support/local-gateway.js';
import { environment, measure, report } from './lib/measure.js';

const PORT = 8791;
const CONCURRENCY = 8;

const bench = await startLocalGateway(PORT);
try {
  const [po1, po2] = bench.officers;
  if (po1 === undefined || po2 === undefined) throw new Error('officers missing');
  const issuer = bench.gateway.url;

  // One partner, one purpose, one approved grant.
  const keys = await generateClientKeys();
  await po1.post('/agencies', { id: 'bench-agency', name: 'Benchmark agency' });
  await bench.registerClient({
    id: 'bench-partner',
    kind: 'partner',
    agency_id: 'bench-agency',
    name: 'Benchmark partner',
    signing_jwks: { keys: [keys.public.signing] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
  });
  await po1.post('/purposes', {
    id: 'bench-purpose',
    title: 'Benchmark',
    legal_basis: 'Benchmark only',
    rules: { person: { name_latin: 'clear', phone: 'masked' } },
    actions: ['fetch'],
    agencies: ['bench-agency'],
  });
  await bench.openGrant({ purpose_id: 'bench-purpose', agency_id: 'bench-agency', data_life_seconds: 600 });

  const signingKey = await signingKeyFromJwk(keys.private.signing);
  const dpopKey = await ephemeralDpopKey();
  const tokenEndpoint = `${issuer}/oauth/token`;
  const details = JSON.stringify([{ type: 'record_access', purpose: 'bench-purpose' }]);

  const issue = async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await clientAssertion('bench-partner', signingKey, issuer),
      authorization_details: details,
    });
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: await dpopProof(dpopKey, 'POST', tokenEndpoint) },
      body: form,
    });
    if (res.status !== 200) throw new Error(`token refused: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const token = await issue();
  const sessionUrl = `${issuer}/v1/session`;
  const verify = async () => {
    const res = await fetch(sessionUrl, { headers: { authorization: `DPoP ${token}`, dpop: await dpopProof(dpopKey, 'GET', sessionUrl, token) } });
    if (res.status !== 200) throw new Error(`resource refused: ${res.status}`);
    await res.arrayBuffer();
  };
  const healthz = async () => {
    const res = await fetch(`${issuer}/healthz`);
    await res.arrayBuffer();
  };
  const parallel = (fn: () => Promise<unknown>) => () => Promise.all(Array.from({ length: CONCURRENCY }, fn));

  // Bare signature operations in this process (Ed25519, WebCrypto), the floor of any JWT work.
  const message = new TextEncoder().encode('x'.repeat(600));
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const signature = await crypto.subtle.sign('Ed25519', pair.privateKey, message);

  const opts = { minMs: 3000, warmupMs: 500, rounds: 3 };
  const baseHttp = await measure('HTTP round trip (GET /healthz)', healthz, opts);
  const tokens = await measure('token issued (POST /oauth/token)', issue, opts);
  const verifications = await measure('token + DPoP verified (GET /v1/session)', verify, opts);
  const baseHttpPar = await measure(`HTTP round trip ×${CONCURRENCY} concurrent`, parallel(healthz), opts);
  const tokensPar = await measure(`tokens issued ×${CONCURRENCY} concurrent`, parallel(issue), opts);
  const verifyPar = await measure(`verifications ×${CONCURRENCY} concurrent`, parallel(verify), opts);
  const bareSign = await measure('bare Ed25519 sign (Node WebCrypto)', () => crypto.subtle.sign('Ed25519', pair.privateKey, message), opts);
  const bareVerify = await measure('bare Ed25519 verify (Node WebCrypto)', () => crypto.subtle.verify('Ed25519', pair.publicKey, signature, message), opts);

  const scale = (m: typeof baseHttpPar) => ({ ...m, name: m.name, opsPerSec: m.opsPerSec * CONCURRENCY });
  console.log(`Environment: ${environment()}; gateway: wrangler dev (workerd) with local D1 and Durable Objects, 1 client process\n`);
  report(
    [
      { subject: tokens, baseline: baseHttp, note: 'sequential; includes client-side assertion + proof signing' },
      { subject: tokens, baseline: bareSign, note: 'a token costs 2 client signatures, 2 verifications, 1 gateway signature, D1 reads, 1 DO call' },
      { subject: verifications, baseline: baseHttp, note: 'sequential; token + proof verified, D1 batch, DO replay check' },
      { subject: verifications, baseline: bareVerify },
      { subject: scale(tokensPar), baseline: scale(baseHttpPar), note: `requests/s with ${CONCURRENCY} in flight` },
      { subject: scale(verifyPar), baseline: scale(baseHttpPar), note: `requests/s with ${CONCURRENCY} in flight` },
    ],
    { title: 'Token service' },
  );
} finally {
  await bench.close();
}
