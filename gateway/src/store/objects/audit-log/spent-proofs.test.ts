import { describe, expect, it } from 'vitest';
import { spendOnce } from './spent-proofs.js';
import { inFreshLog } from './test-support.js';

describe('spent proofs', () => {
  it('spends a proof once; it stays spent until it would be stale anyway', async () => {
    await inFreshLog((sql) => {
      const proof = { key: 'dpop:jkt:jti-1', expiresAt: 200 };
      expect(spendOnce(sql, proof, 100)).toBe(true);
      expect(spendOnce(sql, proof, 150)).toBe(false);
      expect(spendOnce(sql, proof, 200)).toBe(false);
      expect(spendOnce(sql, { key: 'dpop:jkt:jti-2', expiresAt: 300 }, 150)).toBe(true);
      // Past its expiry the proof is forgotten (the DPoP check refuses it as stale before it gets here).
      expect(spendOnce(sql, proof, 201)).toBe(true);
    });
  });
});
