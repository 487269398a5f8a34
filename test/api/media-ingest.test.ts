/**
 * `PUT /v1/ingest/media`: data owners upload the pictures their records name. Stored sealed (no
 * picture, no PNG or JPEG byte in clear), with a blurred rendition made here for every photo, PNG
 * or JPEG; refusals change nothing.
 */
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { blurImage } from '../../gateway/src/services/media/blur.js';
import { MAX_MEDIA_BYTES } from '../../gateway/src/services/media/limits.js';
import { decodePng } from '@need2know/png';
import { sameBytes } from '@need2know/png/testing';
import { openMedia } from '../../gateway/src/services/media/seal-media.js';
import { JPEG_BASELINE, portrait } from '../../gateway/src/services/media/test-fixtures.js';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { countStoredMedia, storedAtRest, storedChunks } from './media-at-rest.js';
import { accessTokenFor, callResource, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { logInclusion } from './log-harness.js';
import { caseWith, mediaOwner, personWithPhoto, photo, portraitPng, uniq, uploadForm } from './media-harness.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';

const PNG = 'image/png';
const JPEG = 'image/jpeg';
const countMedia = countStoredMedia;

describe('PUT /v1/ingest/media', () => {
  it('stores a PNG sealed in chunks, with a blurred rendition made by the gateway', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/1.png`;
    await owner.seed('case', [caseWith(id, [photo(ref, { shows_minor: true })])]);
    const png = await portraitPng();

    const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: png, type: PNG } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ref,
      record_type: 'case',
      record_id: id,
      field: 'evidence',
      content_type: PNG,
      bytes: png.length,
      width: 96,
      height: 96,
      flagged: true,
      blurred: { content_type: PNG, bytes: expect.any(Number), by: 'gateway' },
      // Flagged: its faces were looked for (test/api/media-face-redaction.test.ts covers the outcome).
      redaction: {
        rendition: expect.stringMatching(/^(redacted|blurred)$/),
        faces: expect.any(Number),
        detector: 'tiny_face_detector (@vladmandic/face-api@1.7.15)',
      },
      // No manual regions sent with it.
      regions: 0,
      outcome: 'created',
    });

    // At rest: envelopes only. No PNG signature or picture bytes in any column.
    const row = await selectMedia(gatewayEnv.DB, ref);
    expect(row).toMatchObject({ owner: owner.agency, recordType: 'case', recordId: id, field: 'evidence', chunks: 1, blurred: { by: 'gateway', chunks: 1 } });
    const stored = await storedAtRest(ref);
    expect(stored).toContain('n2kf1.');
    expect(stored).not.toContain(btoa(String.fromCharCode(...png.subarray(0, 12))).slice(0, 12));
    const ring = await keyRing(keyRingSourceOf(gatewayEnv));
    const original = openMedia(ring, { owner: owner.agency, ref, rendition: 'original', contentType: PNG }, await storedChunks(ref, 'original'));
    expect(sameBytes(original, png)).toBe(true);
    const blurred = openMedia(ring, { owner: owner.agency, ref, rendition: 'blurred', contentType: PNG }, await storedChunks(ref, 'blurred'));
    expect(sameBytes((await decodePng(blurred, { maxPixels: 1e6 })).data, blurImage(portrait()).data)).toBe(true);
  });

  it('replaces an item on a second upload and logs every upload without the picture or the reference', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('p');
    const ref = `media/person/${id}.png`;
    await owner.seed('person', [personWithPhoto(id, ref)]);
    const log = auditLog(gatewayEnv);
    const before = await log.size();
    expect(
      await (await owner.upload({ record_type: 'person', record_id: id, ref, original: { bytes: await portraitPng(1), type: PNG } })).json(),
    ).toMatchObject({ field: 'photo_ref', flagged: false, outcome: 'created' });
    const second = await owner.upload({ record_type: 'person', record_id: id, ref, original: { bytes: await portraitPng(2), type: PNG } });
    expect(await second.json()).toMatchObject({ outcome: 'replaced' });
    const size = await log.size();
    expect(size).toBe(before + 2);
    const last = await logInclusion(log, size - 1, size);
    expect(last?.entry).toMatchObject({
      kind: 'media_ingest',
      owner: owner.agency,
      record_type: 'person',
      field: 'photo_ref',
      content_type: PNG,
      blurred_by: 'gateway',
      outcome: 'replaced',
    });
    expect(JSON.stringify(last?.entry)).not.toContain(ref);
    expect(JSON.stringify(last?.entry)).not.toContain(id);
  });

  it('blurs a flagged JPEG itself (no blurred copy from the owner needed, none accepted)', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const [flagged, plain] = [`media/case/${id}/1.jpg`, `media/case/${id}/2.jpg`];
    await owner.seed('case', [caseWith(id, [photo(flagged, { shows_restrained: true }), photo(plain)])]);

    const accepted = await owner.upload({ record_type: 'case', record_id: id, ref: flagged, original: { bytes: JPEG_BASELINE, type: JPEG } });
    expect(await accepted.json()).toMatchObject({ content_type: JPEG, width: 17, height: 9, flagged: true, blurred: { content_type: JPEG, by: 'gateway' } });
    const sentAlong = await owner.upload({
      record_type: 'case',
      record_id: id,
      ref: flagged,
      original: { bytes: JPEG_BASELINE, type: JPEG },
      blurred: { bytes: JPEG_BASELINE, type: JPEG },
    });
    expect(await sentAlong.json()).toMatchObject({ status: 422, issues: [{ path: 'blurred', code: 'blurred_not_accepted' }] });
    // An unflagged JPEG gets its blurred rendition too (for a later flag, or a partner asking `#blurred`).
    expect(await (await owner.upload({ record_type: 'case', record_id: id, ref: plain, original: { bytes: JPEG_BASELINE, type: JPEG } })).json()).toMatchObject(
      { flagged: false, blurred: { by: 'gateway' } },
    );
  });

  it("counts a minor's photo, or a photo of a person of unknown age, as flagged", async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('p');
    const ref = `media/person/${id}.jpg`;
    await owner.seed('person', [personWithPhoto(id, ref, true)]);
    const res = await owner.upload({ record_type: 'person', record_id: id, ref, original: { bytes: JPEG_BASELINE, type: JPEG } });
    expect(await res.json()).toMatchObject({ flagged: true, blurred: { content_type: JPEG, by: 'gateway' } });
  });

  it("answers a missing record and another owner's record alike, and refuses a reference the record does not name", async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const other = await mediaOwner(gateway);
    const [mine, theirs] = [uniq('case'), uniq('case')];
    await owner.seed('case', [caseWith(mine, [photo(`media/case/${mine}/1.png`)])]);
    await other.seed('case', [caseWith(theirs, [photo(`media/case/${theirs}/1.png`)])]);
    const png = { bytes: await portraitPng(), type: PNG };
    const before = await countMedia();

    const missing = await owner.upload({ record_type: 'case', record_id: uniq('case'), ref: `media/case/${theirs}/1.png`, original: png });
    const foreign = await owner.upload({ record_type: 'case', record_id: theirs, ref: `media/case/${theirs}/1.png`, original: png });
    expect([missing.status, foreign.status]).toEqual([404, 404]);
    const strip = (p: Record<string, unknown>) => ({ ...p, instance: undefined });
    expect(strip(await foreign.json())).toEqual(strip(await missing.json()));

    const unnamed = await owner.upload({ record_type: 'case', record_id: mine, ref: `media/case/${mine}/9.png`, original: png });
    expect(await unnamed.json()).toMatchObject({ status: 422, issues: [{ path: 'ref', code: 'ref_not_in_record' }] });
    const hashed = await owner.upload({ record_type: 'case', record_id: mine, ref: `media/case/${mine}/1.png#blurred`, original: png });
    expect(await hashed.json()).toMatchObject({ status: 422, issues: [{ path: 'ref', code: 'invalid_ref' }] });
    expect(await countMedia()).toBe(before);
  });

  it("refuses to overwrite another owner's media under the same reference", async () => {
    const gateway = testGateway();
    const [a, b] = [await mediaOwner(gateway), await mediaOwner(gateway)];
    const shared = `media/shared/${uniq('x')}.png`;
    const [caseA, caseB] = [uniq('case'), uniq('case')];
    await a.seed('case', [caseWith(caseA, [photo(shared)])]);
    await b.seed('case', [caseWith(caseB, [photo(shared)])]);
    expect((await a.upload({ record_type: 'case', record_id: caseA, ref: shared, original: { bytes: await portraitPng(1), type: PNG } })).status).toBe(200);
    const res = await b.upload({ record_type: 'case', record_id: caseB, ref: shared, original: { bytes: await portraitPng(2), type: PNG } });
    expect(res.status).toBe(409);
    expect((await selectMedia(gatewayEnv.DB, shared))?.owner).toBe(a.agency);
  });

  it('refuses files that are not what they claim, oversized bodies, other content types and other tokens', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/1.png`;
    await owner.seed('case', [caseWith(id, [photo(ref)])]);
    const png = await portraitPng();
    const base = { record_type: 'case', record_id: id, ref };
    const before = await countMedia();

    expect((await owner.upload({ ...base, original: { bytes: png, type: 'image/gif' } })).status).toBe(415);
    expect(await (await owner.upload({ ...base, original: { bytes: JPEG_BASELINE, type: PNG } })).json()).toMatchObject({
      status: 422,
      issues: [{ path: 'original', code: 'content_type_mismatch' }],
    });
    expect(await (await owner.upload({ ...base, original: { bytes: png.subarray(0, 100), type: PNG } })).json()).toMatchObject({
      status: 422,
      issues: [{ path: 'original', code: 'ERR_PNG_CHUNK' }],
    });
    expect(await (await owner.upload({ ...base, original: { bytes: png, type: PNG }, blurred: { bytes: png, type: PNG } })).json()).toMatchObject({
      status: 422,
      issues: [{ path: 'blurred', code: 'blurred_not_accepted' }],
    });
    expect((await owner.upload({ ...base })).status).toBe(400);
    expect((await owner.upload({ ...base, original: { bytes: new Uint8Array(MAX_MEDIA_BYTES + 1).fill(1), type: PNG } })).status).toBe(413);

    const json = await callResource(
      gateway,
      owner.client,
      await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['case'] }),
      '/v1/ingest/media',
      {
        method: 'PUT',
        body: JSON.stringify(base),
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(json.status).toBe(415);

    // A token for persons only may not attach media to a case; a partner token may not upload at all.
    const personsOnly = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['person'] });
    const narrow = await callResource(gateway, owner.client, personsOnly, '/v1/ingest/media', {
      method: 'PUT',
      body: uploadForm({ ...base, original: { bytes: png, type: PNG } }),
    });
    expect(narrow.status).toBe(403);
    const agency = await createAgency();
    const partner = await createClient('partner', agency);
    expect(
      (
        await callResource(gateway, partner, 'not-a-token', '/v1/ingest/media', {
          method: 'PUT',
          body: uploadForm({ ...base, original: { bytes: png, type: PNG } }),
        })
      ).status,
    ).toBe(401);
    expect(await countMedia()).toBe(before);
  });

  it('is described in the OpenAPI document, with the delivery route beside it', async () => {
    const doc = (await (await testGateway().request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    };
    const upload = doc.paths['/v1/ingest/media']?.put?.requestBody?.content['multipart/form-data']?.schema;
    expect(JSON.stringify(upload)).toContain('MediaUpload');
    expect(JSON.stringify(doc)).toMatch(/"original":\{"type":"string","format":"binary"/);
    expect(doc.paths['/v1/media']?.post?.requestBody?.content['application/json']).toBeDefined();
  });
});
