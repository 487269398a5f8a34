/**
 * `POST /v1/media`: flagged pictures leave protected (redacted where a face was found with
 * confidence at upload, blurred whole otherwise) unless the purpose allows unblurred media, the
 * grant asked for it and two different leadership officers approved it; unflagged ones leave as
 * they are. Sealed like every disclosure (JWS in JWE, or under the viewer key), and logged with the
 * rendition that left.
 */
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { openViewerPayload, releaseViewerKey } from '../../gateway/src/services/delivery/viewer-seal.js';
import { blurImage } from '../../gateway/src/services/media/blur.js';
import { decodePng } from '@need2know/png';
import { sameBytes } from '@need2know/png/testing';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { portrait } from '../../gateway/src/services/media/test-fixtures.js';
import { mediaItemOf } from '@need2know/client';
import { open } from './disclosure-harness.js';
import { gatewayEnv, testGateway } from './harness.js';
import { leadershipOfficers } from './officer-harness.js';
import { caseWith, mediaOwner, mediaPartner, personWithPhoto, photo, portraitPng, uniq } from './media-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

const PNG = 'image/png';
const LIMIT = { maxPixels: 1e6 };

/** A case with a flagged and an unflagged evidence photo, and a child and an adult with photos, all uploaded. */
async function scene(gateway: ReturnType<typeof testGateway>) {
  const owner = await mediaOwner(gateway);
  const [caseId, childId, adultId] = [uniq('case'), uniq('p'), uniq('p')];
  const refs = {
    flagged: `media/case/${caseId}/1.png`,
    plain: `media/case/${caseId}/2.png`,
    child: `media/person/${childId}.png`,
    adult: `media/person/${adultId}.png`,
  };
  await owner.seed('person', [personWithPhoto(childId, refs.child, true), personWithPhoto(adultId, refs.adult)]);
  await owner.seed('case', [caseWith(caseId, [photo(refs.flagged, { shows_victim: true }), photo(refs.plain)], [{ person_id: childId, role: 'victim' }])]);
  const originals: Record<string, Uint8Array> = {};
  for (const [i, ref] of Object.values(refs).entries()) {
    originals[ref] = await portraitPng(i + 1);
    const record = ref.startsWith('media/case/')
      ? { record_type: 'case', record_id: caseId }
      : { record_type: 'person', record_id: ref === refs.child ? childId : adultId };
    const res = await owner.upload({ ...record, ref, original: { bytes: originals[ref] as Uint8Array, type: PNG } });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  }
  return { owner, caseId, childId, adultId, refs, originals };
}

/** The rendition a flagged photo goes out as when its original may not: the one decided at upload. */
async function protectedOf(ref: string): Promise<string> {
  const row = await selectMedia(gatewayEnv.DB, ref);
  if (row?.protectedRendition == null) throw new Error(`no protection decided for ${ref}`);
  return row.protectedRendition;
}

/** True when `data` (base64url) is the gateway's blur of the portrait uploaded with `seed`. */
async function isBlurOf(data: string, seed: number): Promise<boolean> {
  return sameBytes((await decodePng(base64url.decode(data), LIMIT)).data, blurImage(portrait(seed)).data);
}

describe('POST /v1/media', () => {
  it('releases flagged media protected and unflagged media as uploaded, sealed and bound to the request', async () => {
    const gateway = testGateway();
    const { refs, originals } = await scene(gateway);
    const partner = await mediaPartner(gateway);

    const flagged = await partner.fetchMedia(refs.flagged);
    const shielded = await protectedOf(refs.flagged);
    expect(flagged.disclosure).toMatchObject({
      action: 'media',
      record_type: 'case',
      disclosure: { evidence: shielded },
      purpose: partner.purpose.id,
      grant: partner.grant.id,
    });
    expect(flagged.media).toMatchObject({ ref: refs.flagged, rendition: shielded, content_type: PNG });
    expect(sameBytes(base64url.decode(flagged.media.data), originals[refs.flagged] as Uint8Array)).toBe(false);
    // The record gives the reference as `…#redacted`: asking that way is the same.
    expect((await partner.fetchMedia(`${refs.flagged}#redacted`)).media.data).toBe(flagged.media.data);
    // Asking `#blurred` gets the whole frame blurred.
    expect(await isBlurOf((await partner.fetchMedia(`${refs.flagged}#blurred`)).media.data, 1)).toBe(true);

    const plain = await partner.fetchMedia(refs.plain);
    expect(plain.media).toMatchObject({ rendition: 'original', content_type: PNG, bytes: (originals[refs.plain] as Uint8Array).length });
    expect(sameBytes(base64url.decode(plain.media.data), originals[refs.plain] as Uint8Array)).toBe(true);
    // The blurred rendition of an unflagged photo is there for whoever asks for it.
    expect((await partner.fetchMedia(`${refs.plain}#blurred`)).media.rendition).toBe('blurred');

    // A minor's photo is protected, an adult's is not.
    expect((await partner.fetchMedia(refs.child)).media.rendition).toBe(await protectedOf(refs.child));
    expect((await partner.fetchMedia(refs.adult)).media).toMatchObject({ rendition: 'original' });
    expect(await isBlurOf((await partner.fetchMedia(`${refs.child}#blurred`)).media.data, 3)).toBe(true);
  }, 30_000);

  it('releases flagged media unblurred only when the purpose allows it, the grant asked for it and two leadership officers approved', async () => {
    const gateway = testGateway();
    const { refs, originals } = await scene(gateway);
    // Approvals count only from active officers who hold the leadership role now.
    const [leadA, leadB] = (await leadershipOfficers(2)) as [string, string];
    const APPROVED = { mediaUnblurred: true, leadershipApprovals: [leadA, leadB] };
    const cases = [
      { purpose: { allowUnblurredMedia: true }, grant: APPROVED, expected: 'original' },
      { purpose: { allowUnblurredMedia: false }, grant: APPROVED, expected: 'protected' },
      { purpose: { allowUnblurredMedia: true }, grant: { ...APPROVED, mediaUnblurred: false }, expected: 'protected' },
      { purpose: { allowUnblurredMedia: true }, grant: { ...APPROVED, leadershipApprovals: [leadA] }, expected: 'protected' },
      { purpose: { allowUnblurredMedia: true }, grant: { ...APPROVED, leadershipApprovals: [leadA, leadA] }, expected: 'protected' },
    ] as const;
    for (const c of cases) {
      const partner = await mediaPartner(gateway, { purpose: c.purpose, grant: { ...c.grant, leadershipApprovals: [...c.grant.leadershipApprovals] } });
      for (const ref of [refs.flagged, refs.child]) {
        const { media } = await partner.fetchMedia(ref);
        expect({ ref, rendition: media.rendition }).toEqual({ ref, rendition: c.expected === 'original' ? 'original' : await protectedOf(ref) });
        if (c.expected === 'original') expect(sameBytes(base64url.decode(media.data), originals[ref] as Uint8Array)).toBe(true);
      }
      // Asking for the blurred rendition always gets it.
      expect((await partner.fetchMedia(`${refs.flagged}#blurred`)).media.rendition).toBe('blurred');
    }
  }, 60_000);

  it('follows the current version of the record: new flags blur, a removed reference is gone', async () => {
    const gateway = testGateway();
    const { owner, caseId, childId, refs } = await scene(gateway);
    const partner = await mediaPartner(gateway);
    expect((await partner.fetchMedia(refs.plain)).media.rendition).toBe('original');
    await owner.seed('case', [caseWith(caseId, [photo(refs.plain, { shows_restrained: true })], [{ person_id: childId, role: 'victim' }])]);
    expect((await partner.fetchMedia(refs.plain)).media.rendition).toBe('blurred');
    expect((await partner.media(refs.flagged)).status).toBe(404);
  });

  it("seals the answer under the viewer key for the officers' viewer", async () => {
    const gateway = testGateway();
    const { refs } = await scene(gateway);
    const partner = await mediaPartner(gateway);
    const called = await partner.media(refs.flagged, true);
    const d = await open(gateway, partner.client, called);
    expect(d.media).toBeUndefined();
    const shielded = await protectedOf(refs.flagged);
    expect(d).toMatchObject({ action: 'media', disclosure: { evidence: shielded }, viewer_key: { grant: partner.grant.id } });
    const key = await releaseViewerKey(storesOf(gatewayEnv), partner.grant.id, d.viewer_key?.epoch ?? -1, gateway.clock.now);
    const item = mediaItemOf(await openViewerPayload(d.sealed_payload as string, key?.key as string));
    expect(item).toMatchObject({ ref: refs.flagged, rendition: shielded, contentType: PNG });
  });

  it('logs which rendition left, for whom, before the answer leaves', async () => {
    const gateway = testGateway();
    const { refs, childId } = await scene(gateway);
    const partner = await mediaPartner(gateway);
    const { disclosure } = await partner.fetchMedia(refs.flagged);
    await partner.fetchMedia(refs.adult);
    await partner.media(`media/case/${uniq('nothing')}/1.png`);
    await flushDisclosureIndex(storesOf(gatewayEnv));
    const { results } = await gatewayEnv.DB.prepare(
      'SELECT id, action, record_type, fields, outcome, subjects FROM disclosures WHERE grant_id = ? ORDER BY at, rowid',
    )
      .bind(partner.grant.id)
      .all<Record<string, string>>();
    expect(results.map((r) => [r.action, r.record_type, JSON.parse(r.fields as string), r.outcome])).toEqual([
      ['media', 'case', { evidence: await protectedOf(refs.flagged) }, 'disclosed'],
      ['media', 'person', { photo_ref: 'original' }, 'disclosed'],
      ['media', '', {}, 'not_found'],
    ]);
    expect(results[0]?.id).toBe(disclosure.jti);
    // Persons are keyed hashes: the victim of the case, never an id in clear.
    expect(JSON.parse(results[0]?.subjects as string)).toHaveLength(1);
    expect(results[0]?.subjects).not.toContain(childId);
  });
});
