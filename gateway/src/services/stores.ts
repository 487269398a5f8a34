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
 * The key ring's source from the bindings: the root secret and the field-key versions recorded in
 * D1. For callers not yet handed a {@link KeyRingSource}; cheap enough for every request (no object
 * but the key state's is built).
 */
export function keyRingSourceOf(env: GatewayEnv): KeyRingSource & Pick<Stores, 'keyState'> {
  return { rootSecret: env.N2K_ROOT_SECRET, keyState: d1KeyStateStore(env.DB) };
}

/**
 * What reading records needs, from the bindings: the record store and the key ring's source. For
 * callers not yet handed stores; as cheap as {@link keyRingSourceOf} (no Durable Object stub is made).
 */
export function recordReaderOf(env: GatewayEnv): RecordReader & Pick<Stores, 'keyState'> {
  return { records: d1RecordStore(env.DB), ...keyRingSourceOf(env) };
}

/** Every port with the key ring's source, from the bindings: for jobs and tests that hold the bindings. */
export function storesWithKeysOf(env: GatewayEnv): Stores & KeyRingSource {
  return { ...storesFromBindings(env), rootSecret: env.N2K_ROOT_SECRET };
}

/** The gateway as the issuer of its tokens, from the bindings: its public URL, and its root secret over `stores`' key state. */
export function issuerOf(env: Pick<GatewayEnv, 'N2K_PUBLIC_URL' | 'N2K_ROOT_SECRET'>, stores: Pick<Stores, 'keyState'>): Issuer {
  return { publicUrl: env.N2K_PUBLIC_URL, keys: { rootSecret: env.N2K_ROOT_SECRET, keyState: stores.keyState } };
}
