/**
 * `POST /v1/media` refusals: a reference outside the grant (record type, case-specific record list,
 * field not granted) is answered exactly like a missing one; probes count against the limits; a
 * flagged picture without a blurred rendition is withheld, never released unblurred.
 */
import { describe, expect, it } from 'vitest';
import { JPEG_BASELINE } from '../../gateway/src/services/media/test-fixtures.js';
import { testGateway } from './harness.js';
import { caseWith, mediaOwner, mediaPartner, personWithPhoto, photo, portraitPng, uniq } from './media-harness.js';
import type { Called } from './disclosure-harness.js';

const PNG = 'image/png';
const JPEG = 'image/jpeg';

/** The problem document without `instance` (the path is the same anyway). */
const problemOf = (called: Called) => ({ status: called.status, body: { ...(JSON.parse(called.body) as Record<string, unknown>), instance: undefined } });

async function scene(gateway: ReturnType<typeof testGateway>) {
  const owner = await mediaOwner(gateway);
  const [caseId, otherCase, adultId] = [uniq('case'), uniq('case'), uniq('p')];
  const refs = { evidence: `media/case/${caseId}/1.png`, photo: `media/person/${adultId}.png` };
  await owner.seed('person', [personWithPhoto(adultId, refs.photo)]);
  await owner.seed('case', [caseWith(caseId, [photo(refs.evidence)]), caseWith(otherCase, [])]);
  const png = { bytes: await portraitPng(), type: PNG };
  await owner.upload({ record_type: 'case', record_id: caseId, ref: refs.evidence, original: png });
  await owner.upload({ record_type: 'person', record_id: adultId, ref: refs.photo, original: png });
  return { owner, caseId, otherCase, adultId, refs };
}

describe('POST /v1/media refusals', () => {
  it('answers media outside the grant exactly like missing media', async () => {
    const gateway = testGateway();
    const { refs, caseId, otherCase } = await scene(gateway);
    const missingRef = `media/case/${uniq('nothing')}/1.png`;

    const noCases = await mediaPartner(gateway, { rules: { person: { name_latin: 'clear' } } });
    const noEvidence = await mediaPartner(gateway, { rules: { case: { case_number: 'clear' }, person: { name_latin: 'clear', photo_ref: 'clear' } } });
    const otherRecords = await mediaPartner(gateway, { grant: { recordIds: [otherCase] } });
    const askedLess = await mediaPartner(gateway, { details: { record_types: ['case'], fields: { case: ['case_number'] } } });
    const caseOnly = await mediaPartner(gateway, { grant: { recordIds: [caseId] } });

    const reference = problemOf(await noCases.media(missingRef));
    expect(reference).toMatchObject({ status: 404, body: { code: 'not_found' } });
    for (const [partner, ref] of [
      [noCases, refs.evidence],
      [noEvidence, refs.evidence],
      [otherRecords, refs.evidence],
      [askedLess, refs.evidence],
      [caseOnly, refs.photo], // a case-specific grant sees no person records
      [noEvidence, `${refs.evidence}#blurred`],
    ] as const) {
      expect(problemOf(await partner.media(ref))).toEqual(reference);
    }
    // The same partners still get what their grant covers.
    expect((await noEvidence.fetchMedia(refs.photo)).media.rendition).toBe('original');
    expect((await caseOnly.fetchMedia(refs.evidence)).media.rendition).toBe('original');
  });

  it('releases a JPEG flagged after its upload blurred: the gateway made its blurred rendition at upload', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/1.jpg`;
    await owner.seed('case', [caseWith(id, [photo(ref)])]);
    expect((await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: JPEG_BASELINE, type: JPEG } })).status).toBe(200);
    const partner = await mediaPartner(gateway);
    expect((await partner.fetchMedia(ref)).media).toMatchObject({ rendition: 'original', content_type: JPEG });
    // The owner flags it afterwards: the blurred rendition made at upload is what leaves, never the original.
    await owner.seed('case', [caseWith(id, [photo(ref, { shows_witness: true })])]);
    const released = (await partner.fetchMedia(ref)).media;
    expect(released).toMatchObject({ rendition: 'blurred', content_type: JPEG });
    expect(released.bytes).not.toEqual(JPEG_BASELINE);
  });

  it('refuses purposes without fetch, malformed bodies, and counts probes against the limit', async () => {
    const gateway = testGateway();
    const { refs } = await scene(gateway);
    const checksOnly = await mediaPartner(gateway, { purpose: { actions: ['check'] } });
    expect(problemOf(await checksOnly.media(refs.evidence))).toMatchObject({ status: 403, body: { code: 'insufficient_scope' } });

    const partner = await mediaPartner(gateway, { purpose: { requestsPerMinute: 3 } });
    expect((await partner.media('')).status).toBe(400);
    expect((await partner.media('x'.repeat(300))).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await partner.media(`media/case/${uniq('probe')}/1.png`)).status).toBe(404);
    const limited = await partner.media(refs.evidence);
    expect(problemOf(limited)).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(limited.response.headers.get('retry-after')).not.toBeNull();
  });
});
