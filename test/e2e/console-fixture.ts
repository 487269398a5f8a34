/**
 * The world the console's end-to-end test runs in: a throw-away local gateway with the demo
 * configuration (agencies, clients, purposes, grants) and a small synthetic dataset, two privacy
 * officers with key files to sign in with, and a few disclosures so that oversight has figures.
 */
import { generateClientKeys, GatewayError, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { generateDataset } from '@need2know/demo-data';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoConfiguration } from '../../scripts/lib/demo-config.js';
import { loadDemoDataset } from '../../scripts/lib/demo-data-load.js';
import type { DemoClientCredentials, PrivacyOfficerCredentials } from '../../scripts/lib/local-files.js';
import { writeOfficerKeyFiles } from '../../scripts/lib/officer-key-files.js';
import { hasKhmerFont } from '../../scripts/lib/system-tools.mjs';
import { startPopulatedGateway, type LocalGateway } from '../support/local-gateway.js';

/** Persons in the test's dataset: enough for a few disclosures, loaded in a second or two. */
const PERSONS = 40;
/** Records the tracing partner fetches before the test starts (each one a disclosure). */
export const FETCHED = 6;
/** The reference and reason the tracing purpose requires on every record request (`N2K-Reference`, `N2K-Reason`). */
export const STATED_REASON = { 'N2K-Reference': 'OUTBREAK-2026-04', 'N2K-Reason': 'tracing the contacts of a confirmed case' } as const;
/** Hours left on the grant the fixture opens to show a window about to end. */
export const ENDING_IN_HOURS = 6;

export interface ConsoleWorld {
  readonly local: LocalGateway;
  readonly url: string;
  /** Key files of the two console officers (requester, approver). */
  readonly keyFiles: readonly [string, string];
  readonly officerIds: readonly [string, string];
  readonly clients: readonly DemoClientCredentials[];
  /** National ID of a person the tracing partner fetched `FETCHED / 2` times. */
  readonly disclosedNationalId: string;
  /** The grant whose window ends within hours. */
  readonly endingGrant: string;
}

/** Whether this machine has a font that renders Khmer script (Debian: fonts-khmeros). */
export function khmerFontInstalled(): boolean {
  return hasKhmerFont() || process.env.CI === 'true';
}

/** A partner's token request for `purpose`; resolves to the HTTP status and code of a refusal. */
export async function partnerToken(
  url: string,
  partner: DemoClientCredentials,
  purpose: string,
): Promise<{ ok: true } | { ok: false; status: number; code: string }> {
  try {
    await GatewaySession.open({
      issuer: url,
      clientId: partner.client_id,
      signingKey: await signingKeyFromJwk(partner.signing_jwk),
      request: { authorizationDetails: [{ type: 'record_access', purpose }] },
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof GatewayError) return { ok: false, status: err.status, code: err.code };
    throw err;
  }
}

export async function startConsoleWorld(port: number): Promise<ConsoleWorld> {
  return startPopulatedGateway(port, populateConsoleWorld);
}

/** The demo configuration, the console's two officers, an ending window, the demo data and a few disclosures. */
async function populateConsoleWorld(local: LocalGateway): Promise<ConsoleWorld> {
  const url = local.gateway.url;
  const [requester, approver] = local.officers;
  if (requester === undefined || approver === undefined) throw new Error('two officers are needed');
  const clients = await loadDemoConfiguration(requester, approver, [], () => undefined);

  // Two officers of the privacy office who use the console (registered and approved like any officer).
  const officers: PrivacyOfficerCredentials[] = [];
  for (const [id, name] of [
    ['po-console-sophea', 'Sophea Chan'],
    ['po-console-dara', 'Dara Meas'],
  ] as const) {
    const keys = await generateClientKeys();
    await local.registerClient({ id, kind: 'privacy_officer', agency_id: 'privacy-office', name, signing_jwks: { keys: [publicJwkOf(keys.private.signing)] } });
    officers.push({ client_id: id, name, signing_jwk: keys.private.signing });
  }
  const dir = mkdtempSync(join(tmpdir(), 'n2k-console-keys-'));
  const [a, b] = writeOfficerKeyFiles(dir, url, officers) as [string, string];

  // A window about to end (opened 90 hours ago for 96), for the timeline to call out.
  const now = Date.now();
  const ending = await requester.post<{ id: string; requests: { id: string }[] }>('/grants', {
    purpose_id: 'justice-case-review',
    agency_id: 'ministry-of-justice',
    not_before: new Date(now - 90 * 3600_000).toISOString(),
    not_after: new Date(now + ENDING_IN_HOURS * 3600_000).toISOString(),
    data_life_seconds: 24 * 3600,
    note: 'Review of one referred case',
  });
  await approver.post(`/grants/${ending.id}/requests/${ending.requests[0]!.id}/approve`, { reason: 'approved for the test' });

  await loadDemoDataset(url, clients, { persons: PERSONS });
  const dataset = generateDataset({ persons: PERSONS });
  const tracer = clients.find((c) => c.client_id === 'moh-tracing-app');
  if (tracer === undefined) throw new Error('no tracing partner in the demo');
  const session = await GatewaySession.open({
    issuer: url,
    clientId: tracer.client_id,
    signingKey: await signingKeyFromJwk(tracer.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_access', purpose: 'covid-contact-tracing' }] },
  });
  for (let i = 0; i < FETCHED; i++) {
    const res = await session.fetch(`/v1/records/person/${dataset.personAt(i % 3).id}`, { headers: STATED_REASON });
    if (res.status !== 200) throw new Error(`fetch refused: ${res.status}`);
  }
  // A probe for a record that does not exist: a refusal in the figures.
  if ((await session.fetch('/v1/records/person/P-missing-0001', { headers: STATED_REASON })).status !== 404) throw new Error('probe not refused');

  return {
    local,
    url,
    keyFiles: [a, b],
    officerIds: [officers[0]!.client_id, officers[1]!.client_id],
    clients,
    disclosedNationalId: dataset.personAt(0).national_id,
    endingGrant: ending.id,
  };
}
