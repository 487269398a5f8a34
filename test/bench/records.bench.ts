/**
 * Record store benchmark (`npm run bench:records`): records ingested per second end to end through a
 * local gateway (validate, seal every field, blind-index, store), beside the same batches posted to a
 * bench-only route that only parses them; and blind-index lookup latency at 10k and at 1M stored
 * records, beside a primary-key fetch of the same record at the same sizes. Field sealing per se is
 * in `npm run bench:crypto`.
 *
 * Options: `--large N` (default 1,000,000) sets the big store size.
 */
import { GatewaySession, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { generateDataset } from '@need2know/demo-data';
import { join } from 'node:path';
import { loadRecords } from '../../scripts/lib/bulk-load.js';
import { startLocalGateway } from '../support/local-gateway.js';
import { environment, measure, report, type Measurement } from './lib/measure.js';

const PORT = 8792;
const REAL_PERSONS = 5_000;
const SMALL = 10_000;
const LARGE = Number(process.argv[process.argv.indexOf('--large') + 1] ?? NaN) || 1_000_000;
const FILLER_CHUNK = 50_000;

const local = await startLocalGateway(PORT, { config: join(import.meta.dirname, 'worker', 'wrangler.bench.toml') });
try {
  const url = local.gateway.url;
  const [po] = local.officers;
  if (po === undefined) throw new Error('no officer');
  const keys = await generateClientKeys();
  await po.post('/agencies', { id: 'bench-police', name: 'Benchmark police' });
  await local.registerClient({
    id: 'bench-owner',
    kind: 'data_owner',
    agency_id: 'bench-police',
    name: 'Loader',
    signing_jwks: { keys: [keys.public.signing] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: ['person', 'case'],
  });
  const session = await GatewaySession.open({
    issuer: url,
    clientId: 'bench-owner',
    signingKey: await signingKeyFromJwk(keys.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person', 'case'] }] },
  });
  const data = generateDataset({ seed: 'bench', persons: REAL_PERSONS, cases: REAL_PERSONS });
  const persons = [...data.persons];
  const cases = [...data.cases];

  // Ingest end to end, and the same batches to a route that only parses them.
  const echo = { fetch: (path: string, init: RequestInit) => fetch(`${url}/__bench/echo`, init).then((r) => (void path, r)) } as unknown as GatewaySession;
  const timeLoad = async (s: GatewaySession, type: string, records: unknown[]) => {
    const started = performance.now();
    await loadRecords(s, type, records, { label: `  ${type}`, concurrency: 2, batchSize: 250 });
    return (records.length * 1000) / (performance.now() - started);
  };
  const echoPersons = await timeLoad(echo, 'person', persons);
  const ingestPersons = await timeLoad(session, 'person', persons);
  const echoCases = await timeLoad(echo, 'case', cases);
  const ingestCases = await timeLoad(session, 'case', cases);
  const rate = (name: string, opsPerSec: number): Measurement => ({ name, opsPerSec, iterations: 0, async: false });

  // Lookups.
  const phones = persons.map((p) => p.phone).filter((p): p is string => typeof p === 'string');
  const ids = persons.map((p) => p.id);
  let i = 0;
  const lookup = async () => {
    const res = await fetch(`${url}/__bench/lookup?phone=${encodeURIComponent(phones[i++ % phones.length] as string)}`);
    const body = (await res.json()) as { found: number };
    if (body.found < 1) throw new Error('lookup found nothing');
  };
  const byId = async () => {
    const res = await fetch(`${url}/__bench/by-id?id=${encodeURIComponent(ids[i++ % ids.length] as string)}`);
    if (((await res.json()) as { found: number }).found !== 1) throw new Error('fetch found nothing');
  };
  const fill = async (from: number, to: number) => {
    for (let start = from; start < to; start += FILLER_CHUNK) {
      const res = await fetch(`${url}/__bench/filler?type=person&start=${start}&count=${Math.min(FILLER_CHUNK, to - start)}`, { method: 'POST' });
      if (!res.ok) throw new Error(`filler failed: ${res.status} ${await res.text()}`);
    }
  };
  const opts = { minMs: 2000, warmupMs: 300, rounds: 3 };
  const stored = REAL_PERSONS + cases.length;
  await fill(0, SMALL - stored);
  const lookupSmall = await measure(`blind-index lookup (phone) at ${SMALL.toLocaleString('en-US')} records`, lookup, opts);
  const byIdSmall = await measure(`fetch by id at ${SMALL.toLocaleString('en-US')} records`, byId, opts);
  process.stdout.write(`adding filler up to ${LARGE.toLocaleString('en-US')} records…\n`);
  await fill(SMALL - stored, LARGE - stored);
  const lookupLarge = await measure(`blind-index lookup (phone) at ${LARGE.toLocaleString('en-US')} records`, lookup, opts);
  const byIdLarge = await measure(`fetch by id at ${LARGE.toLocaleString('en-US')} records`, byId, opts);

  console.log(`Environment: ${environment()}; gateway: wrangler dev (workerd), local D1; client: 1 process, 2 batches of 250 in flight\n`);
  report(
    [
      { subject: rate('persons ingested end to end (records/s)', ingestPersons), baseline: rate('same batches, parse only (records/s)', echoPersons) },
      { subject: rate('cases ingested end to end (records/s)', ingestCases), baseline: rate('same batches, parse only (records/s)', echoCases) },
      { subject: lookupSmall, baseline: byIdSmall, note: 'index → candidates → open → compare' },
      { subject: lookupLarge, baseline: byIdLarge },
      { subject: lookupLarge, baseline: lookupSmall, note: `flat if ≈ ×1: ${(LARGE / SMALL).toFixed(0)}× more records` },
    ],
    { title: 'Record store' },
  );
} finally {
  await local.close();
}
