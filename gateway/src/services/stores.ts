import type { GatewayEnv } from '../platform/env.js';
import { storesFromBindings } from '../store/bindings.js';
import { d1KeyStateStore } from '../store/d1/key-stores.js';
import { d1RecordStore } from '../store/d1/record-store.js';
import type { Stores } from '../store/ports/index.js';

import type { KeyRingSource } from './keys/key-ring.js';
import type { RecordReader } from './records/read.js';
import type { Issuer } from './oauth/issuer.js';

export type { AdminStores, Stores } from '../store/ports/index.js';

/**
 * The storage backends, built from the bindings: the one place a backend is chosen (today D1 and the
 * Durable Objects, see `store/bindings.ts`). Another backend implements the ports of `store/ports/`
 * and passes `test/store/conformance/`; services and policy do not change.
 */
export function storesOf(env: GatewayEnv): Stores {
  return storesFromBindings(env);
}

/**
 * The key ring's source: the root secret of the bindings over the field-key versions of `stores`
 * (the request's stores in routes, so that the backend chosen once is the one read). Jobs and tests
 * that hold only the bindings leave `stores` out and get the D1 key state.
 */
export function keyRingSourceOf(
  env: Pick<GatewayEnv, 'N2K_ROOT_SECRET' | 'DB'>,
  stores: Pick<Stores, 'keyState'> = { keyState: d1KeyStateStore(env.DB) },
): KeyRingSource & Pick<Stores, 'keyState'> {
  return { rootSecret: env.N2K_ROOT_SECRET, keyState: stores.keyState };
}

/**
 * What reading records needs: the record store of `stores` and the key ring's source (see
 * {@link keyRingSourceOf}; without `stores`, the D1 ones of the bindings).
 */
export function recordReaderOf(
  env: Pick<GatewayEnv, 'N2K_ROOT_SECRET' | 'DB'>,
  stores: Pick<Stores, 'records' | 'keyState'> = { records: d1RecordStore(env.DB), keyState: d1KeyStateStore(env.DB) },
): RecordReader & Pick<Stores, 'keyState'> {
  return { records: stores.records, ...keyRingSourceOf(env, stores) };
}

/** Every port with the key ring's source, from the bindings: for jobs and tests that hold the bindings. */
export function storesWithKeysOf(env: GatewayEnv): Stores & KeyRingSource {
  return { ...storesFromBindings(env), rootSecret: env.N2K_ROOT_SECRET };
}

/** The gateway as the issuer of its tokens, from the bindings: its public URL, and its root secret over `stores`' key state. */
export function issuerOf(env: Pick<GatewayEnv, 'N2K_PUBLIC_URL' | 'N2K_ROOT_SECRET'>, stores: Pick<Stores, 'keyState'>): Issuer {
  return { publicUrl: env.N2K_PUBLIC_URL, keys: { rootSecret: env.N2K_ROOT_SECRET, keyState: stores.keyState } };
}
