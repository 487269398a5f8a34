import { describe, expect, it } from 'vitest';
import type { ChangeStore } from '../../../gateway/src/store/ports/changes.js';
import type { KeyStateStore, NewSigningKey, SigningKeyStore } from '../../../gateway/src/store/ports/keys.js';
import { eventFor, T0, uniq } from './fixtures.js';

/** The ports of the key stores, with the change store whose event chain their changes join. */
export interface KeyStores {
  readonly keyState: KeyStateStore;
  readonly signingKeys: SigningKeyStore;
  readonly changes: ChangeStore;
}

/** Builds the key stores under test. */
export type MakeKeyStores = () => KeyStores | Promise<KeyStores>;

/** How many events name `targetId` (a refused change logs nothing). */
const eventsOf = async (stores: KeyStores, targetId: string) => (await stores.changes.listEvents({ targetId, limit: 1000 })).length;

/** A key as the gateway creates one (public half only matters to the store; the wrapped half is opaque text). */
const aSigningKey = (createdAt: number): NewSigningKey => {
  const kid = uniq('kid');
  return {
    kid,
    alg: 'EdDSA',
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid, alg: 'EdDSA', use: 'sig' },
    wrappedPrivate: `wrapped-${kid}`,
    createdAt,
  };
};

/** The contract of {@link KeyStateStore} and {@link SigningKeyStore}, for any backend. */
export function describeKeyStoresConformance(makeStores: MakeKeyStores): void {
  describe('key state store', () => {
    it('raises the current field-key version one step at a time, each with its event, and refuses a lost race', async () => {
      const stores = await makeStores();
      const before = await stores.keyState.fieldKeyVersions();
      expect(before.current).toBeGreaterThanOrEqual(1);
      expect(before.oldest).toBeLessThanOrEqual(before.current);
      const next = before.current + 1;
      const target = uniq('field-keys');

      const raised = await stores.keyState.raiseCurrentVersion(next, eventFor(target, 'field_keys.rotate', T0 + 5));
      expect(raised.ok).toBe(true);
      expect(await stores.keyState.fieldKeyVersions()).toEqual({ current: next, oldest: before.oldest });
      expect(await stores.keyState.currentVersionSetAt()).toBe(T0 + 5);

      // The same version again (a concurrent rotation that read the old one), or a skipped one: nothing changes or is logged.
      expect(await stores.keyState.raiseCurrentVersion(next, eventFor(target))).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.keyState.raiseCurrentVersion(next + 2, eventFor(target))).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.keyState.fieldKeyVersions()).toEqual({ current: next, oldest: before.oldest });
      expect(await stores.keyState.currentVersionSetAt()).toBe(T0 + 5);
      expect(await eventsOf(stores, target)).toBe(1);
    });

    it('raises the oldest accepted version only upwards, with its event', async () => {
      const stores = await makeStores();
      const target = uniq('field-keys');
      const { current } = await stores.keyState.fieldKeyVersions();
      if ((await stores.keyState.fieldKeyVersions()).oldest >= current) {
        expect((await stores.keyState.raiseCurrentVersion(current + 1, eventFor(uniq('setup')))).ok).toBe(true);
      }
      const top = (await stores.keyState.fieldKeyVersions()).current;
      expect((await stores.keyState.raiseOldestVersion(top, eventFor(target, 'field_keys.retire'))).ok).toBe(true);
      expect((await stores.keyState.fieldKeyVersions()).oldest).toBe(top);
      expect(await stores.keyState.raiseOldestVersion(top, eventFor(target))).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.keyState.raiseOldestVersion(top - 1, eventFor(target))).toEqual({ ok: false, reason: 'conflict' });
      expect((await stores.keyState.fieldKeyVersions()).oldest).toBe(top);
      expect(await eventsOf(stores, target)).toBe(1);
    });

    it('keeps the first key-check value stored', async () => {
      const stores = await makeStores();
      const before = await stores.keyState.keyCheck();
      const first = uniq('kcv');
      await stores.keyState.storeKeyCheckIfMissing(first, T0);
      const stored = before ?? first;
      expect(await stores.keyState.keyCheck()).toBe(stored);
      await stores.keyState.storeKeyCheckIfMissing(uniq('kcv'), T0 + 1);
      expect(await stores.keyState.keyCheck()).toBe(stored);
    });
  });

  describe('signing key store', () => {
    it('holds one active key: a first key only when none is active, a rotation with its event that a lost race cannot repeat', async () => {
      const stores = await makeStores();
      let active = (await stores.signingKeys.allKeys()).find((k) => k.status === 'active');
      if (active === undefined) {
        const first = aSigningKey(T0);
        expect(await stores.signingKeys.insertFirstActive(first)).toBe(true);
        active = (await stores.signingKeys.allKeys()).find((k) => k.kid === first.kid);
      }
      if (active === undefined) throw new Error('no active key');
      expect(active).toMatchObject({ status: 'active', retiredAt: null, publishUntil: null });
      expect(await stores.signingKeys.insertFirstActive(aSigningKey(T0 + 1))).toBe(false);

      const at = Math.max(T0, active.createdAt) + 10;
      const next = aSigningKey(at);
      const target = uniq('signing-key');
      expect(await stores.signingKeys.replaceActive(active.kid, at + 300, next, eventFor(target, 'signing_key.rotate', at))).toBe(true);
      expect(await eventsOf(stores, target)).toBe(1);
      // The old key is no longer active: a second rotation from it changes nothing and logs nothing.
      expect(await stores.signingKeys.replaceActive(active.kid, at + 300, aSigningKey(at + 1), eventFor(target))).toBe(false);
      expect(await stores.signingKeys.replaceActive(active.kid, at + 300, aSigningKey(at + 1))).toBe(false);
      expect(await eventsOf(stores, target)).toBe(1);

      const all = await stores.signingKeys.allKeys();
      expect(all.filter((k) => k.status === 'active').map((k) => k.kid)).toEqual([next.kid]);
      expect(all.find((k) => k.kid === next.kid)).toEqual({ ...next, status: 'active', retiredAt: null, publishUntil: null });
      expect(all.find((k) => k.kid === active.kid)).toMatchObject({ status: 'retired', retiredAt: at, publishUntil: at + 300 });
      const created = all.map((k) => k.createdAt);
      expect(created).toEqual([...created].sort((a, b) => b - a));

      // Published: the active key, and the retired one until its tokens are dead.
      expect((await stores.signingKeys.publishedKeys(at + 299)).map((k) => k.kid)).toEqual(expect.arrayContaining([next.kid, active.kid]));
      expect((await stores.signingKeys.publishedKeys(at + 299))[0]?.kid).toBe(next.kid);
      expect((await stores.signingKeys.publishedKeys(at + 300)).map((k) => k.kid)).not.toContain(active.kid);
      expect((await stores.signingKeys.publishedKeys(at + 300)).map((k) => k.kid)).toContain(next.kid);

      // A rotation without an event (the scheduled one) still rotates.
      const third = aSigningKey(at + 20);
      expect(await stores.signingKeys.replaceActive(next.kid, at + 320, third)).toBe(true);
      expect((await stores.signingKeys.allKeys()).filter((k) => k.status === 'active').map((k) => k.kid)).toEqual([third.kid]);
    });

    it('re-wraps a private half only while it still holds what was read', async () => {
      const stores = await makeStores();
      await stores.signingKeys.insertFirstActive(aSigningKey(T0));
      const wrapped = await stores.signingKeys.wrappedKeys();
      expect(await stores.signingKeys.oldestWrappedKey()).not.toBeNull();
      const key = wrapped[0];
      if (key === undefined) throw new Error('no key');
      const oldest = await stores.signingKeys.oldestWrappedKey();
      expect(wrapped).toContainEqual(oldest);

      expect(await stores.signingKeys.rewrapKeys([{ kid: key.kid, was: 'not-what-it-holds', rewrapped: 'lost' }])).toBe(0);
      const rewrapped = uniq('rewrapped');
      expect(await stores.signingKeys.rewrapKeys([{ kid: key.kid, was: key.wrappedPrivate, rewrapped }])).toBe(1);
      expect(await stores.signingKeys.wrappedKeys()).toContainEqual({ kid: key.kid, wrappedPrivate: rewrapped });
      expect(await stores.signingKeys.rewrapKeys([])).toBe(0);
    });
  });
}
