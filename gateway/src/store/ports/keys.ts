import type { JWK } from 'jose';
import type { ChangeOutcome, NewAdminEvent } from './changes.js';

/** The field-key versions in use: `current` seals new data, `oldest` is the lowest still opened. */
export interface FieldKeyVersions {
  readonly current: number;
  readonly oldest: number;
}

/**
 * The field-key versions and the root secret's key-check value. Raising a version is committed
 * with its administrative event, all or nothing, like every change of {@link ChangeStore.commit}.
 */
export interface KeyStateStore {
  /** The versions as recorded; a version never written reads as 1. */
  fieldKeyVersions(): Promise<FieldKeyVersions>;
  /** When the current version was last raised (Unix seconds; 0 if never). */
  currentVersionSetAt(): Promise<number>;
  /**
   * Raises the current version to `version` at `event.at` and appends `event`, as one transaction.
   * Applies only while the current version is `version - 1` (a concurrent rotation took it
   * otherwise): then the outcome is `{ ok: false, reason: 'conflict' }` and nothing is changed or
   * logged.
   */
  raiseCurrentVersion(version: number, event: NewAdminEvent): Promise<ChangeOutcome>;
  /**
   * Raises the oldest accepted version to `version` at `event.at` and appends `event`, as one
   * transaction. Applies only while the oldest version is below `version`; otherwise a conflict,
   * nothing changed or logged.
   */
  raiseOldestVersion(version: number, event: NewAdminEvent): Promise<ChangeOutcome>;
  /** The key-check value stored at first start, or null before one was stored. */
  keyCheck(): Promise<string | null>;
  /** Stores `value` as the key-check value unless one is stored already: the first stored stays (two first starts may race). */
  storeKeyCheckIfMissing(value: string, now: number): Promise<void>;
}

/** One of the gateway's token-signing key pairs: the public half, and the private half **wrapped** under a root-derived key. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly publicJwk: JWK;
  readonly wrappedPrivate: string;
  readonly status: 'active' | 'retired';
  readonly createdAt: number;
  readonly retiredAt: number | null;
  /** Until when a retired key stays published (its tokens may still live); null while active. */
  readonly publishUntil: number | null;
}

/** A key as it is created (active, never retired). */
export type NewSigningKey = Omit<SigningKey, 'status' | 'retiredAt' | 'publishUntil'>;

/** A key's wrapped private half, as re-wrapping and the root-secret check read it. */
export interface WrappedSigningKey {
  readonly kid: string;
  readonly wrappedPrivate: string;
}

/** A key's private half to re-wrap: replaced by `rewrapped` only while it still holds `was`. */
export interface SigningKeyRewrap {
  readonly kid: string;
  readonly was: string;
  readonly rewrapped: string;
}

/** The gateway's token-signing keys. At most one key is ever active. */
export interface SigningKeyStore {
  /** Keys to publish at `now`: the active one and retired ones with `publishUntil > now`, newest first (`createdAt` descending). */
  publishedKeys(now: number): Promise<SigningKey[]>;
  /** Every key ever created, newest first. */
  allKeys(): Promise<SigningKey[]>;
  /** Stores `key` as the active key unless a key is active already (then nothing changes). Returns whether it was stored. */
  insertFirstActive(key: NewSigningKey): Promise<boolean>;
  /**
   * Retires the active key `oldKid` (retired at `next.createdAt`, published until `publishUntil`),
   * makes `next` the active key and, when given, appends `event`: one transaction. When `oldKid` is
   * no longer the active key (a concurrent rotation won) nothing is changed or logged and the
   * result is false.
   */
  replaceActive(oldKid: string, publishUntil: number, next: NewSigningKey, event?: NewAdminEvent): Promise<boolean>;
  /** Every key's wrapped private half (any status). */
  wrappedKeys(): Promise<WrappedSigningKey[]>;
  /** The oldest key's wrapped private half, or null when there is no key. */
  oldestWrappedKey(): Promise<WrappedSigningKey | null>;
  /** Replaces each key's private half that still holds `was` (others are left alone). Returns how many were replaced. */
  rewrapKeys(rewraps: readonly SigningKeyRewrap[]): Promise<number>;
}
