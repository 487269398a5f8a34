/**
 * Videos across a field-key rotation: video chunks and manifests are not re-wrapped (yet), so the
 * field-key version they are sealed under must not be retired while any video uploaded before the
 * rotation is kept. Retiring it would leave stored footage that no key opens.
 */
import { describe, expect, it } from 'vitest';
import { retireOldFieldKeys, rewrapBatch, rotateFieldKeys } from '../../gateway/src/services/records/rewrap.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { gatewayEnv, testGateway } from './harness.js';
import { syntheticClip, videoOwner } from './video-harness.js';

describe('retiring old field keys with videos kept', () => {
  it('is refused while a video uploaded before the rotation is kept (even in the same second), so the old version stays', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    await owner.uploadClip(syntheticClip());
    const stores = storesWithKeysOf(gatewayEnv);
    const version = await rotateFieldKeys(stores, gateway.clock.now);
    // Every record, photo and reason is re-wrapped: only the video still needs the old version.
    for (let i = 0; i < 50 && (await rewrapBatch(stores, 200)).remaining > 0; i++);
    const outcome = await retireOldFieldKeys(stores, gateway.clock.now + 3600);
    expect(outcome).toMatchObject({ retired: false, reason: expect.stringMatching(/^videos /) });
    expect(outcome.oldestVersion).toBeLessThan(version);
  });
});
