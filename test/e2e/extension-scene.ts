/**
 * The scene the viewer's end-to-end tests run in: a throw-away local gateway with an agency, a
 * purpose and a grant that lets flagged photos be revealed (two leadership approvals), a data owner
 * that ingested a person with a Khmer name and a large case with flagged evidence, and an officer
 * with a fresh enrolment code. Everything goes through the real admin and ingest APIs.
 */
import { generateClientKeys, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { encodeRgbPng } from '../../packages/demo-data/src/media/png.js';
import { AdminClient } from '../../scripts/lib/admin-client.js';
import { loadMedia } from '../../scripts/lib/bulk-load.js';
import { startPopulatedGateway, type LocalGateway } from '../support/local-gateway.js';

export const KHMER_NAME = 'កែវ ចិន្តា';
export const PERSON_ID = 'person-e2e-0001';
export const CASE_ID = 'case-e2e-0001';

/** A synthetic 96×96 picture: a coloured background and a face-like disc (obviously not a person). */
function syntheticPicture(seed: number): Promise<Uint8Array> {
  const size = 96;
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 3;
      const face = (x - 48) ** 2 + (y - 40) ** 2 < 22 ** 2;
      const eye = (x - 40) ** 2 + (y - 36) ** 2 < 9 || (x - 56) ** 2 + (y - 36) ** 2 < 9;
      const [r, g, b] = eye ? [20, 20, 20] : face ? [224, 172, 105] : [(seed * 40 + x * 2) % 256, (120 + y) % 256, 180];
      rgb[o] = r;
      rgb[o + 1] = g;
      rgb[o + 2] = b;
    }
  }
  return encodeRgbPng(size, size, rgb);
}

export interface ExtensionScene {
  readonly local: LocalGateway;
  readonly admin: AdminClient;
  readonly grantId: string;
  readonly purposeId: string;
  readonly officerId: string;
  readonly enrolmentCode: string;
}

async function leadershipOfficer(local: LocalGateway, id: string): Promise<AdminClient> {
  const keys = await generateClientKeys();
  await local.registerClient({
    id,
    kind: 'privacy_officer',
    agency_id: 'privacy-office-e2e',
    name: `Leadership ${id}`,
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    roles: ['leadership'],
  });
  return AdminClient.signIn(local.gateway.url, { client_id: id, name: id, signing_jwk: keys.private.signing });
}

export async function extensionScene(port: number): Promise<ExtensionScene> {
  return startPopulatedGateway(port, populate);
}

async function populate(local: LocalGateway): Promise<ExtensionScene> {
  const [admin, second] = local.officers;
  if (admin === undefined || second === undefined) throw new Error('two privacy officers are needed');
  await admin.post('/agencies', { id: 'privacy-office-e2e', name: 'Privacy Office (test)' });
  await admin.post('/agencies', { id: 'police-e2e', name: 'National Police (test)' });
  await admin.post('/agencies', { id: 'moh-tracing-e2e', name: 'Ministry of Health — Contact Tracing (test)', name_km: 'ក្រសួងសុខាភិបាល — ក្រុមតាមដាន' });

  const owner = await generateClientKeys();
  await local.registerClient({
    id: 'police-e2e-ingest',
    kind: 'data_owner',
    agency_id: 'police-e2e',
    name: 'Crime records (test)',
    signing_jwks: { keys: [publicJwkOf(owner.private.signing)] },
    encryption_jwk: publicJwkOf(owner.private.encryption),
    ingest_types: ['person', 'case'],
  });
  const ingest = await GatewaySession.open({
    issuer: local.gateway.url,
    clientId: 'police-e2e-ingest',
    signingKey: await signingKeyFromJwk(owner.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person', 'case'] }] },
  });
  const persons = [
    {
      id: PERSON_ID,
      national_id: '120345678',
      name_km: KHMER_NAME,
      name_latin: 'Keo Chenda',
      sex: 'F',
      date_of_birth: '1991-02-03',
      phone: '+85512765432',
      address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
      photo_ref: 'media/person/e2e-0001.png',
      red_notice: false,
    },
    ...Array.from({ length: 10 }, (_, i) => ({
      id: `person-e2e-1${String(i).padStart(3, '0')}`,
      national_id: `12100000${i}`,
      name_km: 'សុខ ចាន់ធី',
      name_latin: `Sok Chanthy ${i}`,
      sex: 'M',
      date_of_birth: '1985-07-0' + String(1 + (i % 9)),
      phone: `+8551200000${i}`,
      address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
      red_notice: false,
    })),
  ];
  await ingest.json('/v1/ingest/person', { body: { records: persons } });
  // A large case: 11 top-level fields, ten persons and ten evidence items (more than 50 values).
  await ingest.json('/v1/ingest/case', {
    body: {
      id: CASE_ID,
      case_number: '12-2026-0000042',
      criterion: 2,
      offence: 'Robbery with violence',
      occurred_on: '2026-10-02',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      narrative: 'A shop on Street 13 was robbed in the evening. សាក្សីបានឃើញជនសង្ស័យពីរនាក់។',
      persons: persons.slice(1, 11).map((p, i) => ({ person_id: p.id, role: i === 0 ? 'victim' : i < 4 ? 'witness' : 'suspect' })),
      evidence: Array.from({ length: 10 }, (_, i) => ({
        media_ref: `media/case/e2e/${i}.png`,
        kind: 'photo',
        shows_minor: i === 0,
        shows_restrained: i === 1,
        shows_victim: i === 2,
        shows_witness: false,
      })),
      sensitivity: 'normal',
    },
  });

  const pictures = [
    { recordType: 'person', recordId: PERSON_ID, ref: 'media/person/e2e-0001.png' },
    ...Array.from({ length: 10 }, (_, i) => ({ recordType: 'case', recordId: CASE_ID, ref: `media/case/e2e/${i}.png` })),
  ];
  await loadMedia(
    ingest,
    pictures.map((p, i) => ({ ...p, contentType: 'image/png', png: () => syntheticPicture(i) })),
    { label: 'e2e media' },
  );

  await admin.post('/purposes', {
    id: 'e2e-field-investigation',
    title: 'Joint investigation with the health ministry (test)',
    legal_basis: 'Synthetic legal basis for end-to-end tests',
    rules: {
      person: {
        name_km: 'clear',
        name_latin: 'clear',
        sex: 'clear',
        date_of_birth: 'generalised',
        phone: 'masked',
        address: 'generalised',
        national_id: 'masked',
        photo_ref: 'clear',
      },
      case: {
        case_number: 'clear',
        criterion: 'clear',
        offence: 'clear',
        occurred_on: 'clear',
        place: 'generalised',
        status: 'clear',
        handling_unit: 'clear',
        narrative: 'clear',
        persons: 'clear',
        evidence: 'clear',
        sensitivity: 'clear',
      },
    },
    actions: ['fetch', 'search'],
    agencies: ['moh-tracing-e2e'],
    max_token_lifetime: 300,
    requests_per_minute: 600,
    persons_per_hour: 2000,
    allow_unblurred_media: true,
    // These tests are about the viewer's work, not stated reasons (a purpose about persons requires them by default).
    reason_required: false,
  });
  const grantId = await local.openGrant(
    { purpose_id: 'e2e-field-investigation', agency_id: 'moh-tracing-e2e', data_life_seconds: 72 * 3600, unblurred_media: true, note: 'e2e' },
    96,
  );
  for (const id of ['lead-e2e-a', 'lead-e2e-b']) {
    const lead = await leadershipOfficer(local, id);
    await lead.post(`/grants/${grantId}/leadership-approve`, { reason: 'reveal of flagged photos is needed for this investigation' });
  }
  // Registered by one privacy officer; the code is handed out when the second approves.
  const enrolmentCode = await local.registerOfficer({ id: 'moh-officer-chenda', agency_id: 'moh-tracing-e2e', name: 'Chenda Keo' });
  return { local, admin, grantId, purposeId: 'e2e-field-investigation', officerId: 'moh-officer-chenda', enrolmentCode };
}
