/**
 * The scene of the viewer's redaction proof, on top of the viewer's scene (extension-scene.ts): the
 * police data owner files a case whose evidence photo shows witnesses — a real photograph of people,
 * `demo/sample1.jpg` from the detector's own registry package (`@vladmandic/face-api`), the only real
 * faces the project uses — and uploads it as a JPEG; the gateway finds the faces and makes its
 * redacted rendition at upload. A justice ministry reviewer reads it under a case-review grant that
 * releases originals (unblurred media, two leadership approvals) only through a logged reveal.
 * A second case holds a 12-megapixel phone photo of the same people (over the 4 MiB an answer
 * carries, so the gateway sends its copy at the working size), once flagged as showing witnesses and
 * once not. Record data is synthetic; everything goes through the real admin and ingest APIs.
 */
import { generateClientKeys, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { encode } from 'jpeg-js';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { MAX_DELIVERED_MEDIA_BYTES } from '../../gateway/src/services/media/limits.js';
import { AdminClient } from '../../scripts/lib/admin-client.js';
import { loadMedia } from '../../scripts/lib/bulk-load.js';
import { extensionScene, PERSON_ID, type ExtensionScene } from './extension-scene.js';
import { faceApiFile } from './faces-in-node.js';

export const EVIDENCE_CASE_ID = 'case-e2e-0300';
export const EVIDENCE_REF = 'media/case/e2e-0300/witnesses.jpg';
/** The photograph as uploaded: 1920 × 1280, three faces. */
export const EVIDENCE_PHOTO = faceApiFile('demo/sample1.jpg');

export const REVIEW_PURPOSE = 'e2e-justice-case-review';

/** The case with the phone photos, and their references: flagged (a witness is shown) and not. */
export const PHONE_CASE_ID = 'case-e2e-0301';
export const PHONE_FLAGGED_REF = 'media/case/e2e-0301/witnesses-phone.jpg';
export const PHONE_PLAIN_REF = 'media/case/e2e-0301/scene-phone.jpg';
/** The phone photo's size, and its copy's at the working size (decoded at half size to fit 2048 × 2048). */
export const PHONE_SIZE = { width: 4000, height: 3000 } as const;
export const PHONE_COPY_SIZE = { width: 2000, height: 1500 } as const;
/**
 * Sensor noise added to the phone photo, in levels (± half of it per channel): it makes the file as
 * large as a real phone's (≈ 6 MB), over what an answer carries, as a smooth stretched picture is not.
 */
const PHONE_GRAIN = 32;
/** JPEG quality of the phone photo: a phone's usual setting. */
const PHONE_QUALITY = 90;

/**
 * A 4000 × 3000 phone photo of the three people of {@link EVIDENCE_PHOTO} (stretched by nearest
 * neighbour, with a fixed sensor noise), as jpeg-js encodes it: the same file on every run.
 */
export function phonePhoto(): Uint8Array {
  const sample = decodeJpeg(EVIDENCE_PHOTO, { maxPixels: 4_200_000 }).image;
  const { width, height } = PHONE_SIZE;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * sample.height) / height) * sample.width;
    for (let x = 0; x < width; x++) {
      const from = (row + Math.floor((x * sample.width) / width)) * 4;
      data.set(sample.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  for (let i = 0, s = 1; i < data.length; i++) {
    if (i % 4 === 3) continue;
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, (data[i] as number) + ((s >>> 24) % PHONE_GRAIN) - PHONE_GRAIN / 2));
  }
  const file = new Uint8Array(encode({ width, height, data }, PHONE_QUALITY).data);
  if (file.length <= MAX_DELIVERED_MEDIA_BYTES) throw new Error(`the phone photo is ${file.length} bytes, not over what an answer carries`);
  return file;
}

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
  await police.json('/v1/ingest/case', {
    body: {
      id: PHONE_CASE_ID,
      case_number: '12-2026-0000301',
      criterion: 1,
      offence: 'Snatching of a handbag at a wedding party (phone photos)',
      occurred_on: '2026-09-12',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      persons: [{ person_id: PERSON_ID, role: 'witness' }],
      evidence: [
        { media_ref: PHONE_FLAGGED_REF, kind: 'photo', shows_minor: false, shows_restrained: false, shows_victim: false, shows_witness: true },
        { media_ref: PHONE_PLAIN_REF, kind: 'photo', shows_minor: false, shows_restrained: false, shows_victim: false, shows_witness: false },
      ],
      sensitivity: 'normal',
    },
  });
  const phone = phonePhoto();
  const picture = (recordId: string, ref: string, file: Uint8Array) => ({
    recordType: 'case',
    recordId,
    ref,
    contentType: 'image/jpeg',
    png: async () => file,
  });
  // Through the bulk loader, which sends again a picture a busy local dev server answers 503; one at a time, as each is large.
  await loadMedia(
    police,
    [picture(EVIDENCE_CASE_ID, EVIDENCE_REF, EVIDENCE_PHOTO), picture(PHONE_CASE_ID, PHONE_FLAGGED_REF, phone), picture(PHONE_CASE_ID, PHONE_PLAIN_REF, phone)],
    { label: 'evidence photos', concurrency: 1 },
  );

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
