/**
 * Helpers for the statistics tests: the synthetic demo data ingested through the real ingest path,
 * statistics grants inserted as a second officer would leave them, tokens and calls.
 */
import { dpopProof } from '@need2know/client';
import { generateDataset, type Dataset } from '@need2know/demo-data';
import { Hierarchy } from '@need2know/stats';
import { randomToken } from '../../gateway/src/platform/lib/random.js';
import type { TableAccess } from '@need2know/policy';
import { insertStatsGrant, type StatsGrant } from '../../gateway/src/store/d1/stats/grants.js';
import { seed } from './disclosure-harness.js';
import { accessTokenFor, createAgency, createClient, gatewayEnv, ISSUER, uniq, type TestClient, type testGateway } from './harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** Ingest batch size (the route's limit). */
const BATCH = 500;

/** A small demo dataset, its cases, health cases and discipline records ingested. */
export async function seedDemo(persons: number, seedName = 'stats-test'): Promise<Dataset> {
  const data = generateDataset({ seed: seedName, persons });
  for (const [type, records] of [
    ['case', [...data.cases]],
    ['health_case', [...data.healthCases]],
    ['officer_discipline', [...data.disciplines]],
  ] as const) {
    for (let i = 0; i < records.length; i += BATCH) await seed(type, records.slice(i, i + BATCH) as unknown as Record<string, unknown>[]);
  }
  return data;
}

/** A partner agency holding a live statistics grant with `tables`. */
export async function statsPartner(
  gateway: Gateway,
  tables: Record<string, TableAccess>,
  budgetMicro = 0,
): Promise<{ client: TestClient; grant: StatsGrant; token: string }> {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const now = gateway.clock.now;
  const grant: StatsGrant = {
    id: `sgr_${randomToken(12)}`,
    agencyId,
    purpose: uniq('stats-purpose'),
    legalBasis: 'Sub-decree on safe villages and communes, art. 9',
    tables,
    epsilonBudgetMicro: budgetMicro,
    notBefore: now - 60,
    notAfter: now + 30 * 86_400,
    status: 'active',
    etag: randomToken(),
    requestedBy: 'officer-a',
    approvedBy: 'officer-b',
    createdAt: now,
    updatedAt: now,
  };
  await insertStatsGrant(gatewayEnv.DB, grant).run();
  const token = await accessTokenFor(gateway, client, { type: 'stats_access', purpose: grant.purpose });
  return { client, grant, token };
}

/** GET a statistics path with a DPoP-bound token (a fresh proof each time). */
export async function getStats(gateway: Gateway, client: TestClient, token: string, path: string): Promise<Response> {
  const proof = await dpopProof(client.dpopKey, 'GET', `${ISSUER}${path.split('?')[0]}`, token, gateway.clock.now);
  return gateway.request(path, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
}

/** A release as JSON. */
export interface ReleaseJson {
  release: string;
  parameters: Record<string, unknown>;
  protection: Record<string, unknown> & { method: string };
  dimensions: Array<{ name: string; levels: string[]; nodes: Array<{ code: string; level: string; parent: string | null }> }>;
  cells: Array<Record<string, string | number | null>>;
}

/** The hierarchies of a release, rebuilt from what it publishes about its dimensions. */
export function hierarchiesOf(doc: ReleaseJson): Hierarchy[] {
  return doc.dimensions.map((d) => {
    const byCode = new Map(d.nodes.map((n) => [n.code, n]));
    const root = d.nodes.find((n) => n.parent === null)?.code ?? '';
    const leaves = d.nodes.filter((n) => n.level === d.levels.at(-1) && n.parent !== null);
    const paths = leaves.map((leaf) => {
      const path: string[] = [];
      for (let n: typeof leaf | undefined = leaf; n !== undefined && n.parent !== null; n = byCode.get(n.parent)) path.unshift(n.code);
      return path;
    });
    return Hierarchy.fromPaths(d.name, d.levels, root, paths);
  });
}
