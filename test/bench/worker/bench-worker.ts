/**
 * The gateway Worker plus routes that exist only in benchmark builds (this entry and
 * wrangler.bench.toml are never deployed): baselines measured in the same run, and fast seeding of
 * filler rows so that lookups can be timed against a large store.
 */
import { adminEntry, type AdminLogEntry } from '@need2know/audit';
import { Hono, type Context } from 'hono';
import { createApp } from '../../../gateway/src/http/app.js';
import type { GatewayEnv } from '../../../gateway/src/platform/env.js';
import { readRecords } from '../../../gateway/src/services/records/read.js';
import { issuerOf, recordReaderOf, storesOf } from '../../../gateway/src/services/stores.js';
import { findByBlindIndex } from '../../../gateway/src/services/records/search.js';
import { sealDelivery } from '../../../gateway/src/services/delivery/seal-delivery.js';
import { verifyDpopProof } from '../../../gateway/src/services/oauth/dpop.js';
import { dpopProof, ephemeralDpopKey, generateClientKeys } from '@need2know/client';
import { faceDetection } from './face-detection.js';
import { photoPipeline } from './photo-pipeline.js';
import { formatTrace, TRACE_HEADER, tracedEnv, type TracedCall } from './trace-bindings.js';

export { AuditLog } from '../../../gateway/src/store/objects/audit-log/audit-log.js';
export { GrantKeyVault } from '../../../gateway/src/store/objects/grant-key-vault/grant-key-vault.js';
export { ReplayGuard } from '../../../gateway/src/store/objects/replay-guard/replay-guard.js';

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
  const found = await findByBlindIndex(recordReaderOf(c.env), 'person', 'phone', { phone: c.req.query('phone') ?? '' }, ['name_latin']);
  return c.json({ found: found.length });
});

/** Baseline for lookup: the same record fetched by primary key. */
bench.get('/__bench/by-id', async (c) => {
  const found = await readRecords(recordReaderOf(c.env), 'person', [c.req.query('id') ?? ''], ['name_latin']);
  return c.json({ found: found.length });
});

/** Baseline for disclosure: the same record read and opened, returned as JSON with no token, policy, minimisation, signature, sealing or log. */
bench.get('/__bench/unprotected/:type/:id', async (c) => {
  const trace = c.req.header('x-bench-trace') === '1';
  const calls: TracedCall[] = [];
  const start = performance.now();
  const [record] = await readRecords(recordReaderOf(trace ? tracedEnv(c.env, calls) : c.env), c.req.param('type'), [c.req.param('id')]);
  const res = record === undefined ? c.json({ error: 'not found' }, 404) : c.json({ records: [{ id: record.id, ...record.fields }] });
  if (trace) {
    res.headers.set(TRACE_HEADER, formatTrace(calls));
    res.headers.set(`${TRACE_HEADER}-total`, (performance.now() - start).toFixed(2));
  }
  return res;
});

/**
 * A synthetic log entry for timing appends: an administrative entry, which the log appends like any
 * other while the disclosure index (which reads only `disclosure` entries) passes over it.
 */
const benchEntry = (i: number, at: number): AdminLogEntry =>
  adminEntry({
    seq: i + 1,
    at,
    actor: 'system',
    action: 'bench.append',
    targetType: 'bench',
    targetId: String(i),
    detail: { subjects: ['psn_benchmarkbenchmarkbench'], request_hash: 'x'.repeat(43) },
    prevHash: '',
    hash: '',
  });

/** Appends `n` synthetic entries to a bench-only log shard (to time appends and grow the tree for proofs). */
bench.post('/__bench/audit/append', async (c) => {
  const n = Number(c.req.query('n') ?? '1');
  const shard = c.env.AUDIT_LOG.get(c.env.AUDIT_LOG.idFromName(c.req.query('shard') ?? 'bench'));
  const at = Math.floor(Date.now() / 1000);
  const entries = Array.from({ length: n }, (_, i) => benchEntry(i, at));
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

/**
 * The storage primitives a disclosure is made of, each run `n` times in a row inside the Worker:
 * mean milliseconds per call, free of HTTP and client noise (timers advance locally).
 */
bench.get('/__bench/primitives', async (c) => {
  const n = Number(c.req.query('n') ?? '50');
  const id = c.req.query('id') ?? '';
  const db = c.env.DB;
  const grant = (await db.prepare('SELECT id, purpose_id FROM grants LIMIT 1').first<{ id: string; purpose_id: string }>()) ?? { id: '', purpose_id: '' };
  const auth = () => [
    db.prepare('SELECT jti FROM revoked_tokens WHERE jti = ?').bind('x'),
    db.prepare('SELECT kind, agency_id, status, encryption_jwk FROM clients WHERE id = ?').bind('bench-tracer'),
    db.prepare('SELECT * FROM grants WHERE id = ?').bind(grant.id),
    db.prepare('SELECT * FROM purposes WHERE id = ?').bind(grant.purpose_id),
  ];
  const record = () =>
    db.prepare('SELECT * FROM records WHERE type = ?1 AND current = 1 AND id IN (SELECT value FROM json_each(?2))').bind('person', JSON.stringify([id]));
  const log = c.env.AUDIT_LOG.get(c.env.AUDIT_LOG.idFromName('primitives'));
  const guard = c.env.REPLAY_GUARD.get(c.env.REPLAY_GUARD.idFromName('primitives'));
  let k = 0;
  const nowS = Math.floor(Date.now() / 1000);
  const proofUrl = `${new URL(c.req.url).origin}/v1/records/person/x`;
  const dpopKey = await ephemeralDpopKey();
  const proof = await dpopProof(dpopKey, 'GET', proofUrl, undefined, nowS);
  const recipient = (await generateClientKeys()).public.encryption;
  const steps: Record<string, () => Promise<unknown>> = {
    'd1 SELECT 1': () => db.prepare('SELECT 1').first(),
    'd1 record row': () => record().all(),
    'd1 batch: 4 auth reads': () => db.batch(auth()),
    'd1 batch: 4 auth reads + record row': () => db.batch([...auth(), record()]),
    'd1 batch: 5 × SELECT 1': () => db.batch(Array.from({ length: 5 }, () => db.prepare('SELECT 1'))),
    'd1 insert disclosure row': () =>
      db
        .prepare(
          "INSERT INTO disclosures (id, at, client_id, agency_id, purpose_id, grant_id, action, record_type, subjects, fields, request_hash, response_hash, outcome) VALUES (?, 0, 'b', 'b', 'b', 'b', 'fetch', 'person', '[]', '{}', '', '', 'disclosed')",
        )
        .bind(`prim-${crypto.randomUUID()}`)
        .run(),
    'do replay guard: spend 1': () =>
      guard.consume([{ key: `p:${k++}:${Math.random()}`, expiresAt: Math.floor(Date.now() / 1000) + 60 }], Math.floor(Date.now() / 1000)),
    'do log: append 1': () => log.append([benchEntry(k++, 0)]),
    'do log: size (no write)': () => log.size(),
    'cpu: verify DPoP proof (Ed25519)': async () => verifyDpopProof([proof], { method: 'GET', url: proofUrl }, nowS),
    'cpu: sign + seal a disclosure (EdDSA, ECDH-ES P-256)': () =>
      sealDelivery(
        storesOf(c.env),
        issuerOf(c.env, storesOf(c.env)),
        nowS,
        { clientId: 'bench', encryptionJwk: recipient },
        { purpose: 'p', grant: 'g', request_hash: 'h', records: [{ id: 'x', name_latin: 'Sok Chanthy', phone: '+855 ** *** 412' }] },
        60,
      ),
    'd1 read + open one stored record': () => readRecords(recordReaderOf(c.env), 'person', [id]),
  };
  void k;
  const out: Record<string, number> = {};
  for (const [name, step] of Object.entries(steps)) {
    await step();
    const start = performance.now();
    for (let i = 0; i < n; i++) await step();
    out[name] = Number(((performance.now() - start) / n).toFixed(3));
  }
  return c.json(out);
});

/**
 * A log that appends nothing: the benchmark-only baseline for the audit's cost on a disclosure. The
 * rate limits and the spent proofs of record requests live in the log object, so this baseline also
 * admits every request without counting it and spends no proof.
 */
const noAuditLog = {
  idFromName: (name: string) => name,
  get: () => ({
    append: async () => ({ first: 0, size: 0 }),
    admitAndAppend: async () => ({ ok: true, replayed: false, index: 0 }),
    spendProof: async () => true,
    flushIndex: async () => undefined,
  }),
};

/** With `x-bench-trace: 1`, every storage round trip of the request is timed and returned in a header. */
async function traced(c: Context<{ Bindings: GatewayEnv }>): Promise<Response> {
  const calls: TracedCall[] = [];
  const start = performance.now();
  const res = await gateway.fetch(c.req.raw, tracedEnv(c.env, calls), c.executionCtx);
  const out = new Response(res.body, res);
  out.headers.set(TRACE_HEADER, formatTrace(calls));
  out.headers.set(`${TRACE_HEADER}-total`, (performance.now() - start).toFixed(2));
  return out;
}

bench.route('/', photoPipeline);
bench.route('/', faceDetection);

bench.all('*', (c) => {
  if (c.req.header('x-bench-trace') === '1') return traced(c);
  return c.req.header('x-bench-no-audit') === '1'
    ? gateway.fetch(c.req.raw, { ...c.env, AUDIT_LOG: noAuditLog as unknown as GatewayEnv['AUDIT_LOG'] }, c.executionCtx)
    : gateway.fetch(c.req.raw, c.env, c.executionCtx);
});

export default {
  fetch: (request, env, ctx) => bench.fetch(request, env, ctx),
} satisfies ExportedHandler<GatewayEnv>;
