import { base64url, CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import type { GatewayEnv } from '../../platform/env.js';
import type { Grant } from '@need2know/policy';
import { epochAt, epochDestroyAt } from './viewer-epochs.js';

/** Where the key of a viewer-bound payload lives: `kid` of its JWE. */
export const viewerKeyId = (grantId: string, epoch: number) => `${grantId}:${epoch}`;

function vault(env: GatewayEnv, grantId: string) {
  return env.GRANT_KEYS.get(env.GRANT_KEYS.idFromName(grantId));
}

/**
 * Seals `payload` under the grant's viewer key of the current epoch (JWE `dir` + A256GCM): the viewer
 * can open it only with a key it must fetch from the gateway, which releases it only while the key
 * exists. Returns null when the epoch's key is already destroyed (nothing may be delivered then).
 */
export async function sealForViewer(
  env: GatewayEnv,
  grant: Grant,
  now: number,
  payload: unknown,
): Promise<{ jwe: string; epoch: number; destroyAt: number } | null> {
  const epoch = epochAt(grant, now);
  const key = await vault(env, grant.id).keyFor(epoch, epochDestroyAt(grant, epoch), now);
  if (key === null) return null;
  const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: viewerKeyId(grant.id, epoch) })
    .encrypt(base64url.decode(key.key));
  return { jwe, epoch, destroyAt: key.destroyAt };
}

/** The viewer key of `epoch`, if it still exists at `now`. */
export async function releaseViewerKey(env: GatewayEnv, grantId: string, epoch: number, now: number): Promise<{ key: string; destroyAt: number } | null> {
  const key = await vault(env, grantId).existingKey(epoch, now);
  return key === null ? null : { key: key.key, destroyAt: key.destroyAt };
}

/**
 * A released viewer key as the caller receives it: an `oct` JWK sealed to the caller's registered
 * encryption key (compact JWE, ECDH-ES + A256GCM), so only the viewer that holds that key opens it.
 */
export async function sealViewerKeyTo(recipient: JWK, kid: string, key: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ kty: 'oct', k: key, kid, alg: 'A256GCM' })))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', ...(recipient.kid === undefined ? {} : { kid: recipient.kid }) })
    .encrypt(await importJWK(recipient, 'ECDH-ES'));
}

/** Destroys every viewer key of `grantId` (window over, grant revoked). Returns how many. */
export async function shredViewerKeys(env: GatewayEnv, grantId: string): Promise<number> {
  return vault(env, grantId).shred();
}

/** Opens a viewer-bound payload with a released key (used by tests and by the viewer's own code path). */
export async function openViewerPayload(jwe: string, key: string): Promise<unknown> {
  const { plaintext } = await compactDecrypt(jwe, base64url.decode(key));
  return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
}
