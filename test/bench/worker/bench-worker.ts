/**
 * The gateway Worker plus routes that exist only in benchmark builds (this entry and
 * wrangler.bench.toml are never deployed): baselines measured in the same run, and fast seeding of
 * filler rows so that lookups can be timed against a large store.
 */
import { Hono } from 'hono';
import { createApp } from '../../../gateway/src/app.js';
import type { GatewayEnv } from '../../../gateway/src/env.js';
import { readRecords } from '../../../gateway/src/records/read.js';
import { findByBlindIndex } from '../../../gateway/src/records/search.js';

export { AuditLog } from '../../../gateway/src/durable/audit-log.js';
export { GrantKeyVault } from '../../../gateway/src/durable/grant-key-vault.js';
export { RateLimiter } from '../../../gateway/src/durable/rate-limiter.js';
export { ReplayGuard } from '../../../gateway/src/durable/replay-guard.js';

const gateway = createApp();
const bench = new Hono<{ Bindings: GatewayEnv }>();

/** Baseline for ingest: the same request body, parsed and counted, nothing validated, sealed or stored. */
bench.post('/__bench/echo', async (c) => {
  const body = (await c.req.json()) as { records?: unknown[] };
  return c.json({ received: body.records?.length ?? 1 });
});

/**
 * Adds `count` filler rows (records and blind-index entries with random tags) of `type`, so that
 * the store holds as many rows as a large deployment. Filler never matches a real search term.
 */
bench.post('/__bench/filler', async (c) => {
  const count = Number(c.req.query('count') ?? '0');
  const start = Number(c.req.query('start') ?? '0');
  const type = c.req.query('type') ?? 'person';
  await c.env.DB.batch([
    c.env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 + ?2 - 1)
       INSERT INTO records (type, id, version, current, owner, sealed, plain, facets, key_version, ingested_at, ingested_by)
       SELECT ?3, 'filler-' || i, 1, 1, 'filler', '{}', '{}', '{}', 1, 0, 'bench' FROM n`,
    ).bind(start, count, type),
    c.env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 + ?2 - 1)
       INSERT INTO record_index (type, search, tag, id)
       SELECT ?3, s.search, substr(hex(randomblob(3)), 1, 6), 'filler-' || i
       FROM n CROSS JOIN (SELECT 'phone' AS search UNION ALL SELECT 'national_id' UNION ALL SELECT 'name_dob') s`,
    ).bind(start, count, type),
  ]);
  return c.json({ added: count });
});

/** Lookup by blind index, exactly as the record routes do it, without token checks. */
bench.get('/__bench/lookup', async (c) => {
  const found = await findByBlindIndex(c.env, 'person', 'phone', { phone: c.req.query('phone') ?? '' }, ['name_latin']);
  return c.json({ found: found.length });
});

/** Baseline for lookup: the same record fetched by primary key. */
bench.get('/__bench/by-id', async (c) => {
  const found = await readRecords(c.env, 'person', [c.req.query('id') ?? ''], ['name_latin']);
  return c.json({ found: found.length });
});

/** Baseline for disclosure: the same record read and opened, returned as JSON with no token, policy, minimisation, signature, sealing or log. */
bench.get('/__bench/unprotected/:type/:id', async (c) => {
  const [record] = await readRecords(c.env, c.req.param('type'), [c.req.param('id')]);
  return record === undefined ? c.json({ error: 'not found' }, 404) : c.json({ records: [{ id: record.id, ...record.fields }] });
});

/** Appends `n` synthetic entries to a bench-only log shard (to time appends and grow the tree for proofs). */
bench.post('/__bench/audit/append', async (c) => {
  const n = Number(c.req.query('n') ?? '1');
  const shard = c.env.AUDIT_LOG.get(c.env.AUDIT_LOG.idFromName(c.req.query('shard') ?? 'bench'));
  const at = Math.floor(Date.now() / 1000);
  const entries = Array.from({ length: n }, (_, i) => ({ kind: 'bench', at, i, subjects: ['psn_benchmarkbenchmarkbench'], request_hash: 'x'.repeat(43) }));
  return c.json(await shard.append(entries));
});

/** An inclusion proof from a bench-only shard, for proof-generation timing at a given size. */
bench.get('/__bench/audit/proof', async (c) => {
  const shard = c.env.AUDIT_LOG.get(c.env.AUDIT_LOG.idFromName(c.req.query('shard') ?? 'bench'));
  const size = await shard.size();
  const index = Math.floor(Math.random() * size);
  const proof = await shard.inclusion(index, size);
  return c.json({ size, length: (proof as { proof: string[] } | null)?.proof.length ?? 0 });
});

/** A log that appends nothing: the benchmark-only baseline for the audit's cost on a disclosure. */
const noAuditLog = {
  idFromName: (name: string) => name,
  get: () => ({ append: async () => ({ first: 0, size: 0 }) }),
};

bench.all('*', (c) =>
  c.req.header('x-bench-no-audit') === '1'
    ? gateway.fetch(c.req.raw, { ...c.env, AUDIT_LOG: noAuditLog as unknown as GatewayEnv['AUDIT_LOG'] }, c.executionCtx)
    : gateway.fetch(c.req.raw, c.env, c.executionCtx),
);

export default {
  fetch: (request, env, ctx) => bench.fetch(request, env, ctx),
} satisfies ExportedHandler<GatewayEnv>;
