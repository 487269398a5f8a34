/**
 * The scene of the viewer's redaction proof, on top of the viewer's scene (extension-scene.ts): the
 * police data owner files a case whose evidence photo shows witnesses — a real photograph of people,
 * `demo/sample1.jpg` from the detector's own registry package (`@vladmandic/face-api`), the only real
 * faces the project uses — and uploads it as a JPEG; the gateway finds the faces and makes its
 * redacted rendition at upload. A justice ministry reviewer reads it under a case-review grant that
 * releases originals (unblurred media, two leadership approvals) only through a logged reveal.
 * Record data is synthetic; everything goes through the real admin and ingest APIs.
 */
import { generateClientKeys, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { AdminClient } from '../../scripts/lib/admin-client.js';
import { loadMedia } from '../../scripts/lib/bulk-load.js';
import { extensionScene, PERSON_ID, type ExtensionScene } from './extension-scene.js';
import { faceApiFile } from './faces-in-node.js';

export const EVIDENCE_CASE_ID = 'case-e2e-0300';
export const EVIDENCE_REF = 'media/case/e2e-0300/witnesses.jpg';
/** The photograph as uploaded: 1920 × 1280, three faces. */
export const EVIDENCE_PHOTO = faceApiFile('demo/sample1.jpg');

export const REVIEW_PURPOSE = 'e2e-justice-case-review';

/** The scene, with the justice reviewer's grant and enrolment code. */
export interface RedactionScene extends ExtensionScene {
  readonly reviewGrant: string;
  readonly reviewerCode: string;
}

export async function redactionScene(port: number): Promise<RedactionScene> {
  const scene = await extensionScene(port);
  try {
    return await populate(scene);
  } catch (err) {
    await scene.local.close();
    throw err;
  }
}

async function leadershipApproval(scene: ExtensionScene, id: string, grant: string): Promise<void> {
  const keys = await generateClientKeys();
  await scene.local.registerClient({
    id,
    kind: 'privacy_officer',
    agency_id: 'privacy-office-e2e',
    name: `Leadership ${id}`,
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    roles: ['leadership'],
  });
  const lead = await AdminClient.signIn(scene.local.gateway.url, { client_id: id, name: id, signing_jwk: keys.private.signing });
  await lead.post(`/grants/${grant}/leadership-approve`, { reason: 'the court may need the witnesses identified' });
}

async function populate(scene: ExtensionScene): Promise<RedactionScene> {
  const keys = await generateClientKeys();
  await scene.local.registerClient({
    id: 'police-e2e-evidence',
    kind: 'data_owner',
    agency_id: 'police-e2e',
    name: 'Evidence photos (test)',
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: ['case'],
  });
  const police = await GatewaySession.open({
    issuer: scene.local.gateway.url,
    clientId: 'police-e2e-evidence',
    signingKey: await signingKeyFromJwk(keys.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
  await police.json('/v1/ingest/case', {
    body: {
      id: EVIDENCE_CASE_ID,
      case_number: '12-2026-0000300',
      criterion: 1,
      offence: 'Snatching of a handbag at a wedding party',
      occurred_on: '2026-09-12',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      persons: [{ person_id: PERSON_ID, role: 'witness' }],
      evidence: [{ media_ref: EVIDENCE_REF, kind: 'photo', shows_minor: false, shows_restrained: false, shows_victim: false, shows_witness: true }],
      sensitivity: 'normal',
    },
  });
  // Through the bulk loader, which sends again a picture a busy local dev server answers 503.
  await loadMedia(police, [{ recordType: 'case', recordId: EVIDENCE_CASE_ID, ref: EVIDENCE_REF, contentType: 'image/jpeg', png: async () => EVIDENCE_PHOTO }], {
    label: 'evidence photo',
  });

  await scene.admin.post('/agencies', { id: 'moj-e2e', name: 'Ministry of Justice — Case Review (test)', name_km: 'ក្រសួងយុត្តិធម៌ (សាកល្បង)' });
  await scene.admin.post('/purposes', {
    id: REVIEW_PURPOSE,
    title: 'Review of case files before trial (test)',
    legal_basis: 'Synthetic legal basis for end-to-end tests',
    rules: {
      person: { name_km: 'clear', name_latin: 'clear', sex: 'clear' },
      case: {
        case_number: 'clear',
        criterion: 'clear',
        offence: 'clear',
        occurred_on: 'clear',
        place: 'generalised',
        status: 'clear',
        persons: 'clear',
        evidence: 'clear',
      },
    },
    actions: ['fetch'],
    agencies: ['moj-e2e'],
    max_token_lifetime: 300,
    requests_per_minute: 600,
    persons_per_hour: 2000,
    allow_unblurred_media: true,
    // The viewer does not yet send a stated reason with each request.
    reason_required: false,
  });
  const reviewGrant = await scene.local.openGrant(
    { purpose_id: REVIEW_PURPOSE, agency_id: 'moj-e2e', data_life_seconds: 72 * 3600, unblurred_media: true, note: 'e2e: case review' },
    96,
  );
  for (const id of ['lead-e2e-c', 'lead-e2e-d']) await leadershipApproval(scene, id, reviewGrant);
  const reviewerCode = await scene.local.registerOfficer({ id: 'moj-reviewer-sophea', agency_id: 'moj-e2e', name: 'Sophea Lim' });
  return { ...scene, reviewGrant, reviewerCode };
}
