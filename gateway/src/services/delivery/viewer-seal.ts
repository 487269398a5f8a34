import { base64url, CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import type { Grant } from '@need2know/policy';
import type { Stores } from '../../store/ports/index.js';
import { epochAt, epochDestroyAt } from './viewer-epochs.js';

/** Where the key of a viewer-bound payload lives: `kid` of its JWE. */
export const viewerKeyId = (grantId: string, epoch: number) => `${grantId}:${epoch}`;

/**
 * Seals `payload` under the grant's viewer key of the current epoch (JWE `dir` + A256GCM): the viewer
 * can open it only with a key it must fetch from the gateway, which releases it only while the key
 * exists. Returns null when the epoch's key is already destroyed (nothing may be delivered then).
 */
export async function sealForViewer(
  stores: Pick<Stores, 'grantKeys'>,
  grant: Grant,
  now: number,
  payload: unknown,
): Promise<{ jwe: string; epoch: number; destroyAt: number } | null> {
  const epoch = epochAt(grant, now);
  const key = await stores.grantKeys.of(grant.id).keyFor(epoch, epochDestroyAt(grant, epoch), now);
  if (key === null) return null;
  const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: viewerKeyId(grant.id, epoch) })
    .encrypt(base64url.decode(key.key));
  return { jwe, epoch, destroyAt: key.destroyAt };
}

/** The viewer key of `epoch`, if it still exists at `now`. */
export async function releaseViewerKey(
  stores: Pick<Stores, 'grantKeys'>,
  grantId: string,
  epoch: number,
  now: number,
): Promise<{ key: string; destroyAt: number } | null> {
  const key = await stores.grantKeys.of(grantId).existingKey(epoch, now);
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
export async function shredViewerKeys(stores: Pick<Stores, 'grantKeys'>, grantId: string): Promise<number> {
  return stores.grantKeys.of(grantId).shred();
}

/** Opens a viewer-bound payload with a released key (used by tests and by the viewer's own code path). */
export async function openViewerPayload(jwe: string, key: string): Promise<unknown> {
  const { plaintext } = await compactDecrypt(jwe, base64url.decode(key));
  return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
}
