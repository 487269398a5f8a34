/**
 * The scene of the viewer's day-of-work tests, on top of the viewer's scene (extension-scene.ts): a
 * health ministry data owner with a health case whose patient is the scene's person and whose close
 * contacts include one of its persons; a crime case with a case number written as police write it,
 * its persons by role and a document among its evidence; and a contact-tracing purpose and grant for
 * the tracer's agency. All synthetic, all through the real admin and ingest APIs.
 */
import { generateClientKeys, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { extensionScene, PERSON_ID, type ExtensionScene } from './extension-scene.js';

export const HEALTH_CASE_ID = 'health-e2e-0001';
/** The patient's phone, as a tracer types it (the scene's person has it too). */
export const PATIENT_PHONE_TYPED = '012 765 432';
/** A contact of the patient who is one of the scene's persons (Sok Chanthy 1). */
export const CONTACT_PHONE = '+85512000001';
export const CONTACT_NAME = 'Sok Chanthy 1';
export const CASE_NUMBER = '1202/2025/0000023';
export const NUMBERED_CASE_ID = 'case-e2e-0023';
export const TRACING_PURPOSE = 'e2e-contact-tracing';
/** The tracing purpose's titles: the viewer names it in the officer's language. */
export const TRACING_TITLE = 'Contact tracing during a community outbreak (test)';
export const TRACING_TITLE_KM = 'ការតាមដានអ្នកប៉ះពាល់ក្នុងពេលផ្ទុះជំងឺក្នុងសហគមន៍ (សាកល្បង)';

export interface ViewerWorkScene extends ExtensionScene {
  /** The contact-tracing grant of the tracer's agency. */
  readonly tracingGrant: string;
}

async function ownerSession(scene: ExtensionScene, id: string, agency: string, types: string[]): Promise<GatewaySession> {
  const keys = await generateClientKeys();
  await scene.local.registerClient({
    id,
    kind: 'data_owner',
    agency_id: agency,
    name: `${id} (test)`,
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: types,
  });
  return GatewaySession.open({
    issuer: scene.local.gateway.url,
    clientId: id,
    signingKey: await signingKeyFromJwk(keys.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: types }] },
  });
}

export async function viewerWorkScene(port: number): Promise<ViewerWorkScene> {
  const scene = await extensionScene(port);
  try {
    return await populate(scene);
  } catch (err) {
    await scene.local.close();
    throw err;
  }
}

async function populate(scene: ExtensionScene): Promise<ViewerWorkScene> {
  await scene.admin.post('/agencies', { id: 'moh-e2e', name: 'Ministry of Health (test)', name_km: 'ក្រសួងសុខាភិបាល (សាកល្បង)' });
  const health = await ownerSession(scene, 'moh-e2e-ingest', 'moh-e2e', ['health_case']);
  await health.json('/v1/ingest/health_case', {
    body: {
      id: HEALTH_CASE_ID,
      national_id: '120345678',
      name_km: 'កែវ ចិន្តា',
      name_latin: 'Keo Chenda',
      phone: '+85512765432',
      date_of_birth: '1991-02-03',
      test_date: '2026-04-09',
      result: 'positive',
      residence: { province: '12', district: '1201', commune: '120101', village: '12010101' },
      places_visited: [
        { place: { province: '12', district: '1201', commune: '120102' }, date: '2026-04-06' },
        { place: { province: '05', district: '0501', commune: '050101', village: '05010101' }, date: '2026-04-03' },
      ],
      contacts: [
        { name_latin: CONTACT_NAME, phone: CONTACT_PHONE },
        { name_latin: 'Chan Dara', phone: '+85599000001' },
      ],
    },
  });
  const police = await ownerSession(scene, 'police-e2e-ingest-2', 'police-e2e', ['case']);
  await police.json('/v1/ingest/case', {
    body: {
      id: NUMBERED_CASE_ID,
      case_number: CASE_NUMBER,
      criterion: 1,
      offence: 'Motorbike theft',
      occurred_on: '2025-11-14',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'referred_to_court',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      persons: [
        { person_id: PERSON_ID, role: 'victim' },
        { person_id: 'person-e2e-1002', role: 'suspect' },
        { person_id: 'person-e2e-1003', role: 'witness' },
      ],
      evidence: [{ media_ref: 'media/case/e2e-0023/statement.pdf', kind: 'document', shows_minor: false, shows_restrained: false }],
      sensitivity: 'normal',
    },
  });
  await scene.admin.post('/purposes', {
    id: TRACING_PURPOSE,
    title: TRACING_TITLE,
    title_km: TRACING_TITLE_KM,
    legal_basis: 'Synthetic legal basis for end-to-end tests',
    rules: {
      person: { name_km: 'clear', name_latin: 'clear', phone: 'clear', address: 'generalised', date_of_birth: 'generalised', sex: 'clear' },
      health_case: {
        name_km: 'clear',
        name_latin: 'clear',
        phone: 'clear',
        date_of_birth: 'generalised',
        test_date: 'clear',
        result: 'clear',
        residence: 'generalised',
        places_visited: 'generalised',
        contacts: 'clear',
      },
    },
    actions: ['fetch', 'search'],
    agencies: ['moh-tracing-e2e'],
    // The tracer dials the patient's phone: it may be copied (logged); nothing else may.
    copyable: { health_case: ['phone'] },
    // These tests are about the viewer's work, not stated reasons (a purpose about persons requires them by default).
    reason_required: false,
    max_token_lifetime: 300,
    requests_per_minute: 600,
    persons_per_hour: 2000,
  });
  const tracingGrant = await scene.local.openGrant(
    { purpose_id: TRACING_PURPOSE, agency_id: 'moh-tracing-e2e', data_life_seconds: 72 * 3600, note: 'e2e: tracing' },
    96,
  );
  return { ...scene, tracingGrant };
}

/** The purpose of a lookup of persons by name and date of birth (the search that takes a day). */
export const PERSON_LOOKUP_PURPOSE = 'e2e-person-lookup';

/**
 * A purpose and grant for the tracer's agency that find a person by name and date of birth: both in
 * clear, so the viewer offers the search. Only the viewer's day-of-work test asks for it.
 */
export async function personLookupGrant(scene: ViewerWorkScene): Promise<string> {
  await scene.admin.post('/purposes', {
    id: PERSON_LOOKUP_PURPOSE,
    title: 'Finding a person by name and date of birth (test)',
    legal_basis: 'Synthetic legal basis for end-to-end tests',
    rules: { person: { name_km: 'clear', name_latin: 'clear', date_of_birth: 'clear', sex: 'clear' } },
    actions: ['fetch', 'search'],
    agencies: ['moh-tracing-e2e'],
    reason_required: false,
    max_token_lifetime: 300,
    requests_per_minute: 600,
    persons_per_hour: 2000,
  });
  return scene.local.openGrant({ purpose_id: PERSON_LOOKUP_PURPOSE, agency_id: 'moh-tracing-e2e', data_life_seconds: 3600, note: 'e2e: person lookup' }, 24);
}
