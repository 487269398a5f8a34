/**
 * The plain values the media services need besides their stores: the root secret their key ring is
 * derived from (with the stores' key state), and the data owner's time zone (whether a person is a
 * minor "today" decides whether a photo is flagged).
 */
import { ownerTimeZone, type GatewayEnv } from '../../platform/env.js';
import type { Stores } from '../../store/ports/index.js';
import type { KeyRingSource } from '../keys/key-ring.js';
import type { RecordReader } from '../records/read.js';

/** Root secret and time zone, as the media services take them. */
export interface MediaSettings {
  readonly rootSecret: string;
  /** IANA time zone of the data owner (checked when built: see `ownerTimeZone`). */
  readonly timeZone: string;
}

/** The media settings from the bindings (throws on a time zone the runtime does not know). */
export function mediaSettingsOf(env: Pick<GatewayEnv, 'N2K_ROOT_SECRET' | 'N2K_TIME_ZONE'>): MediaSettings {
  return { rootSecret: env.N2K_ROOT_SECRET, timeZone: ownerTimeZone(env) };
}

/** The key ring's source: the root secret over the stores' field-key versions. */
export const keysOf = (stores: Pick<Stores, 'keyState'>, settings: MediaSettings): KeyRingSource => ({
  rootSecret: settings.rootSecret,
  keyState: stores.keyState,
});

/** What reading the records that name media needs: the record store and the key ring's source. */
export const recordReader = (stores: Pick<Stores, 'records' | 'keyState'>, settings: MediaSettings): RecordReader => ({
  records: stores.records,
  ...keysOf(stores, settings),
});
