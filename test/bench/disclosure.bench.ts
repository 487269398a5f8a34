/**
 * Disclosure benchmark (`npm run bench:disclosure`): latency and throughput of a full purpose-bound
 * fetch through a local gateway — access token and DPoP proof verified, revocation, client, grant
 * and purpose read with the record, decrypt at rest, minimise, sign, seal to the partner, then the
 * proof spent, the rate limits counted and the log entry written in one call to the log object —
 * beside a bench-only route that returns the same record unprotected (read and opened, nothing
 * else), measured in the same run: the ratio is the privacy overhead. Also: every storage call of a
 * fetch counted and timed (where the time goes), the storage primitives alone, sealed records per
 * second for a search returning a batch, and probing under a case-specific grant (a record outside
 * it against a record that does not exist: same answer, and it should cost the same).
 *
 * `--trace-only` stops after the storage trace; `--headline-only` after the headline comparison;
 * `N2K_BENCH_LOGS=1` shows the gateway's own log lines.
 */
import { dpopProof } from '@need2know/client';
import { generateDataset } from '@need2know/demo-data';
import { join } from 'node:path';
import { startLocalGateway } from '../support/local-gateway.js';
import { compare, environment, measure, report } from './lib/measure.js';
import { setUpCaseSpecific, setUpTracing } from './lib/tracing-fixture.js';
import { summariseTraces, traceOf, type Trace } from './lib/trace-summary.js';

const PORT = 8830;
const PERSONS = 2_000;
const BATCH = 20;
const CONCURRENCY = 8;
/** Records a case-specific grant covers, for the probing comparison. */
const CASE_RECORDS = 50;
// Phone in clear: the benchmark searches by it, and a search may use only fields disclosed in clear.
const RULES = {
  person: {
    name_km: 'clear',
    name_latin: 'clear',
    phone: 'clear',
    date_of_birth: 'generalised',
    address: 'generalised',
    sex: 'clear',
    red_notice: 'predicate',
  },
};
/** Requests traced one at a time to count and time the storage round trips of a fetch. */
const TRACED = 300;
/** `--trace-only`: print the storage trace and stop (a quick profile while working on the path). */
const TRACE_ONLY = process.argv.includes('--trace-only');
/** `--headline-only`: the trace and the headline comparison, nothing else. */
const HEADLINE_ONLY = process.argv.includes('--headline-only');

/** `N2K_BENCH_LOGS=1` shows the gateway's own log lines (warnings, errors) on stderr. */
const LOGS = process.env.N2K_BENCH_LOGS === '1';
const local = await startLocalGateway(PORT, { config: join(import.meta.dirname, 'worker', 'wrangler.bench.toml'), stdio: LOGS ? 'pipe' : 'ignore' });
if (LOGS) {
  local.gateway.child.stdout?.pipe(process.stderr);
  local.gateway.child.stderr?.pipe(process.stderr);
}
try {
  await run();
} finally {
  await local.close();
}

async function run(): Promise<void> {
  const url = local.gateway.url;
  // Persons, plus a household of BATCH people sharing one phone for the batch search.
  const people = [...generateDataset({ seed: 'bench-disclosure', persons: PERSONS }).persons];
  const household = people.slice(0, BATCH).map((p) => ({ ...p, phone: '+85512999000' }));
  const tracer = await setUpTracing(local, {
    rules: RULES,
    actions: ['fetch', 'search'],
    persons: [...household, ...people.slice(BATCH)],
  });
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
    const res = await tracer.fetch('/v1/records/person/search', {
      method: 'POST',
      body: JSON.stringify({ search: 'phone', terms: { phone: '012 999 000' }, limit: BATCH }),
      headers: { 'content-type': 'application/json' },
    });
    if (res.status !== 200) throw new Error(`search refused: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const parallel = (fn: () => Promise<void>) => () => Promise.all(Array.from({ length: CONCURRENCY }, fn));
  // The client's own DPoP signing, measured alone so the gateway's share can be read off.
  const key = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const proofOnly = async () =>
    dpopProof({ privateKey: key.privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA' }, alg: 'EdDSA' }, 'GET', `${url}/v1/records/person/x`, 'token');

  // Where the time goes: every D1 query and Durable Object call of a fetch, counted and timed.
  const traces: Trace[] = [];
  for (let n = 0; n < TRACED; n++) {
    const res = await tracer.fetch(`/v1/records/person/${nextId()}`, { headers: { 'x-bench-trace': '1' } });
    if (res.status !== 200) throw new Error(`traced fetch refused: ${res.status}`);
    await res.arrayBuffer();
    traces.push(traceOf(res));
  }
  summariseTraces(traces, 'Storage round trips of a purpose-bound fetch');
  const baseTraces: Trace[] = [];
  for (let n = 0; n < TRACED; n++) {
    const res = await fetch(`${url}/__bench/unprotected/person/${nextId()}`, { headers: { 'x-bench-trace': '1' } });
    await res.arrayBuffer();
    baseTraces.push(traceOf(res));
  }
  summariseTraces(baseTraces, 'Storage round trips of the unprotected fetch');
  console.log('storage primitives, mean ms per call in the Worker:', await (await fetch(`${url}/__bench/primitives?n=100&id=${people[5]?.id}`)).json());
  if (TRACE_ONLY) return;

  const opts = { minMs: 3000, warmupMs: 500, rounds: 3 };
  // Interleaved rounds, so both see the same load on this shared machine.
  const headline = await compare(
    { name: 'purpose-bound fetch, sealed', fn: full },
    { name: 'unprotected fetch (bench-only route)', fn: baseline },
    { minMs: 400, rounds: 15, note: 'privacy overhead; target ≤ 1.5× at p50' },
  );
  const base = headline.baseline as NonNullable<typeof headline.baseline>;
  const protectedFetch = headline.subject;
  const p50 = (m: typeof base) => m.latency?.p50 ?? NaN;
  const p99 = (m: typeof base) => m.latency?.p99 ?? NaN;
  const overhead = `privacy overhead: p50 ${(p50(protectedFetch) / p50(base)).toFixed(2)}× (${(p50(protectedFetch) / 1000).toFixed(2)} ms vs ${(p50(base) / 1000).toFixed(2)} ms), p99 ${(p99(protectedFetch) / p99(base)).toFixed(2)}× (${(p99(protectedFetch) / 1000).toFixed(2)} ms vs ${(p99(base) / 1000).toFixed(2)} ms); interleaved ratio ×${headline.ratio?.toFixed(2)}`;
  if (HEADLINE_ONLY) return void console.log(overhead);
  const baseParallel = await measure(`unprotected ×${CONCURRENCY} in flight`, parallel(baseline), opts);
  const fullParallel = await measure(`purpose-bound ×${CONCURRENCY} in flight`, parallel(full), opts);
  const batch = await measure(`search returning ${BATCH} sealed records`, search, opts);
  // Probing under a case-specific grant: a record that exists outside it against one that does not exist.
  const caseTracer = await setUpCaseSpecific(local, { rules: RULES, recordIds: people.slice(0, CASE_RECORDS).map((p) => p.id) });
  let probe = 0;
  const refusedAlike = (id: () => string) => async () => {
    const res = await caseTracer.fetch(`/v1/records/person/${id()}`);
    if (res.status !== 404) throw new Error(`probe answered ${res.status}`);
    await res.arrayBuffer();
  };
  const outside = refusedAlike(() => people[CASE_RECORDS + (probe++ % (people.length - CASE_RECORDS))]?.id as string);
  const missing = refusedAlike(() => `absent-${probe++}`);
  const probing = await compare(
    { name: 'record outside a case-specific grant (404)', fn: outside },
    { name: 'record that does not exist (404)', fn: missing },
    { minMs: 400, rounds: 15, note: 'same answer; should cost the same' },
  );
  const proof = await measure('client DPoP proof alone', proofOnly, opts);

  const scaled = (m: typeof baseParallel, factor: number, name: string) => ({ ...m, name, opsPerSec: m.opsPerSec * factor });
  console.log(`Environment: ${environment()}; gateway: wrangler dev (workerd), local D1 and Durable Objects; ${PERSONS} persons stored\n`);
  report(
    [
      headline,
      {
        subject: scaled(fullParallel, CONCURRENCY, `purpose-bound fetches/s, ${CONCURRENCY} in flight`),
        baseline: scaled(baseParallel, CONCURRENCY, `unprotected fetches/s, ${CONCURRENCY} in flight`),
      },
      { subject: scaled(batch, BATCH, 'sealed records/s in batch search'), baseline: scaled(base, 1, 'unprotected records/s (one per request)') },
      { subject: proof, note: 'client-side cost included in the purpose-bound figures' },
      probing,
    ],
    { title: 'Disclosure' },
  );
  const probeP50 = (m: typeof base | undefined) => m?.latency?.p50 ?? NaN;
  console.log(
    `probing: outside the grant p50 ${(probeP50(probing.subject) / 1000).toFixed(2)} ms, missing p50 ${(probeP50(probing.baseline) / 1000).toFixed(2)} ms, difference ${(probeP50(probing.subject) - probeP50(probing.baseline)).toFixed(0)} µs; interleaved ratio ×${probing.ratio?.toFixed(3)}`,
  );
  console.log(overhead);
}
