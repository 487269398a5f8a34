/** Access tokens revoked before their expiry. */
export interface RevocationStore {
  /** Records that token `jti` of `clientId` is revoked until `expiresAt`. Revoking it again changes nothing (the first record stays). */
  revoke(jti: string, clientId: string, now: number, expiresAt: number): Promise<void>;
  /** Whether token `jti` is revoked (and not yet purged). */
  isRevoked(jti: string): Promise<boolean>;
  /** Forgets the revocations of tokens that expired before `now` (`expiresAt < now`); a token expiring at `now` stays. Returns how many went. */
  purgeExpiredRevocations(now: number): Promise<number>;
}
