/**
 * Media follow the field keys: after a rotation the re-wrap job moves every chunk to the new
 * version, old keys cannot be retired while a media item still needs them, and items keep opening.
 */
import { envelopeKeyVersion } from '@need2know/crypto';
import { describe, expect, it } from 'vitest';
import { forgetKeyRing } from '../../gateway/src/services/keys/key-ring.js';
import { retireOldFieldKeys, rewrapBatch, rotateFieldKeys } from '../../gateway/src/services/records/rewrap.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { allStoredChunks } from './media-at-rest.js';
import { gatewayEnv, testGateway } from './harness.js';
import { caseWith, mediaOwner, mediaPartner, photo, portraitPng, uniq } from './media-harness.js';

describe('media and field-key rotation', () => {
  it('re-wraps media chunks, blocks retirement until done, and keeps releasing them', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const refs = [`media/case/${id}/1.png`, `media/case/${id}/2.png`];
    await owner.seed('case', [caseWith(id, [photo(refs[0] as string, { shows_minor: true }), photo(refs[1] as string)])]);
    for (const ref of refs)
      expect((await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: await portraitPng(), type: 'image/png' } })).status).toBe(200);
    // The flagged photo carries a manual region too: its sealed regions are re-wrapped like the renditions.
    expect((await owner.regions({ ref: refs[0], regions: [{ x: 1, y: 1, width: 8, height: 8, reason: 'tattoo' }] })).status).toBe(200);
    const partner = await mediaPartner(gateway);
    const before = await partner.fetchMedia(refs[0] as string);

    const version = await rotateFieldKeys(storesWithKeysOf(gatewayEnv), gateway.clock.now);
    forgetKeyRing();
    const later = gateway.clock.now + 3600;
    let progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 500);
    while (progress.next !== null) progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 500, progress.next);
    while (progress.remaining > 0 && progress.moved > 0) progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 500);
    expect(progress.remaining).toBe(0);
    for (const ref of refs) expect((await selectMedia(gatewayEnv.DB, ref))?.keyVersion).toBe(version);
    const results = [];
    for (const ref of refs) for (const envelopes of Object.values(await allStoredChunks(ref))) results.push(...envelopes.map((envelope) => ({ envelope })));
    // Original and blurred of both, and of the flagged one its sealed face detection, its regions and, if a face was found, its redacted rendition.
    const flagged = await selectMedia(gatewayEnv.DB, refs[0] as string);
    expect(results.length).toBe(4 + 1 + 1 + (flagged?.redacted === null ? 0 : 1));
    for (const r of results) expect(envelopeKeyVersion(r.envelope)).toBe(version);

    // One media item still marked below the new version is enough to keep the old keys.
    await gatewayEnv.DB.prepare('UPDATE media SET key_version = ? WHERE ref = ?')
      .bind(version - 1, refs[1])
      .run();
    expect(await retireOldFieldKeys(storesWithKeysOf(gatewayEnv), later)).toMatchObject({ retired: false, reason: 'media still need re-wrapping' });
    await gatewayEnv.DB.prepare('UPDATE media SET key_version = ? WHERE ref = ?').bind(version, refs[1]).run();
    expect(await retireOldFieldKeys(storesWithKeysOf(gatewayEnv), later)).toMatchObject({ retired: true, oldestVersion: version });
    forgetKeyRing();
    const after = await partner.fetchMedia(refs[0] as string);
    // Still protected, and the very same bytes: the redacted rendition (or the blurred one where no face was found).
    expect(after.media).toMatchObject({ rendition: flagged?.protectedRendition, data: before.media.data });
  });
});
