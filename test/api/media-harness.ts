/**
 * Helpers for the media tests: a data owner that ingests records and uploads their pictures through
 * the real routes, a partner under a purpose that discloses media, and synthetic pictures.
 */
import type { DisclosedMedia } from '@need2know/client';
import { ingestRecords } from '../../gateway/src/services/records/ingest.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { encodePng } from '@need2know/png';
import { portrait } from '../../gateway/src/services/media/test-fixtures.js';
import type { Grant, Purpose, PurposeRules } from '@need2know/policy';
import { call, open, person } from './disclosure-harness.js';
import {
  accessTokenFor,
  callResource,
  createAgency,
  createClient,
  createGrant,
  createPurpose,
  gatewayEnv,
  uniq,
  type TestClient,
  type testGateway,
} from './harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** A file part of an upload. */
export interface Part {
  readonly bytes: Uint8Array;
  readonly type: string;
}

/** The fields of an upload form (any may be left out to test refusals). */
export interface UploadForm {
  readonly record_type?: string;
  readonly record_id?: string;
  readonly ref?: string;
  readonly original?: Part;
  readonly blurred?: Part;
  /** The `regions` part: JSON text of `{ regions, removed_faces }`. */
  readonly regions?: string;
}

/** A synthetic 96 × 96 portrait as a PNG file. */
export async function portraitPng(seed = 1): Promise<Uint8Array> {
  return encodePng(portrait(seed));
}

/** A multipart form as the upload route takes it. */
export function uploadForm(form: UploadForm): FormData {
  const data = new FormData();
  for (const key of ['record_type', 'record_id', 'ref', 'regions'] as const) if (form[key] !== undefined) data.set(key, form[key]);
  for (const key of ['original', 'blurred'] as const) {
    const part = form[key];
    if (part !== undefined) data.set(key, new File([part.bytes], `${key}.bin`, { type: part.type }));
  }
  return data;
}

/** A data owner (its own agency) that may ingest persons and cases. */
export async function mediaOwner(gateway: Gateway) {
  const agency = await createAgency();
  const client = await createClient('data_owner', agency, { ingestTypes: ['person', 'case'] });
  const token = await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: ['person', 'case'] });
  return {
    agency,
    client,
    /** Stores records as this owner (real validation and sealing). */
    seed: (type: string, records: readonly Record<string, unknown>[]) =>
      ingestRecords(storesWithKeysOf(gatewayEnv), gatewayEnv, { owner: agency, clientId: client.id, type, bodies: records, now: gateway.clock.now }),
    /** `PUT /v1/ingest/media` with `form`. */
    upload: (form: UploadForm) => callResource(gateway, client, token, '/v1/ingest/media', { method: 'PUT', body: uploadForm(form) }),
    /** `PUT /v1/ingest/media/regions` with `body` (JSON). */
    regions: (body: unknown) =>
      callResource(gateway, client, token, '/v1/ingest/media/regions', {
        method: 'PUT',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
  };
}

/** A case naming `evidence`. */
export function caseWith(
  id: string,
  evidence: readonly Record<string, unknown>[],
  persons: readonly { person_id: string; role: string }[] = [],
): Record<string, unknown> {
  return {
    id,
    case_number: 'PP-2026-0042',
    criterion: 3,
    offence: 'Domestic violence',
    occurred_on: '2026-02-01',
    place: { province: '12', district: '1201', commune: '120101' },
    status: 'under_investigation',
    handling_unit: 'Unit',
    sensitivity: 'normal',
    evidence,
    ...(persons.length === 0 ? {} : { persons }),
  };
}

/** An evidence photo, flagged as given. */
export const photo = (ref: string, flags: Partial<Record<'shows_minor' | 'shows_restrained' | 'shows_victim' | 'shows_witness', boolean>> = {}) => ({
  media_ref: ref,
  kind: 'photo',
  shows_minor: false,
  shows_restrained: false,
  ...flags,
});

/**
 * A birth date that makes a person a minor whenever the test runs: 1 January twelve years before
 * the current year, so 12 or 13 years old on the data owner's calendar. A fixed date would make the
 * person an adult, and the tests that count on a minor fail, once that date is eighteen years past.
 */
const minorBirthDate = (): string => `${new Date().getUTCFullYear() - 12}-01-01`;

/** A person with a photo; `minor` makes them 12 or 13 years old (see {@link minorBirthDate}). */
export const personWithPhoto = (id: string, ref: string, minor = false) =>
  person(id, { photo_ref: ref, ...(minor ? { date_of_birth: minorBirthDate() } : {}) });

/** Rules that disclose cases with their evidence and persons with their photo, in clear. */
export const MEDIA_RULES: PurposeRules = {
  case: { case_number: 'clear', evidence: 'clear', persons: 'clear' },
  person: { name_latin: 'clear', date_of_birth: 'generalised', photo_ref: 'clear' },
};

/** A partner under a live grant of a purpose with `rules`, and a media call that opens its answer. */
export async function mediaPartner(
  gateway: Gateway,
  opts: { rules?: PurposeRules; purpose?: Partial<Purpose>; grant?: Partial<Grant>; details?: Record<string, unknown> } = {},
) {
  const agencyId = await createAgency();
  const client: TestClient = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: opts.rules ?? MEDIA_RULES, ...opts.purpose });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, opts.grant);
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id, ...opts.details });
  const media = (ref: string, viewer = false) => call(gateway, client, token, 'POST', `/v1/media${viewer ? '?delivery=viewer' : ''}`, { ref });
  return {
    agencyId,
    client,
    purpose,
    grant,
    token,
    media,
    /** The opened answer for `ref`: its claims and the `media` payload (fails the test when refused). */
    fetchMedia: async (ref: string) => {
      const d = await open(gateway, client, await media(ref));
      return { disclosure: d, media: d.media as DisclosedMedia };
    },
  };
}

export { uniq };
