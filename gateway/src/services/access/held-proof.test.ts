/**
 * A DPoP proof held for the route's log call (RFC 9449 §11.1): spent once, by the log call or after
 * the route, and refused (401) when it had been presented before — against the real log object.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../platform/env.js';
import { Problem } from '../../platform/errors/problem.js';
import { storesOf } from '../stores.js';
import { holdProof, settleHeldProof } from './held-proof.js';

const stores = storesOf(env as unknown as GatewayEnv);
const now = () => Math.floor(Date.now() / 1000);
const proof = () => ({ jkt: `jkt-${crypto.randomUUID()}`, jti: crypto.randomUUID(), replayUntil: now() + 120 });

describe('HeldProof', () => {
  it('offers its proof to one log call; once settled there is nothing left to spend', () => {
    const held = holdProof(proof());
    expect(held.toSpend).toEqual(held.nonce);
    expect(held.nonce.key).toMatch(/^dpop:jkt-.+:.+$/);
    held.settle();
    expect(held.settled).toBe(true);
    expect(held.toSpend).toBeUndefined();
  });

  it('after the route, spends a proof the route did not, and refuses the same proof presented again', async () => {
    const p = proof();
    const first = holdProof(p);
    await settleHeldProof(stores, first, now());
    expect(first.settled).toBe(true);
    const again = holdProof(p);
    const refused = await settleHeldProof(stores, again, now()).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({ status: 401, code: 'invalid_dpop_proof' });
  });

  it('leaves a proof its log call settled alone (no second spend, no refusal)', async () => {
    const p = proof();
    await settleHeldProof(stores, holdProof(p), now());
    const settledByLog = holdProof(p);
    settledByLog.settle();
    await expect(settleHeldProof(stores, settledByLog, now())).resolves.toBeUndefined();
  });
});
