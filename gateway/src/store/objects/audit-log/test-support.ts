/** What the log object's unit tests share: a fresh log object's storage, and a minimal entry. */
import type { LogEntry } from '@need2know/audit';
import { decodeBase64 } from '@need2know/crypto';
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

/** Runs `fn` on the SQL storage of a log object no other test has touched. */
export function inFreshLog<R>(fn: (sql: SqlStorage) => R | Promise<R>): Promise<R> {
  return runInDurableObject(env.AUDIT_LOG.get(env.AUDIT_LOG.idFromName(`unit:${crypto.randomUUID()}`)), (_i, state) => fn(state.storage.sql));
}

/** An administrative entry numbered `seq`, its hashes left for the tree to compute. */
export const testEntry = (seq: number): LogEntry => ({
  kind: 'admin',
  seq,
  at: seq,
  actor: 'a',
  action: 'x',
  target_type: 't',
  target_id: 'i',
  detail: {},
  prev_hash: '',
  hash: '',
});

/** A stored proof hash (base64) as bytes; throws on anything the log would not have written. */
export function proofBytes(s: string): Uint8Array {
  const bytes = decodeBase64(s);
  if (bytes === undefined) throw new TypeError(`not base64: ${s}`);
  return bytes;
}
