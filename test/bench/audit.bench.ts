/**
 * Audit benchmark (`npm run bench:audit`): entries appended per second to the log object, the latency
 * the log adds to a full disclosure (beside the same disclosure in a benchmark-only build whose log
 * appends nothing, in interleaved rounds), and inclusion-proof generation at 10k and 1M entries
 * (logarithmic growth expected). `--large N` sets the big size (default 1,000,000).
 */
import { generateDataset } from '@need2know/demo-data';
import { join } from 'node:path';
import { startLocalGateway } from '../support/local-gateway.js';
import { compare, environment, measure, report } from './lib/measure.js';
import { setUpTracing } from './lib/tracing-fixture.js';

const PORT = 8794;
const LARGE = Number(process.argv[process.argv.indexOf('--large') + 1] ?? NaN) || 1_000_000;
const SMALL = 10_000;
const APPEND_BATCH = 5_000;

const local = await startLocalGateway(PORT, { config: join(import.meta.dirname, 'worker', 'wrangler.bench.toml') });
try {
  const url = local.gateway.url;
  const people = [...generateDataset({ seed: 'bench-audit', persons: 1_000 }).persons];
  const tracer = await setUpTracing(local, { rules: { person: { name_latin: 'clear', phone: 'masked' } }, actions: ['fetch'], persons: people });

  let i = 0;
  const fetchWith = (noAudit: boolean) => async () => {
    const res = await tracer.fetch(`/v1/records/person/${people[i++ % people.length]?.id}`, noAudit ? { headers: { 'x-bench-no-audit': '1' } } : {});
    if (res.status !== 200) throw new Error(`fetch refused: ${res.status}`);
    await res.arrayBuffer();
  };
  const appendOne = async () => {
    const res = await fetch(`${url}/__bench/audit/append?n=1&shard=appends`, { method: 'POST' });
    await res.arrayBuffer();
  };
  const append100 = async () => {
    const res = await fetch(`${url}/__bench/audit/append?n=100&shard=appends`, { method: 'POST' });
    await res.arrayBuffer();
  };
  const healthz = async () => (await fetch(`${url}/healthz`)).arrayBuffer();
  const grow = async (to: number) => {
    for (;;) {
      const { size } = (await (await fetch(`${url}/__bench/audit/proof?shard=proofs`)).json()) as { size: number };
      if (size >= to) return;
      await (await fetch(`${url}/__bench/audit/append?n=${Math.min(APPEND_BATCH, to - size)}&shard=proofs`, { method: 'POST' })).arrayBuffer();
    }
  };
  const proof = async () => (await fetch(`${url}/__bench/audit/proof?shard=proofs`)).arrayBuffer();

  const opts = { minMs: 2000, warmupMs: 300, rounds: 3 };
  const overhead = await compare(
    { name: 'disclosure, logged', fn: fetchWith(false) },
    { name: 'same disclosure, log appends nothing (bench build)', fn: fetchWith(true) },
    { minMs: 400, rounds: 15, note: 'latency the log adds' },
  );
  const one = await measure('append 1 entry per request', appendOne, opts);
  const hundred = await measure('append 100 entries per request', append100, opts);
  const base = await measure('bare HTTP round trip', healthz, opts);
  await grow(SMALL);
  const proofSmall = await measure(`inclusion proof at ${SMALL.toLocaleString('en-US')} entries`, proof, opts);
  process.stdout.write(`growing the log to ${LARGE.toLocaleString('en-US')} entries…\n`);
  const started = Date.now();
  await grow(LARGE);
  const growSeconds = (Date.now() - started) / 1000;
  const proofLarge = await measure(`inclusion proof at ${LARGE.toLocaleString('en-US')} entries`, proof, opts);

  console.log(`Environment: ${environment()}; gateway: wrangler dev (workerd), local D1 and Durable Objects\n`);
  report(
    [
      overhead,
      { subject: one, baseline: base, note: 'one append per request, durable before the answer' },
      { subject: { ...hundred, name: 'entries appended/s, 100 per request', opsPerSec: hundred.opsPerSec * 100 }, baseline: base },
      { subject: proofLarge, baseline: proofSmall, note: `${(LARGE / SMALL).toFixed(0)}× more entries; logarithmic growth expected` },
    ],
    { title: 'Audit log' },
  );
  console.log(
    `grew the log by ${(LARGE - SMALL).toLocaleString('en-US')} entries in ${growSeconds.toFixed(0)} s (${Math.round((LARGE - SMALL) / growSeconds).toLocaleString('en-US')} entries/s in batches of ${APPEND_BATCH})`,
  );
} finally {
  await local.close();
}
