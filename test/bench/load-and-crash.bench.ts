/**
 * Load and crash check (`npm run bench:load-crash`), against a local gateway on 127.0.0.1 only:
 *
 * 1. 10,000 mixed requests at concurrency 50 (record fetches found and missing, ingest batches of 5,
 *    liveness): errors, p50/p99, and log entries expected (every answer that must be logged) against
 *    those found in the log.
 * 2. Five rounds of load and ingest during which the gateway is killed with SIGKILL (the whole
 *    `wrangler dev` process tree, by process id) and started again on the same state, then checks:
 *    the log's chain verifies (whole export through `n2k audit verify`'s code), every disclosure
 *    answer received was logged exactly once, and no ingest batch is half-stored (5 of 5 or 0 of 5
 *    readable; 5 of 5 for every batch answered 200).
 *
 * Bounded: `--requests N` (default 10,000), `--crash-requests N` per round (default 600), five
 * rounds, and a 20-minute deadline after which it stops and reports what it has.
 */
import { ExportReader } from '@need2know/audit';
import { generateDataset } from '@need2know/demo-data';
import { GatewaySession, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveExport, verifyExportFile } from '../../scripts/lib/audit-cli.js';
import { startDevGateway, WRANGLER_ENV, type DevGateway } from '../../scripts/lib/wrangler-dev.js';
import { startLocalGateway } from '../support/local-gateway.js';
import { environment } from './lib/measure.js';
import { setUpTracing } from './lib/tracing-fixture.js';

const PORT = 8796;
const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1] ?? NaN) || fallback;
const REQUESTS = arg('requests', 10_000);
const CRASH_REQUESTS = arg('crash-requests', 600);
const CONCURRENCY = 50;
const KILLS = 5;
const BATCH = 5;
const DEADLINE = Date.now() + 20 * 60_000;
const ROOT = join(import.meta.dirname, '..', '..');

const people = [...generateDataset({ seed: 'bench-load', persons: 500 }).persons];
const fresh = [...generateDataset({ seed: 'bench-load-ingest', persons: 2_000 }).persons];

/** Everything observed from the client side. */
const seen = {
  disclosureIds: new Set<string>(),
  notFound: 0,
  ingestBatches: new Map<string, { ids: string[]; status: number | 'no answer' }>(),
};
let batchCounter = 0;

/** Every process below `pid` (from /proc), so that a SIGKILL leaves no orphaned workerd behind. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function kill9(gateway: DevGateway): void {
  const pid = gateway.child.pid;
  if (pid === undefined) return;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

type Result = { readonly op: string; readonly status: number | 'no answer'; readonly ms: number };

/** One request of the mix; `ingestShare` of them are ingest batches. */
function pickOp(tracer: GatewaySession, loader: GatewaySession, url: string, ingestShare: number): () => Promise<Result> {
  const r = Math.random();
  const timed = async (op: string, send: () => Promise<Response>, after?: (res: Response) => Promise<void> | void): Promise<Result> => {
    const started = performance.now();
    try {
      const res = await send();
      await after?.(res);
      await res.arrayBuffer();
      return { op, status: res.status, ms: performance.now() - started };
    } catch {
      return { op, status: 'no answer', ms: performance.now() - started };
    }
  };
  if (r < ingestShare) {
    const key = `b${batchCounter++}`;
    const ids = Array.from({ length: BATCH }, (_, k) => `ld-${key}-${k}`);
    const records = ids.map((id, k) => ({ ...(fresh[(batchCounter * BATCH + k) % fresh.length] as object), id }));
    const batch = { ids, status: 'no answer' as number | 'no answer' };
    seen.ingestBatches.set(key, batch);
    return () =>
      timed(
        'ingest',
        () => loader.fetch('/v1/ingest/person', { method: 'POST', body: JSON.stringify({ records }), headers: { 'content-type': 'application/json' } }),
        (res) => {
          batch.status = res.status;
        },
      );
  }
  const rest = (r - ingestShare) / (1 - ingestShare);
  if (rest < 0.8) {
    const id = (people[Math.floor(Math.random() * people.length)] as { id: string }).id;
    return () =>
      timed(
        'fetch',
        () => tracer.fetch(`/v1/records/person/${id}`),
        (res) => {
          const disclosure = res.headers.get('n2k-disclosure-id');
          if (res.status === 200 && disclosure !== null) seen.disclosureIds.add(disclosure);
        },
      );
  }
  if (rest < 0.95) {
    return () =>
      timed(
        'fetch missing',
        () => tracer.fetch(`/v1/records/person/psn-missing-${Math.floor(Math.random() * 1e9)}`),
        (res) => {
          if (res.status === 404) seen.notFound++;
        },
      );
  }
  return () => timed('healthz', () => fetch(`${url}/healthz`));
}

/** Runs `total` requests at {@link CONCURRENCY}, stopping early at the deadline or when `stop()` says so. */
async function load(total: number, next: () => () => Promise<Result>, stop: () => boolean = () => false): Promise<Result[]> {
  const results: Result[] = [];
  let issued = 0;
  const worker = async () => {
    while (issued < total && Date.now() < DEADLINE && !stop()) {
      issued++;
      results.push(await next()());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

/** Counts of results by operation and status, e.g. `fetch 500 ×3`. */
const describe = (results: readonly Result[]) => {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(`${r.op} ${r.status}`, (counts.get(`${r.op} ${r.status}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Counts the log's entries from `from` on, by kind (and disclosures by outcome), and how often each disclosure id appears. */
async function logCounts(officer: { fetchPath(path: string): Promise<Response> }, from: number) {
  const res = await officer.fetchPath(`/v1/audit/export?from=${from}`);
  const kinds = new Map<string, number>();
  const ids = new Map<string, number>();
  let end = from;
  const reader = new ExportReader({
    field: (name, value) => {
      if (name === 'end') end = value as number;
    },
    entry: (value) => {
      const e = (value as { entry: Record<string, unknown> }).entry;
      const kind = e.kind === 'disclosure' ? `disclosure:${String(e.outcome)}` : String(e.kind);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (e.kind === 'disclosure' && typeof e.id === 'string') ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) reader.push(decoder.decode(chunk, { stream: true }));
  reader.end();
  return { kinds, ids, end };
}

const local = await startLocalGateway(PORT, { stdio: 'ignore' });
let gateway: DevGateway = local.gateway;
const work = mkdtempSync(join(tmpdir(), 'n2k-load-'));
try {
  const url = gateway.url;
  const officer = local.officers[0];
  if (officer === undefined) throw new Error('no officer');
  const tracer = await setUpTracing(local, { rules: { person: { name_latin: 'clear', phone: 'masked' } }, actions: ['fetch'], persons: people });
  // Ingest runs as a second data owner client of the scene's police agency.
  const keys = await generateClientKeys();
  await local.registerClient({
    id: 'load-owner',
    kind: 'data_owner',
    agency_id: 'bench-police',
    name: 'Load loader',
    signing_jwks: { keys: [keys.public.signing] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: ['person'],
  });
  const loader = await GatewaySession.open({
    issuer: url,
    clientId: 'load-owner',
    signingKey: await signingKeyFromJwk(keys.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person'] }] },
    renewBefore: 120,
  });

  // 1. Mixed load.
  const before = (await logCounts(officer, 0)).end;
  const started = performance.now();
  const mixed = await load(REQUESTS, () => pickOp(tracer, loader, url, 0.1));
  const seconds = (performance.now() - started) / 1000;
  const after = await logCounts(officer, before);
  const byOp = new Map<string, Result[]>();
  for (const r of mixed) byOp.set(r.op, [...(byOp.get(r.op) ?? []), r]);
  const errors = mixed.filter(
    (r) =>
      r.status === 'no answer' ||
      r.status >= 500 ||
      (r.op === 'fetch' && r.status !== 200) ||
      (r.op === 'fetch missing' && r.status !== 404) ||
      (r.op === 'ingest' && r.status !== 200),
  );
  const lat = mixed.map((r) => r.ms).sort((a, b) => a - b);
  const answered = (op: string, status: number) => (byOp.get(op) ?? []).filter((r) => r.status === status).length;
  const expected = answered('fetch', 200) + answered('fetch missing', 404) + answered('ingest', 200);
  const found = (after.kinds.get('disclosure:disclosed') ?? 0) + (after.kinds.get('disclosure:not_found') ?? 0) + (after.kinds.get('ingest') ?? 0);

  console.log(`\nEnvironment: ${environment()}; gateway: wrangler dev (workerd), local D1 and Durable Objects, 127.0.0.1\n`);
  console.log(`### ${mixed.length.toLocaleString('en-US')} mixed requests at concurrency ${CONCURRENCY}\n`);
  console.log('| requests | errors | throughput | p50 | p99 | log entries expected | found | other entries meanwhile |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const others = [...after.kinds]
    .filter(([k]) => !['disclosure:disclosed', 'disclosure:not_found', 'ingest'].includes(k))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `| ${mixed.length} | ${errors.length} | ${(mixed.length / seconds).toFixed(0)} req/s | ${pct(lat, 0.5).toFixed(1)} ms | ${pct(lat, 0.99).toFixed(1)} ms | ${expected} | ${found} | ${others || 'none'} |`,
  );
  console.log(`\nmix: ${[...byOp].map(([op, rs]) => `${op} ${rs.length}`).join(', ')}${errors.length === 0 ? '' : `; errors: ${describe(errors)}`}`);

  // 2. Kill -9 under load and ingest.
  const rounds: { requests: number; answered: number; noAnswer: number; restartMs: number }[] = [];
  for (let round = 0; round < KILLS && Date.now() < DEADLINE; round++) {
    let killed = false;
    const killAfter = 2_000 + Math.random() * 3_000;
    const running = load(
      CRASH_REQUESTS,
      () => pickOp(tracer, loader, url, 0.5),
      () => killed,
    );
    await new Promise((r) => setTimeout(r, killAfter));
    kill9(gateway);
    killed = true;
    const results = await running;
    const restartStarted = performance.now();
    gateway = await startDevGateway({ port: PORT, persistTo: local.state, stdio: 'ignore', vars: local.vars });
    rounds.push({
      requests: results.length,
      answered: results.filter((r) => r.status !== 'no answer').length,
      noAnswer: results.filter((r) => r.status === 'no answer').length,
      restartMs: performance.now() - restartStarted,
    });
  }
  // After the last restart the gateway serves as before.
  const settle = await load(200, () => pickOp(tracer, loader, url, 0.3));

  // Checks: the chain, every disclosure answer logged once, no ingest batch half-stored.
  const file = join(work, 'log.json');
  const { vkey } = (await (await fetch(`${url}/v1/audit/key`)).json()) as { vkey: string };
  await saveExport((path) => officer.fetchPath(path), { from: 0 }, file);
  const verdict = await verifyExportFile(file, vkey);
  const whole = await logCounts(officer, 0);
  const loggedOnce = [...seen.disclosureIds].filter((id) => whole.ids.get(id) === 1).length;
  await gateway.stop();
  const query = spawnSync(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', local.state, '--json', '--command', "SELECT id, current, pending FROM records WHERE id LIKE 'ld-%'"],
    { cwd: ROOT, env: WRANGLER_ENV, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const rows = (JSON.parse(query.stdout) as { results: { id: string; current: number; pending: number }[] }[])[0]?.results ?? [];
  const current = new Set(rows.filter((r) => r.current === 1).map((r) => r.id));
  const pendingOnly = new Set(rows.filter((r) => r.pending === 1).map((r) => r.id));
  let half = 0;
  let answeredNotStored = 0;
  let full = 0;
  for (const batch of seen.ingestBatches.values()) {
    const stored = batch.ids.filter((id) => current.has(id)).length;
    if (stored !== 0 && stored !== BATCH) half++;
    if (stored === BATCH) full++;
    if (batch.status === 200 && stored !== BATCH) answeredNotStored++;
  }

  console.log(
    `\n### kill -9 of the gateway ${rounds.length} times under load and ingest (${CRASH_REQUESTS} requests a round, half ingest batches of ${BATCH})\n`,
  );
  console.log('| round | requests sent | answered | no answer (killed) | restart to ready |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const [i, r] of rounds.entries()) console.log(`| ${i + 1} | ${r.requests} | ${r.answered} | ${r.noAnswer} | ${(r.restartMs / 1000).toFixed(1)} s |`);
  const settleErrors = settle.filter((r) => r.status === 'no answer' || (typeof r.status === 'number' && r.status >= 500));
  console.log(
    `\nafter the last restart: ${settle.length} requests, ${settleErrors.length} errors${settleErrors.length === 0 ? '' : ` (${describe(settleErrors)})`}`,
  );
  console.log('\n| what must hold | result |');
  console.log('| --- | --- |');
  console.log(
    `| the log's chain verifies (whole export, ${whole.end.toLocaleString('en-US')} entries) | ${
      verdict.ok
        ? 'yes'
        : `NO: ${verdict.problems
            .slice(0, 3)
            .map((p) => p.code)
            .join(', ')}`
    } |`,
  );
  console.log(`| every disclosure answer received is logged exactly once | ${loggedOnce} of ${seen.disclosureIds.size} |`);
  console.log(
    `| ingest batches half-stored | ${half} of ${seen.ingestBatches.size} (${full} fully stored, the rest none; ${pendingOnly.size} records left pending, unread) |`,
  );
  console.log(`| ingest batches answered 200 but not fully stored | ${answeredNotStored} |`);
  console.log(`| ingest entries in the log / batches fully stored | ${whole.kinds.get('ingest') ?? 0} / ${full} |`);
} finally {
  try {
    await gateway.stop();
  } finally {
    rmSync(work, { recursive: true, force: true });
    await local.close();
  }
}
