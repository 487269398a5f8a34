import type { AuditLog } from './durable/audit-log.js';
import type { GrantKeyVault } from './durable/grant-key-vault.js';
import type { ReplayGuard } from './durable/replay-guard.js';

/**
 * The Worker's bindings: those declared in wrangler.toml (generated into worker-configuration.d.ts
 * by `npm run types`) plus the secrets, which wrangler cannot see.
 */
export interface GatewayEnv extends Omit<Env, 'REPLAY_GUARD' | 'GRANT_KEYS' | 'AUDIT_LOG' | 'N2K_ROOT_SECRET' | 'N2K_BOOTSTRAP_ADMINS'> {
  /** Base64url root secret (≥ 32 bytes) from which every at-rest and wrapping key is derived. */
  readonly N2K_ROOT_SECRET: string;
  /**
   * JSON list of privacy officers registered on start-up when absent: `[{id, name, agency, jwk}]`
   * with public JWKs only. This is how the first officers exist before anyone can administer.
   */
  readonly N2K_BOOTSTRAP_ADMINS?: string;
  readonly REPLAY_GUARD: DurableObjectNamespace<ReplayGuard>;
  readonly GRANT_KEYS: DurableObjectNamespace<GrantKeyVault>;
  readonly AUDIT_LOG: DurableObjectNamespace<AuditLog>;
}

/** Source of the current time in Unix seconds; replaced by a simulated clock in tests. */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
