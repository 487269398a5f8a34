/**
 * `npm run n2k -- <command>`: the privacy officer's command line. Every command goes through the
 * same admin API as the console, signed in as a privacy officer from the local credentials file.
 */
import { GatewayError, GatewaySession, signingKeyFromJwk } from '@need2know/client';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { grantScope } from './lib/grant-scope-cli.js';
import { AdminClient, type Json } from './lib/admin-client.js';
import { saveExport, verifyExportFile } from './lib/audit-cli.js';
import { countLines, loadRecords, ndjsonRecords, readCheckpoint, writeCheckpoint } from './lib/bulk-load.js';
import { parseDuration, parseWhen, printTable } from './lib/cli-output.js';
import { printDailyReport, printRecordTypes, type DailyReportBody, type RecordTypesBody } from './lib/reports-cli.js';
import { loadDemoDataset } from './lib/demo-data-load.js';
import { CREDENTIALS, readCredentials } from './lib/local-files.js';
import { statsCommand } from './lib/stats-cli.js';
import { runTrace, type ViewTrace } from './lib/trace.js';
import { HELP } from './lib/n2k-help.js';
import { cancelMediaUpload, type OwnerClient, setMediaRegions, uploadMedia } from './lib/media-cli.js';
import { UploadInterrupted } from './lib/video/upload-stop.js';
import { rewrapAll, rewrapExitCode } from './lib/rewrap-cli.js';
import { scaledCopiesAll, scaledCopiesExitCode } from './lib/scaled-copies-cli.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    as: { type: 'string' },
    gateway: { type: 'string' },
    credentials: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    id: { type: 'string' },
    name: { type: 'string' },
    'name-km': { type: 'string' },
    kind: { type: 'string' },
    agency: { type: 'string' },
    jwks: { type: 'string' },
    'encryption-jwk': { type: 'string' },
    'ingest-types': { type: 'string' },
    file: { type: 'string' },
    'officer-requests-per-minute': { type: 'string' },
    'reason-required': { type: 'string' },
    'officer-persons-per-hour': { type: 'string' },
    status: { type: 'string' },
    purpose: { type: 'string' },
    from: { type: 'string' },
    until: { type: 'string' },
    'data-life': { type: 'string' },
    records: { type: 'string' },
    'sensitive-cases': { type: 'boolean', default: false },
    places: { type: 'string' },
    since: { type: 'string' },
    through: { type: 'string' },
    links: { type: 'string' },
    'all-records': { type: 'boolean', default: false },
    note: { type: 'string' },
    reason: { type: 'string', default: '' },
    after: { type: 'string' },
    limit: { type: 'string' },
    client: { type: 'string' },
    type: { type: 'string' },
    batch: { type: 'string' },
    persons: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    vkey: { type: 'string' },
    to: { type: 'string' },
    days: { type: 'string' },
    'time-zone': { type: 'string' },
    'national-id': { type: 'string' },
    ref: { type: 'string' },
    regions: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

function need(name: keyof typeof opts): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new Error(`--${name} is required`);
  return v;
}

/** The gateway URL: --gateway, else the issuer in the credentials file, else the local default. */
const gatewayUrl = () => opts.gateway ?? readCredentials(opts.credentials ?? CREDENTIALS)?.issuer ?? 'http://127.0.0.1:8787';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;
const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

async function admin(): Promise<AdminClient> {
  const creds = readCredentials(opts.credentials ?? CREDENTIALS);
  if (creds === null) throw new Error(`no credentials at ${opts.credentials ?? CREDENTIALS}: run npm start first`);
  const officer = opts.as === undefined ? creds.privacy_officers[0] : creds.privacy_officers.find((o) => o.client_id === opts.as);
  if (officer === undefined) throw new Error(`no privacy officer ${opts.as ?? ''} in the credentials file`);
  return AdminClient.signIn(opts.gateway ?? creds.issuer, officer);
}

async function partnerSession(): Promise<GatewaySession> {
  const creds = readCredentials(opts.credentials ?? CREDENTIALS);
  const client = creds?.clients.find((c) => c.client_id === need('client'));
  if (creds === null || client === undefined) throw new Error('unknown demo client');
  return GatewaySession.open({
    issuer: opts.gateway ?? creds.issuer,
    clientId: client.client_id,
    signingKey: await signingKeyFromJwk(client.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_access', purpose: need('purpose') }] },
  });
}

const list = async (path: string, key: string, columns: string[]) => {
  const body = await (await admin()).get<Record<string, Json[]>>(path);
  if (opts.json) print(body);
  else printTable(body[key] ?? [], columns);
};

async function grants(action: string | undefined, id: string | undefined, extra: string | undefined): Promise<void> {
  const a = await admin();
  const reason = opts.reason ?? '';
  switch (action) {
    case 'list': {
      const body = await a.get<{ grants: Json[] }>(`/grants${opts.status === undefined ? '' : `?status=${encodeURIComponent(opts.status)}`}`);
      if (opts.json) return print(body);
      return printTable(
        body.grants.map((g) => ({ ...g, open_request: (g.requests as Json[]).find((r) => r.status === 'pending')?.id ?? '' })),
        ['id', 'purpose_id', 'agency_id', 'status', 'live', 'not_before', 'not_after', 'open_request'],
      );
    }
    case 'show':
      return print(await a.get(`/grants/${id}`));
    case 'requests': {
      const body = await a.get<{ requests: Json[] }>('/grant-requests');
      return opts.json ? print(body) : printTable(body.requests, ['id', 'grant_id', 'action', 'new_not_after', 'requested_by', 'requested_at', 'reason']);
    }
    case 'create':
      return print(
        await a.post('/grants', {
          purpose_id: need('purpose'),
          agency_id: need('agency'),
          not_before: parseWhen(opts.from ?? 'now'),
          not_after: parseWhen(need('until')),
          data_life_seconds: parseDuration(need('data-life')),
          ...(opts.records === undefined ? {} : { record_ids: opts.records.split(',') }),
          ...(opts['sensitive-cases'] ? { sensitive_cases: true } : {}),
          note: opts.note ?? '',
        }),
      );
    case 'approve':
    case 'reject':
      if (extra === undefined) throw new Error(`usage: grants ${action} GRANT_ID REQUEST_ID`);
      return print(await a.post(`/grants/${id}/requests/${extra}/${action}`, { reason }));
    case 'extend':
    case 'shorten':
      return print(await a.post(`/grants/${id}/${action}`, { not_after: parseWhen(need('until')), reason }));
    case 'suspend':
    case 'resume':
    case 'revoke':
    case 'leadership-approve':
      return print(await a.post(`/grants/${id}/${action}`, { reason }));
    case 'scope': {
      if (id === undefined) throw new Error('usage: grants scope GRANT_ID [--places …] [--since …] [--through …] [--links …] [--all-records]');
      const out = await grantScope(a, id, opts, opts.json);
      return typeof out === 'string' ? console.log(out) : print(out);
    }
    default:
      throw new Error('unknown grants command (see --help)');
  }
}

/**
 * A purpose body with the per-officer limits and `--reason-required yes|no` given on the command line,
 * if any, replacing the file's (whether record requests must state a reference and a reason).
 */
function withOfficerLimits(body: Json): Json {
  const limit = (flag: 'officer-requests-per-minute' | 'officer-persons-per-hour') => {
    const value = opts[flag];
    if (value === undefined) return {};
    if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`--${flag} takes a positive whole number`);
    return { [flag.replace(/-/g, '_')]: Number(value) };
  };
  const required = opts['reason-required'];
  if (required !== undefined && required !== 'yes' && required !== 'no') throw new Error('--reason-required takes yes or no');
  const reason = required === undefined ? {} : { reason_required: required === 'yes' };
  return { ...body, ...limit('officer-requests-per-minute'), ...limit('officer-persons-per-hour'), ...reason };
}

/** Prints an officer whose enrolment code waits for a second officer's approval. */
function printOfficerRequest(body: Json): void {
  if (opts.json) {
    print(body);
    return;
  }
  const request = String((body.pending_requests as string[] | undefined)?.[0]);
  console.log(`officer ${String(body.id)} (${String(body.name)}, ${String(body.agency_id)})`);
  console.log(`waiting for a second privacy officer: request ${request}`);
  console.log(`They approve it with \`n2k requests approve ${request} --reason TEXT\` and receive the one-time enrolment code.`);
}

/** Prints an approval; one that hands out an enrolment code shows it, once (only its hash is stored). */
function printApproval(body: Json): void {
  if (opts.json || body.enrolment_code === undefined) {
    print(body);
    return;
  }
  console.log(`approved ${String(body.kind)} for ${String(body.target_id)}`);
  console.log(`enrolment code: ${String(body.enrolment_code)}   valid until ${String(body.code_expires_at)}`);
  console.log('Hand it to the officer; they enter it in the need2know viewer extension. It works once and is not shown again.');
}

async function main(): Promise<void> {
  const [group, action, id, extra] = positionals;
  if (opts.help || group === undefined) return void console.log(HELP);
  switch (`${group} ${action ?? ''}`.trim()) {
    case 'agencies list':
      return list('/agencies', 'agencies', ['id', 'name', 'name_km']);
    case 'agencies create':
      return print(
        await (await admin()).post('/agencies', { id: need('id'), name: need('name'), ...(opts['name-km'] === undefined ? {} : { name_km: opts['name-km'] }) }),
      );
    case 'clients list':
      return list('/clients', 'clients', ['id', 'kind', 'agency_id', 'status', 'name']);
    case 'clients show':
      return print(await (await admin()).get(`/clients/${id}`));
    case 'clients suspend':
    case 'clients resume':
      return print(await (await admin()).patch(`/clients/${id}`, { status: action === 'suspend' ? 'suspended' : 'active', reason: opts.reason }));
    case 'clients create':
      return print(
        await (await admin()).post('/clients', {
          id: need('id'),
          kind: need('kind'),
          agency_id: need('agency'),
          name: need('name'),
          signing_jwks: readJson(need('jwks')),
          ...(opts['encryption-jwk'] === undefined ? {} : { encryption_jwk: readJson(opts['encryption-jwk']) }),
          ingest_types: opts['ingest-types']?.split(',') ?? [],
        }),
      );
    case 'officers list':
      return list(`/officers${opts.agency === undefined ? '' : `?agency_id=${encodeURIComponent(opts.agency)}`}`, 'officers', [
        'id',
        'agency_id',
        'status',
        'enrolled',
        'code_expires_at',
        'name',
      ]);
    case 'officers create':
      return printOfficerRequest(
        await (await admin()).post('/officers', { id: need('id'), agency_id: need('agency'), name: need('name'), reason: opts.reason }),
      );
    case 'officers code':
      return printOfficerRequest(await (await admin()).post(`/officers/${id}/enrolment-code`, { reason: opts.reason }));
    case 'officers suspend':
    case 'officers resume':
      return print(await (await admin()).patch(`/clients/${id}`, { status: action === 'suspend' ? 'suspended' : 'active', reason: opts.reason }));
    case 'views show':
      return print(await (await admin()).get(`/views/${id}`));
    case 'purposes list':
      return list('/purposes', 'purposes', ['id', 'status', 'version', 'agencies', 'reason_required', 'title']);
    case 'purposes show':
      return print(await (await admin()).get(`/purposes/${id}`));
    case 'purposes create':
      return print(await (await admin()).post('/purposes', withOfficerLimits(readJson(need('file')))));
    case 'purposes update':
      return print(await (await admin()).put(`/purposes/${id}`, withOfficerLimits(readJson(need('file')))));
    case 'requests':
    case 'requests list': {
      const body = await (await admin()).get<{ requests: Json[] }>(`/requests?status=${opts.status ?? 'pending'}`);
      return opts.json ? print(body) : printTable(body.requests, ['id', 'kind', 'target_id', 'status', 'requested_by', 'requested_at', 'reason']);
    }
    case 'requests approve':
      return printApproval(await (await admin()).post(`/requests/${id}/approve`, { reason: opts.reason }));
    case 'requests reject':
      return print(await (await admin()).post(`/requests/${id}/reject`, { reason: opts.reason }));
    case 'events': {
      const body = await (await admin()).get<{ events: Json[] }>(`/events?after=${opts.after ?? 0}&limit=${opts.limit ?? 100}`);
      return opts.json ? print(body) : printTable(body.events, ['seq', 'at', 'actor', 'action', 'target_id']);
    }
    case 'keys list':
      return list('/signing-keys', 'keys', ['kid', 'status', 'created_at', 'retired_at', 'publish_until']);
    case 'keys rotate':
      return print(await (await admin()).post('/signing-keys/rotate'));
    case 'keys field-status':
      return print(await (await admin()).get('/field-keys'));
    case 'keys field-rotate':
      return print(await (await admin()).post('/field-keys/rotate'));
    case 'keys field-retire':
      return print(await (await admin()).post('/field-keys/retire'));
    case 'keys rewrap': {
      const outcome = await rewrapAll(await admin(), Number(opts.batch ?? 200), { print: console.log, printError: console.error });
      process.exitCode = rewrapExitCode(outcome);
      return;
    }
    case 'media scaled-copies': {
      const outcome = await scaledCopiesAll(await admin(), Number(opts.batch ?? 4), { print: console.log, printError: console.error });
      process.exitCode = scaledCopiesExitCode(outcome);
      return;
    }
    case 'load':
      return loadFile();
    case 'media upload':
    case 'media regions':
      return print(await mediaCommand(action as 'upload' | 'regions'));
    case 'media cancel': {
      if (id === undefined) throw new Error('media cancel needs the upload id (see --help)');
      const { issuer, client } = ownerClient();
      console.log(await cancelMediaUpload(issuer, client, { recordType: opts.type ?? 'case', uploadId: id }));
      return;
    }
    case 'demo-load': {
      const creds = readCredentials(opts.credentials ?? CREDENTIALS);
      if (creds === null) throw new Error('no credentials: run npm start first');
      const reports = await loadDemoDataset(opts.gateway ?? creds.issuer, creds.clients, {
        persons: Number(opts.persons ?? 10_000),
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      });
      return print(reports);
    }
    case 'reports daily': {
      const query = new URLSearchParams({
        days: opts.days ?? '14',
        time_zone: opts['time-zone'] ?? 'Asia/Phnom_Penh',
        ...(opts.agency === undefined ? {} : { agency_id: opts.agency }),
        ...(opts.purpose === undefined ? {} : { purpose_id: opts.purpose }),
      });
      const body = await (await admin()).get<DailyReportBody>(`/reports/daily-disclosures?${query}`);
      return opts.json ? print(body) : printDailyReport(body);
    }
    case 'reports subject-access':
      // The national ID travels in the request body, never in a URL.
      return print(await (await admin()).post('/reports/subject-access', { national_id: need('national-id'), reason: need('reason') }));
    case 'record-types': {
      const body = await (await admin()).get<RecordTypesBody>('/record-types');
      return opts.json ? print(body) : printRecordTypes(body);
    }
    case 'audit checkpoint':
      return void console.log(await (await fetch(`${gatewayUrl()}/v1/audit/checkpoint`)).text());
    case 'audit export': {
      // Streamed to the file as it arrives: a log of millions of entries never sits in memory.
      const officer = await admin();
      const bytes = await saveExport(
        (path) => officer.fetchPath(path),
        { from: Number(opts.from ?? 0), ...(opts.to === undefined ? {} : { to: Number(opts.to) }) },
        need('out'),
      );
      return void console.log(`wrote ${need('out')} (${bytes.toLocaleString('en-US')} bytes)`);
    }
    case 'audit verify': {
      const vkey = opts.vkey ?? ((await (await fetch(`${gatewayUrl()}/v1/audit/key`)).json()) as { vkey: string }).vkey;
      const verdict = await verifyExportFile(need('file'), vkey, (n) => console.error(`… ${n.toLocaleString('en-US')} entries checked`));
      if (verdict.ok) return void console.log(`verified: entries ${verdict.start}–${verdict.end - 1} of a log of ${verdict.size}, root ${verdict.root}`);
      for (const p of verdict.problems)
        console.error(
          `${p.code}${p.index === undefined ? '' : ` at entry ${p.index}`}${p.checkpoint === undefined ? '' : ` (checkpoint ${p.checkpoint})`}: ${p.message}`,
        );
      if (verdict.problemCount > verdict.problems.length) console.error(`… and ${verdict.problemCount - verdict.problems.length} more problems`);
      process.exitCode = 2;
      return;
    }
    case 'housekeeping':
      return print(await (await admin()).post('/housekeeping'));
    case 'token': {
      const token = await (await partnerSession()).token();
      return print(token);
    }
    case 'session':
      return print(await (await partnerSession()).json('/v1/session'));
    default:
      if (group === 'grants') return grants(action, id, extra);
      if (group === 'trace') {
        if (action === undefined) throw new Error('usage: trace FILE (copied text, - for stdin, or a PNG screenshot)');
        let officer: Promise<AdminClient> | undefined; // signed in only once a mark is found
        const fetchView = async (viewId: string) => {
          officer ??= admin();
          return (await officer).get<ViewTrace>(`/views/${viewId}`);
        };
        process.exitCode = await runTrace(action, { fetchView, json: opts.json ?? false, print: console.log, printError: console.error });
        return;
      }
      if (group === 'stats') {
        const { file, client, purpose } = opts;
        return statsCommand({
          args: positionals.slice(1),
          admin,
          gateway: gatewayUrl(),
          credentials: opts.credentials ?? CREDENTIALS,
          reason: opts.reason ?? '',
          json: opts.json ?? false,
          ...(file === undefined ? {} : { file }),
          ...(client === undefined ? {} : { client }),
          ...(purpose === undefined ? {} : { purpose }),
        });
      }
      throw new Error(`unknown command: ${positionals.join(' ')} (see --help)`);
  }
}

/** The data owner's client named by `--client` in the credentials file, and the gateway to use. */
function ownerClient(): { issuer: string; client: OwnerClient } {
  const creds = readCredentials(opts.credentials ?? CREDENTIALS);
  const client = creds?.clients.find((c) => c.client_id === need('client'));
  if (creds === null || client === undefined) throw new Error('unknown client (see the credentials file)');
  return { issuer: opts.gateway ?? creds.issuer, client };
}

/** `media upload` / `media regions`: a data owner's photo or video and its manual redaction regions. */
async function mediaCommand(action: 'upload' | 'regions'): Promise<unknown> {
  const { issuer, client } = ownerClient();
  const recordType = opts.type ?? 'case';
  if (action === 'regions') return setMediaRegions(issuer, client, { recordType, ref: need('ref'), regions: need('regions') });
  return uploadMedia(issuer, client, {
    recordType,
    recordId: need('id'),
    ref: need('ref'),
    file: need('file'),
    regions: opts.regions,
    out: opts.out,
    dryRun: opts['dry-run'],
    stopOnSignals: true,
  });
}

/** `load`: streams an NDJSON file to the ingest API as a data owner, resuming from a checkpoint. */
async function loadFile(): Promise<void> {
  const creds = readCredentials(opts.credentials ?? CREDENTIALS);
  const client = creds?.clients.find((c) => c.client_id === need('client'));
  if (creds === null || client === undefined) throw new Error('unknown client (see the credentials file)');
  const type = need('type');
  const file = resolve(need('file'));
  const checkpoint = join(dirname(CREDENTIALS), '..', 'load-checkpoints', `${createHash('sha256').update(file).digest('hex').slice(0, 16)}.json`);
  mkdirSync(dirname(checkpoint), { recursive: true });
  const skip = readCheckpoint(checkpoint, file);
  if (skip > 0) console.log(`resuming after ${skip.toLocaleString('en-US')} records already stored`);
  const session = await GatewaySession.open({
    issuer: opts.gateway ?? creds.issuer,
    clientId: client.client_id,
    signingKey: await signingKeyFromJwk(client.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: [type] }] },
  });
  const report = await loadRecords(session, type, ndjsonRecords(file), {
    skip,
    total: await countLines(file),
    batchSize: Number(opts.batch ?? 250),
    onCommitted: (n) => writeCheckpoint(checkpoint, file, n),
  });
  console.log(
    `${report.records.toLocaleString('en-US')} records in ${report.seconds.toFixed(1)} s: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
  );
}

try {
  await main();
} catch (err) {
  if (err instanceof GatewayError) {
    console.error(`refused: ${err.status} ${err.code}`);
    if (err.body !== null) console.error(JSON.stringify(err.body, null, 2));
    const first = (err as GatewayError & { firstRecord?: number }).firstRecord;
    if (first !== undefined) console.error(`the refused batch starts at record ${first + 1} of the input (issue paths count from there)`);
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  // An upload stopped by a signal ends as a process ended by it would (130 for SIGINT, 143 for SIGTERM).
  process.exitCode = err instanceof UploadInterrupted ? err.exitCode : 1;
}
