import type { Grant } from '@need2know/policy';

/** Shortest viewer-key epoch (seconds): finer epochs only multiply keys. */
export const MIN_EPOCH_SECONDS = 60;
/** Epochs per data life: a payload stays readable between (1 − 1/4) and 1 data life. */
export const EPOCHS_PER_DATA_LIFE = 4;

/** Length of one viewer-key epoch of `grant` (seconds). */
export function epochLength(grant: Pick<Grant, 'dataLife'>): number {
  return Math.max(MIN_EPOCH_SECONDS, Math.floor(grant.dataLife / EPOCHS_PER_DATA_LIFE));
}

/** The epoch a delivery at `now` belongs to. */
export function epochAt(grant: Pick<Grant, 'notBefore' | 'dataLife'>, now: number): number {
  return Math.max(0, Math.floor((now - grant.notBefore) / epochLength(grant)));
}

/**
 * When the key of `epoch` is destroyed: one data life after the epoch starts, and never after the
 * window ends. So whatever was delivered in the epoch is unreadable in the viewer at most one data
 * life after its delivery, and at the latest when the window closes.
 */
export function epochDestroyAt(grant: Pick<Grant, 'notBefore' | 'notAfter' | 'dataLife'>, epoch: number): number {
  return Math.min(grant.notAfter, grant.notBefore + epoch * epochLength(grant) + grant.dataLife);
}
