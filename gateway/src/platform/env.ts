import { DEFAULT_DATA_OWNER_TIME_ZONE } from './config.js';
import { isTimeZone } from '@need2know/zoned-time';
import { civilDate } from '@need2know/policy';

/**
 * The Worker's bindings: those declared in wrangler.toml (generated into worker-configuration.d.ts
 * by `npm run types`, which types each Durable Object namespace by its class exported from the
 * Worker entry) plus the secrets, which wrangler cannot see.
 */
export interface GatewayEnv extends Omit<Env, 'N2K_ROOT_SECRET' | 'N2K_BOOTSTRAP_ADMINS' | 'N2K_TIME_ZONE'> {
  /** Base64url root secret (≥ 32 bytes) from which every at-rest and wrapping key is derived. */
  readonly N2K_ROOT_SECRET: string;
  /**
   * JSON list of privacy officers registered on start-up when absent: `[{id, name, agency, jwk}]`
   * with public JWKs only. This is how the first officers exist before anyone can administer.
   */
  readonly N2K_BOOTSTRAP_ADMINS?: string;
  /** IANA time zone of the data owner (default {@link DEFAULT_DATA_OWNER_TIME_ZONE}). */
  readonly N2K_TIME_ZONE?: string;
}

/** Source of the current time in Unix seconds; replaced by a simulated clock in tests. */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/**
 * The data owner's time zone: `N2K_TIME_ZONE`, else {@link DEFAULT_DATA_OWNER_TIME_ZONE}. Throws on a
 * name the runtime does not know, so that no date is ever judged in a zone nobody chose.
 */
export function ownerTimeZone(env: Pick<GatewayEnv, 'N2K_TIME_ZONE'>): string {
  const zone = env.N2K_TIME_ZONE === undefined || env.N2K_TIME_ZONE === '' ? DEFAULT_DATA_OWNER_TIME_ZONE : env.N2K_TIME_ZONE;
  if (!isTimeZone(zone)) throw new Error(`N2K_TIME_ZONE is not a time zone this runtime knows: ${zone}`);
  return zone;
}

/** Today on the data owner's calendar at Unix time `now` (see `civilDate`). */
export function ownerToday(env: Pick<GatewayEnv, 'N2K_TIME_ZONE'>, now: number): string {
  return civilDate(now, ownerTimeZone(env));
}
