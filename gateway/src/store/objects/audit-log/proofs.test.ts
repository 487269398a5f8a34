import { canonicalEntryBytes, leafHash, rootFromLeaves, verifyConsistency, verifyInclusion, type LogEntry } from '@need2know/audit';
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consistencyOf, inclusionOf } from './proofs.js';
import { appendEntries, nodeLookup } from './tree.js';

const inFreshLog = <R>(fn: (sql: SqlStorage) => R) =>
  runInDurableObject(env.AUDIT_LOG.get(env.AUDIT_LOG.idFromName(`unit:proofs:${crypto.randomUUID()}`)), (_i, state) => fn(state.storage.sql));

const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const entry = (seq: number): LogEntry => ({
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

describe('proofs from storage', () => {
  it('answers inclusion and consistency proofs that verify, and nothing about trees the log does not hold', async () => {
    await inFreshLog((sql) => {
      const entries = Array.from({ length: 9 }, (_, i) => entry(i + 1));
      appendEntries(sql, entries);
      const leaves = entries.map((e) => leafHash(canonicalEntryBytes(e)));
      const lookup = nodeLookup(sql);
      const found = inclusionOf(sql, lookup, 9, 5, 7);
      expect(found?.entry).toEqual(entries[5]);
      expect(verifyInclusion(leaves[5] ?? new Uint8Array(), 5, 7, (found?.proof ?? []).map(unb64), rootFromLeaves(leaves.slice(0, 7)))).toBe(true);
      const proof = consistencyOf(lookup, 9, 3, 9) ?? [];
      expect(verifyConsistency(3, 9, rootFromLeaves(leaves.slice(0, 3)), rootFromLeaves(leaves), proof.map(unb64))).toBe(true);

      expect(inclusionOf(sql, lookup, 9, 7, 7)).toBeNull();
      expect(inclusionOf(sql, lookup, 9, 2, 10)).toBeNull();
      expect(inclusionOf(sql, lookup, 9, 9, 9)).toBeNull();
      expect(consistencyOf(lookup, 9, 0, 5)).toBeNull();
      expect(consistencyOf(lookup, 9, 6, 5)).toBeNull();
      expect(consistencyOf(lookup, 9, 5, 10)).toBeNull();
    });
  });
});
