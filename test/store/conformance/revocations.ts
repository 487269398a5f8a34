import { describe, expect, it } from 'vitest';
import { T0, uniq, type MakeStores } from './fixtures.js';

/** The contract of {@link RevocationStore}, for any backend. */
export function describeRevocationStoreConformance(makeStores: MakeStores): void {
  describe('revocation store', () => {
    it('remembers a revoked token until it would have expired anyway, then purges it', async () => {
      const stores = await makeStores();
      const [gone, kept, other] = [uniq('jti'), uniq('jti'), uniq('jti')];
      await stores.revocations.revoke(gone, 'client-a', T0, T0 + 100);
      await stores.revocations.revoke(kept, 'client-a', T0, T0 + 200);
      // Revoking again changes nothing and does not fail.
      await stores.revocations.revoke(gone, 'client-a', T0 + 1, T0 + 500);
      expect(await stores.revocations.isRevoked(gone)).toBe(true);
      expect(await stores.revocations.isRevoked(kept)).toBe(true);
      expect(await stores.revocations.isRevoked(other)).toBe(false);

      expect(await stores.revocations.purgeExpiredRevocations(T0 + 100)).toBe(0);
      expect(await stores.revocations.isRevoked(gone)).toBe(true);
      expect(await stores.revocations.purgeExpiredRevocations(T0 + 101)).toBe(1);
      expect(await stores.revocations.isRevoked(gone)).toBe(false);
      expect(await stores.revocations.isRevoked(kept)).toBe(true);
    });
  });
}
