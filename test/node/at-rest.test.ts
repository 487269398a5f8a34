/**
 * Black-box proof of encryption at rest: ingest records carrying unique marker values through a
 * real local gateway (wrangler dev), stop it, then read every byte of its D1 and Durable Object
 * state — and its logs — looking for the markers. They must not be there.
 */
import { GatewaySession, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';

const PORT = 8795;
const suffix = Date.now().toString().slice(-6);
const MARKERS = {
  name: `Qqzmarker${suffix} Vantha`,
  nameKm: `ឃឃម៉ាកឃ${suffix}`,
  nationalId: `9${suffix}27`.slice(0, 9),
  phone: `+85597${suffix}`,
  narrative: `narrative-marker-${suffix}-xylophone`,
};
/** Not personal, stored in clear on purpose: proves the scan would find a marker if one were there. */
const CONTROL = `control-agency-${suffix}`;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Every way a marker could appear in the bytes: UTF-8, UTF-16LE (SQLite can store either). */
function forms(value: string): Buffer[] {
  return [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')];
}

describe('encryption at rest (black box)', () => {
  let local: LocalGateway;
  let logs = '';

  beforeAll(async () => {
    local = await startLocalGateway(PORT, { stdio: 'pipe' });
    local.gateway.child.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    local.gateway.child.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
    const [po] = local.officers;
    if (po === undefined) throw new Error('no officer');
    const keys = await generateClientKeys();
    await po.post('/agencies', { id: CONTROL, name: 'Control agency' });
    await local.registerClient({
      id: 'owner-at-rest',
      kind: 'data_owner',
      agency_id: CONTROL,
      name: 'Loader',
      signing_jwks: { keys: [keys.public.signing] },
      encryption_jwk: publicJwkOf(keys.private.encryption),
      ingest_types: ['person', 'case'],
    });
    const session = await GatewaySession.open({
      issuer: local.gateway.url,
      clientId: 'owner-at-rest',
      signingKey: await signingKeyFromJwk(keys.private.signing),
      request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person', 'case'] }] },
    });
    await session.json('/v1/ingest/person', {
      body: {
        id: 'person-at-rest-1',
        national_id: MARKERS.nationalId,
        name_km: MARKERS.nameKm,
        name_latin: MARKERS.name,
        sex: 'M',
        date_of_birth: '1979-08-30',
        phone: MARKERS.phone,
        address: { province: '17', district: '1701', commune: '170101' },
        red_notice: true,
      },
    });
    // A refused batch must not leak its values into logs either.
    const refused = await session.fetch('/v1/ingest/person', {
      method: 'POST',
      body: JSON.stringify({ id: 'person-at-rest-2', name_latin: MARKERS.name, phone: `${MARKERS.phone}-bad` }),
      headers: { 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(422);
    await session.json('/v1/ingest/case', {
      body: {
        id: 'case-at-rest-1',
        case_number: `SR-${suffix}`,
        criterion: 3,
        offence: 'Domestic violence',
        occurred_on: '2026-05-02',
        place: { province: '17', district: '1701', commune: '170101', village: '17010101' },
        status: 'reported',
        handling_unit: 'Siem Reap provincial police',
        narrative: MARKERS.narrative,
        persons: [{ person_id: 'person-at-rest-1', role: 'victim' }],
        sensitivity: 'sensitive',
      },
    });
    await local.stop();
  }, 90_000);

  afterAll(async () => {
    await local?.close();
  });

  it('the scan finds what is stored in clear (control)', () => {
    const haystack = [...files(local.state)].map((f) => readFileSync(f));
    expect(haystack.some((bytes) => forms(CONTROL).some((form) => bytes.includes(form)))).toBe(true);
  });

  it.each(Object.entries(MARKERS))('no byte of the local D1/DO state holds the %s', (_, marker) => {
    const found = [...files(local.state)].filter((f) => {
      const bytes = readFileSync(f);
      return forms(marker).some((form) => bytes.includes(form)) || forms(marker.toLowerCase()).some((form) => bytes.includes(form));
    });
    expect(found).toEqual([]);
  });

  it('the gateway logs hold none of the markers', () => {
    for (const marker of Object.values(MARKERS)) expect(logs).not.toContain(marker);
  });
});
