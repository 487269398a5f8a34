/**
 * Finding: a photo stored before large originals got their copy at the working size (migration 0029)
 * had no copy, so a purpose that gives it in clear, and an officer's reveal, were refused with
 * `media_too_large` for ever: only uploading it again helped. Now a privacy officer runs the
 * scaled-copy job (`POST /v1/admin/media/scaled-copies`, `n2k media scaled-copies`): each original
 * over what an answer carries and without a copy is opened, decoded and re-encoded exactly as an
 * upload does, sealed and stored beside it; then the copy is delivered and logged as `scaled`. The
 * job is idempotent, logs counts only, reports originals it cannot copy and leaves them as they are,
 * and is refused to anyone but a privacy officer, changing nothing.
 */
import { envelopeKeyVersion } from '@need2know/crypto';
import { base64url, compactDecrypt, importJWK } from 'jose';
import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { MAX_DELIVERED_MEDIA_BYTES, MAX_MEDIA_PIXELS } from '../../gateway/src/services/media/limits.js';
import { sealMedia } from '../../gateway/src/services/media/seal-media.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';
import { objectKey } from '../../gateway/src/store/r2/media-objects.js';
import { call, open } from './disclosure-harness.js';
import { tableCounts } from './forge.js';
import { accessTokenFor, adminSession, callResource, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { storedChunks, storedItem } from './media-at-rest.js';
import { caseWith, MEDIA_RULES, mediaOwner, mediaPartner, photo, uniq } from './media-harness.js';

type Gateway = ReturnType<typeof testGateway>;
type Progress = { made: number; failed: { ref: string; reason: string }[]; remaining: number; next: string | null };

const JPEG = 'image/jpeg';
const SLOW = 300_000;
const JOB = '/v1/admin/media/scaled-copies';
const REASON = 'to identify the victim for the protection referral';

/** A 1280 × 960 JPEG of noise at the highest quality: ≈ 5 MB, over what an answer carries. */
function largeJpeg(seed = 1): Uint8Array {
  const noise = new Uint8Array(1280 * 960 * 4);
  let s = seed;
  for (let i = 0; i < noise.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    noise[i] = s >>> 24;
  }
  return new Uint8Array(encode({ width: 1280, height: 960, data: noise }, 100).data);
}

/** Makes `ref` what a photo stored before migration 0029 is: its row names no copy at the working size. */
async function storedBeforeCopies(ref: string): Promise<void> {
  await gatewayEnv.DB.prepare(
    'UPDATE media SET scaled_type = NULL, scaled_bytes = NULL, scaled_chunks = NULL, scaled_width = NULL, scaled_height = NULL WHERE ref = ?',
  )
    .bind(ref)
    .run();
  expect(await storedItem(ref)).toMatchObject({ scaled: null });
}

/** An unflagged large photo, uploaded and then made old; a partner whose purpose gives evidence in clear. */
async function oldLargePhoto(gateway: Gateway, count = 1) {
  const owner = await mediaOwner(gateway);
  const id = uniq('case');
  const refs = Array.from({ length: count }, (_, i) => `media/case/${id}/large-${i}.jpg`);
  await owner.seed('case', [
    caseWith(
      id,
      refs.map((ref) => photo(ref)),
    ),
  ]);
  for (const [i, ref] of refs.entries()) {
    const bytes = largeJpeg(i + 1);
    expect(bytes.length).toBeGreaterThan(MAX_DELIVERED_MEDIA_BYTES);
    expect((await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes, type: JPEG } })).status).toBe(200);
    await storedBeforeCopies(ref);
  }
  return { owner, refs, partner: await mediaPartner(gateway) };
}

/** A privacy officer's session, with one call of the job and the job's administrative events. */
async function jobRunner(gateway: Gateway) {
  const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
  const run = async (query = '') => {
    const res = await admin('POST', `${JOB}${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Progress;
  };
  const events = async () =>
    ((await (await admin('GET', '/events?target_id=scaled-copies')).json()) as { events: { action: string; detail: Record<string, unknown> }[] }).events;
  return { admin, run, events };
}

describe('scaled-copy job: copies at the working size for originals stored before they were made', () => {
  it(
    'a large original stored without a copy is refused with media_too_large; after the job its copy is served and logged as scaled, and a second run does nothing',
    async () => {
      const gateway = testGateway();
      const { refs, partner } = await oldLargePhoto(gateway);
      const ref = refs[0] as string;
      const refused = await partner.media(ref);
      expect(refused.status).toBe(409);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'media_too_large' });

      const job = await jobRunner(gateway);
      const earlier = (await job.events()).length;
      const before = await storedItem(ref);
      expect(await job.run()).toEqual({ made: 1, failed: [], remaining: 0, next: null });
      const after = await storedItem(ref);
      // The copy, upright at the working size (this original is within it), and everything else as it was.
      expect(after).toMatchObject({ scaled: { contentType: JPEG, width: 1280, height: 960 }, bytes: before?.bytes, ingestedAt: before?.ingestedAt });
      // Logged as an administrative event: counts only, never a reference.
      const events = (await job.events()).slice(earlier);
      expect(events).toEqual([
        expect.objectContaining({ action: 'media.scaled_copies', detail: { made: 1, unreadable: 0, undecodable: 0, copy_too_large: 0 } }),
      ]);
      expect(JSON.stringify(events)).not.toContain(ref);

      // The partner's clear disclosure now gets the copy, logged as scaled.
      const log = auditLog(gatewayEnv);
      const size = await log.size();
      const { disclosure, media } = await partner.fetchMedia(ref);
      expect(media).toMatchObject({ ref, rendition: 'original', content_type: JPEG, scaled: { width: 1280, height: 960 } });
      const delivered = base64url.decode(media.data);
      expect(delivered.length).toBeLessThanOrEqual(MAX_DELIVERED_MEDIA_BYTES);
      expect(decodeJpeg(delivered, { maxPixels: MAX_MEDIA_PIXELS }).image).toMatchObject({ width: 1280, height: 960 });
      expect(disclosure).toMatchObject({ action: 'media', disclosure: { evidence: 'scaled' } });
      expect(await loggedEntry(log, size, size + 1)).toMatchObject({
        kind: 'disclosure',
        action: 'media',
        fields: { evidence: 'scaled' },
        outcome: 'disclosed',
      });

      // Idempotent: nothing left to copy, nothing written, nothing logged.
      expect(await job.run()).toEqual({ made: 0, failed: [], remaining: 0, next: null });
      expect(await storedItem(ref)).toEqual(after);
      expect(await job.events()).toHaveLength(earlier + 1);
    },
    SLOW,
  );

  it(
    'an original sealed under an older field key gets its copy with every chunk of the item moved to the current key, in the same write',
    async () => {
      const gateway = testGateway();
      const { refs, partner } = await oldLargePhoto(gateway);
      const ref = refs[0] as string;
      const job = await jobRunner(gateway);
      expect((await job.admin('POST', '/field-keys/rotate')).status).toBe(200);
      const was = (await storedItem(ref))?.keyVersion as number;
      const current = ((await (await job.admin('GET', '/field-keys')).json()) as { current_version: number }).current_version;
      expect(was).toBeLessThan(current);

      expect(await job.run()).toMatchObject({ made: 1, failed: [] });
      const after = await storedItem(ref);
      expect(after).toMatchObject({ keyVersion: current, scaled: { width: 1280, height: 960 } });
      for (const rendition of ['original', 'blurred', 'scaled'] as const)
        for (const envelope of await storedChunks(ref, rendition)) expect(envelopeKeyVersion(envelope)).toBe(current);
      expect((await partner.fetchMedia(ref)).media).toMatchObject({ scaled: { width: 1280, height: 960 } });
    },
    SLOW,
  );

  it(
    'pages through the originals a batch at a time, reports one that does not decode and one that does not open, and leaves both as they were',
    async () => {
      const gateway = testGateway();
      const { owner, refs, partner } = await oldLargePhoto(gateway, 3);
      const [good, undecodable, tampered] = refs as [string, string, string];
      const ring = await keyRing(keyRingSourceOf(gatewayEnv));
      // An original that opens but is no picture (a JPEG's signature, then nothing it can decode), sealed in its own place.
      const junk = new Uint8Array(MAX_DELIVERED_MEDIA_BYTES + 1024);
      junk.set([0xff, 0xd8, 0xff, 0xdb]);
      const put = async (ref: string, envelopes: string[]) => {
        const item = await storedItem(ref);
        await gatewayEnv.MEDIA.put(objectKey(item?.location.objects as string, 'original'), envelopes.join('\n'));
      };
      await put(undecodable, sealMedia(ring, { owner: owner.agency, ref: undecodable, rendition: 'original', contentType: JPEG }, junk));
      // An original whose chunks were sealed for another reference: it does not open here.
      await put(tampered, sealMedia(ring, { owner: owner.agency, ref: good, rendition: 'original', contentType: JPEG }, junk));
      const untouched = { undecodable: await storedItem(undecodable), tampered: await storedItem(tampered) };

      const job = await jobRunner(gateway);
      const earlier = (await job.events()).length;
      const first = await job.run('?limit=2');
      expect(first).toEqual({ made: 1, failed: [{ ref: undecodable, reason: 'undecodable' }], remaining: 2, next: undecodable });
      const second = await job.run(`?limit=2&after=${encodeURIComponent(first.next as string)}`);
      expect(second).toEqual({ made: 0, failed: [{ ref: tampered, reason: 'unreadable' }], remaining: 2, next: null });
      // A new pass makes nothing more: the two are reported again and left as they were, still refused.
      expect(await job.run()).toEqual({
        made: 0,
        failed: [
          { ref: undecodable, reason: 'undecodable' },
          { ref: tampered, reason: 'unreadable' },
        ],
        remaining: 2,
        next: null,
      });
      expect(await storedItem(undecodable)).toEqual(untouched.undecodable);
      expect(await storedItem(tampered)).toEqual(untouched.tampered);
      expect((await partner.media(undecodable)).status).toBe(409);
      expect((await partner.fetchMedia(good)).media).toMatchObject({ scaled: { width: 1280, height: 960 } });
      expect((await job.events()).slice(earlier).map((e) => e.detail)).toEqual([
        { made: 1, unreadable: 0, undecodable: 1, copy_too_large: 0 },
        { made: 0, unreadable: 1, undecodable: 0, copy_too_large: 0 },
        { made: 0, unreadable: 1, undecodable: 1, copy_too_large: 0 },
      ]);
    },
    SLOW,
  );

  it(
    "an officer's reveal of a large flagged original stored without a copy finds nothing to hand over; after the job it hands over the copy, logged as scaled",
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const caseId = uniq('case');
      const ref = `media/case/${caseId}/victim.jpg`;
      await owner.seed('case', [caseWith(caseId, [photo(ref, { shows_victim: true })])]);
      expect((await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: largeJpeg(), type: JPEG } })).status).toBe(200);
      await storedBeforeCopies(ref);

      // An officer under a grant two leadership officers approved for originals, viewing the case.
      const agencyId = await createAgency();
      const officer = await createClient('officer', agencyId);
      const purpose = await createPurpose([agencyId], { rules: MEDIA_RULES, allowUnblurredMedia: true });
      const grant = await createGrant(
        purpose.id,
        agencyId,
        { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 },
        { mediaUnblurred: true },
      );
      const leadership = await createAgency();
      for (let i = 0; i < 2; i++) {
        const lead = await adminSession(gateway, await createClient('privacy_officer', leadership, { roles: ['leadership'] }));
        expect((await lead('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' })).status).toBe(200);
      }
      const token = await accessTokenFor(gateway, officer, { type: 'record_access', purpose: purpose.id });
      const fetched = await call(gateway, officer, token, 'GET', `/v1/records/case/${caseId}?delivery=viewer`);
      const d = await open(gateway, officer, fetched);
      const view = await call(gateway, officer, token, 'POST', '/v1/views', {
        epoch: d.viewer_key?.epoch,
        disclosure_id: fetched.response.headers.get('n2k-disclosure-id'),
      });
      expect(view.status).toBe(201);
      const viewId = (JSON.parse(view.body) as { view_id: string }).view_id;
      const reveal = () => call(gateway, officer, token, 'POST', '/v1/reveals', { view_id: viewId, media_ref: ref, reason: REASON });

      const refused = await reveal();
      expect(refused.status).toBe(404);
      expect(refused.body).not.toContain('"media"');

      // (Originals left by other tests of this file that cannot be copied may be reported beside it.)
      const progress = await (await jobRunner(gateway)).run();
      expect(progress.made).toBe(1);
      expect(progress.failed.map((f) => f.ref)).not.toContain(ref);
      const res = await reveal();
      expect(res.status).toBe(201);
      const body = JSON.parse(res.body) as { log_index: number; media: string };
      const copy = JSON.parse(
        new TextDecoder().decode((await compactDecrypt(body.media, await importJWK(officer.encryptionPrivateJwk, 'ECDH-ES'))).plaintext),
      ) as { rendition: string; scaled: unknown; data: string };
      expect(copy).toMatchObject({ rendition: 'original', scaled: { width: 1280, height: 960 } });
      expect(base64url.decode(copy.data).length).toBeLessThanOrEqual(MAX_DELIVERED_MEDIA_BYTES);
      expect(await loggedEntry(auditLog(gatewayEnv), body.log_index, body.log_index + 1)).toMatchObject({
        kind: 'viewer',
        event: 'reveal',
        view: viewId,
        rendition: 'scaled',
      });
    },
    SLOW,
  );

  it('is refused to anyone but a privacy officer, and to bad input, changing nothing', async () => {
    const gateway = testGateway();
    const { owner, refs, partner } = await oldLargePhoto(gateway);
    const ownerToken = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['case'] });
    const agency = await createAgency();
    const officer = await createClient('officer', agency);
    const purpose = await createPurpose([agency]);
    await createGrant(purpose.id, agency, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const officerToken = await accessTokenFor(gateway, officer, { type: 'record_access', purpose: purpose.id });
    const before = await tableCounts();
    const item = await storedItem(refs[0] as string);

    expect((await gateway.request(JOB, { method: 'POST' })).status).toBe(401);
    for (const [client, token] of [
      [partner.client, partner.token],
      [owner.client, ownerToken],
      [officer, officerToken],
    ] as const) {
      const res = await callResource(gateway, client, token, JOB, { method: 'POST' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'insufficient_scope' });
    }
    const { admin } = await jobRunner(gateway);
    for (const query of ['?limit=0', '?limit=17', '?limit=x', '?after=']) {
      const res = await admin('POST', `${JOB}${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'validation_failed' });
    }
    // The refused calls wrote nothing (the privacy officer's own registration aside) and copied nothing.
    expect({ ...(await tableCounts()), clients: before.clients, agencies: before.agencies }).toEqual(before);
    expect(await storedItem(refs[0] as string)).toEqual(item);
  });
});
