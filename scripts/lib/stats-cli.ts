/**
 * `npm run n2k -- stats …`: aggregate statistics from the command line. Privacy officers manage the
 * public tier, statistics grants, the ledger and the place list; anyone reads public tables; a demo
 * partner reads the tables its statistics grant opens.
 */
import { places } from '@need2know/demo-data';
import { GatewaySession, signingKeyFromJwk } from '@need2know/client';
import { readFileSync } from 'node:fs';
import { AdminClient, type Json } from './admin-client.js';
import { parseWhen, printTable } from './cli-output.js';
import { readCredentials, type CredentialsFile } from './local-files.js';

export const STATS_HELP = `Statistics (/v1/stats/)
  stats tables                                        public tier of each table, and what it spent
  stats public TABLE enabled=true threshold=10 methods=suppression[,dp] [max_epsilon=E budget=E]
                                                      set a public tier (wider: waits for a second officer;
                                                      a threshold is one of 5 10 15 20 30 50 100 200 500 1000)
  stats grants | grant --file GRANT.json | revoke ID  statistics grants (a new one waits for a second officer)
  stats requests | approve ID | reject ID             statistics changes awaiting a second officer
  stats ledger | releases                             ε spent per consumer and purpose; the release register
  stats places-load                                   load the demo place list (needed below province for ε-DP)
  stats get TABLE [key=value …] [--client ID --purpose P]
                                                      a table: public without --client, else as that demo
                                                      partner (keys: level period year from to province
                                                      protection epsilon bound format shape; the threshold
                                                      is the grant's or the public tier's, not the caller's)
  stats demo                                          demo set-up: place list, public crime tier, and a
                                                      health grant with differential privacy for the MoH
`;

/** What the stats commands need from the command line. */
export interface StatsOptions {
  readonly args: readonly string[];
  readonly admin: () => Promise<AdminClient>;
  readonly gateway: string;
  readonly credentials: string;
  readonly reason: string;
  readonly file?: string;
  readonly client?: string;
  readonly purpose?: string;
  readonly json: boolean;
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

/** `key=value` arguments as an object. */
function pairs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new Error(`expected key=value, got ${a}`);
    out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

/** Reads a table: publicly, or as a demo partner with a `stats_access` token. */
async function getTable(o: StatsOptions, table: string, params: Record<string, string>): Promise<void> {
  const path = `/v1/stats/${o.client === undefined ? 'public' : 'tables'}/${table}?${new URLSearchParams(params).toString()}`;
  let response: Response;
  if (o.client === undefined) response = await fetch(`${o.gateway}${path}`);
  else {
    const creds = readCredentials(o.credentials);
    const client = creds?.clients.find((c) => c.client_id === o.client);
    if (creds === null || client === undefined || o.purpose === undefined)
      throw new Error('--client must be a demo client and --purpose its statistics purpose');
    const session = await GatewaySession.open({
      issuer: o.gateway,
      clientId: client.client_id,
      signingKey: await signingKeyFromJwk(client.signing_jwk),
      request: { authorizationDetails: [{ type: 'stats_access', purpose: o.purpose }] },
    });
    response = await session.fetch(path);
  }
  const text = await response.text();
  if (!response.ok) {
    console.error(`refused: ${response.status}`);
    console.error(text);
    process.exitCode = 1;
    return;
  }
  console.log(text);
}

/** Demo set-up: the place list, the public crime tier, a health grant with ε for the health ministry. */
async function demo(o: StatsOptions, creds: CredentialsFile): Promise<void> {
  const [first, second] = creds.privacy_officers;
  if (first === undefined || second === undefined) throw new Error('the demo needs two privacy officers');
  const a = await AdminClient.signIn(o.gateway, first);
  const b = await AdminClient.signIn(o.gateway, second);
  const codes = places.communes.flatMap((c) => [c.provinceCode, c.districtCode, c.code]);
  await a.put('/stats/places', { codes: [...new Set(codes)], reason: 'demo place list' });
  const opened = await a.put<{ pending_request?: string }>('/stats/tables/crime/public', {
    enabled: true,
    threshold: 10,
    methods: ['suppression'],
    reason: 'publish the safe-village figures',
  });
  if (opened.pending_request !== undefined) await b.post(`/stats/requests/${opened.pending_request}/approve`, { reason: 'second officer, demo' });
  const moh = creds.clients.find((c) => c.kind === 'partner' && c.agency.includes('health')) ?? creds.clients.find((c) => c.kind === 'partner');
  if (moh === undefined) throw new Error('no demo partner');
  const asked = await a.post<{ pending_request: string; grant_id: string }>('/stats/grants', {
    agency_id: moh.agency,
    purpose: 'outbreak-monitoring',
    legal_basis: 'Law on Measures to Prevent the Spread of COVID-19 (2021), art. 4',
    tables: { health: { threshold: 5, methods: ['suppression', 'dp'], max_epsilon: '1' }, crime: { threshold: 5, methods: ['suppression'] } },
    epsilon_budget: '5',
    not_before: parseWhen('now'),
    not_after: parseWhen('+90d'),
    reason: 'weekly outbreak figures by commune',
  });
  await b.post(`/stats/requests/${asked.pending_request}/approve`, { reason: 'second officer, demo' });
  console.log(
    `place list: ${new Set(codes).size} codes; public tier: crime; statistics grant ${asked.grant_id} for ${moh.client_id} (purpose outbreak-monitoring)`,
  );
  console.log(`try: npm run n2k -- stats get crime level=province period=month year=2025 province=12 shape=series`);
  console.log(
    `     npm run n2k -- stats get health level=province from=2026-W10 to=2026-W26 protection=dp epsilon=0.5 --client ${moh.client_id} --purpose outbreak-monitoring`,
  );
}

/** Runs `stats <action> …`. */
export async function statsCommand(o: StatsOptions): Promise<void> {
  const [action, id, ...rest] = o.args;
  const list = async (path: string, key: string, columns: string[]) => {
    const body = await (await o.admin()).get<Record<string, Json[]>>(path);
    if (o.json) print(body);
    else printTable(body[key] ?? [], columns);
  };
  switch (action) {
    case 'tables':
      return list('/stats/tables', 'tables', ['table', 'enabled', 'threshold', 'methods', 'max_epsilon', 'budget', 'spent', 'updated_by']);
    case 'public': {
      const p = pairs(rest);
      const body = {
        enabled: p.enabled === 'true',
        threshold: Number(p.threshold ?? 10),
        methods: (p.methods ?? 'suppression').split(','),
        max_epsilon: p.max_epsilon ?? '0',
        budget: p.budget ?? '0',
        reason: o.reason,
      };
      return print(await (await o.admin()).put(`/stats/tables/${id}/public`, body));
    }
    case 'grants':
      return list('/stats/grants', 'grants', ['id', 'agency_id', 'purpose', 'status', 'epsilon_budget', 'epsilon_spent', 'not_after', 'tables']);
    case 'grant':
      if (o.file === undefined) throw new Error('--file GRANT.json is required');
      return print(await (await o.admin()).post('/stats/grants', JSON.parse(readFileSync(o.file, 'utf8')) as Json));
    case 'revoke':
      return print(await (await o.admin()).post(`/stats/grants/${id}/revoke`, { reason: o.reason }));
    case 'requests':
      return list('/stats/requests', 'requests', ['id', 'kind', 'target_id', 'requested_by', 'requested_at', 'reason']);
    case 'approve':
    case 'reject':
      return print(await (await o.admin()).post(`/stats/requests/${id}/${action}`, { reason: o.reason }));
    case 'ledger':
      return list('/stats/ledger', 'ledgers', ['consumer', 'purpose', 'spent', 'spends', 'last_spend_at']);
    case 'releases':
      return list('/stats/releases', 'releases', ['id', 'consumer', 'purpose', 'table', 'parameters', 'protection', 'withheld', 'log_index', 'created_at']);
    case 'places-load': {
      const codes = [...new Set(places.communes.flatMap((c) => [c.provinceCode, c.districtCode, c.code]))];
      return print(await (await o.admin()).put('/stats/places', { codes, reason: o.reason || 'demo place list' }));
    }
    case 'get':
      if (id === undefined) throw new Error('usage: stats get TABLE [key=value …]');
      return getTable(o, id, pairs(rest));
    case 'demo': {
      const creds = readCredentials(o.credentials);
      if (creds === null) throw new Error('no credentials: run npm start first');
      return demo(o, creds);
    }
    default:
      throw new Error(`unknown stats command (see --help)\n\n${STATS_HELP}`);
  }
}
