import type { JWK } from 'jose';
import type { OfficerProfile } from './messages.js';

/**
 * The officer's keys and profile, kept in the extension's IndexedDB. Private keys are WebCrypto
 * keys made non-extractable: the browser can use them, no script (this one included) can read
 * them out, and they never leave this profile.
 */
export interface OfficerKeys {
  readonly profile: OfficerProfile;
  /** ES256 key of `private_key_jwt` (registered with the gateway at enrolment). */
  readonly signing: CryptoKeyPair;
  readonly signingJwk: JWK;
  /** ES256 key DPoP proofs are made with (tokens are bound to it). */
  readonly dpop: CryptoKeyPair;
  readonly dpopJwk: JWK;
  /** ECDH P-256 key deliveries are sealed to. */
  readonly encryption: CryptoKeyPair;
  readonly encryptionJwk: JWK;
}

const DB_NAME = 'need2know-viewer';
const STORE = 'officer';
const KEY = 'current';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

export const loadOfficer = async (): Promise<OfficerKeys | null> => ((await withStore('readonly', (s) => s.get(KEY))) as OfficerKeys | undefined) ?? null;
export const saveOfficer = async (keys: OfficerKeys): Promise<void> => void (await withStore('readwrite', (s) => s.put(keys, KEY)));

/** The public JWK of a key pair, without WebCrypto's bookkeeping members. */
export async function publicJwk(pair: CryptoKeyPair): Promise<JWK> {
  const { key_ops: _ops, ext: _ext, ...jwk } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JWK & { key_ops?: string[]; ext?: boolean };
  return jwk;
}

/** Fresh, non-extractable keys for enrolment. */
export async function newOfficerKeys(): Promise<Omit<OfficerKeys, 'profile'>> {
  const signing = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const dpop = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const encryption = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  return { signing, signingJwk: await publicJwk(signing), dpop, dpopJwk: await publicJwk(dpop), encryption, encryptionJwk: await publicJwk(encryption) };
}
