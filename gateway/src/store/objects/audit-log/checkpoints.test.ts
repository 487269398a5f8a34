/**
 * The checkpoint key is the key ring's `audit-checkpoint` signing key: the same key bytes the log
 * has signed with since checkpoints came from the key ring, whatever the field-key version, so
 * checkpoints signed before keep verifying under the published key.
 */
import { parseCheckpoint, verifyCheckpoint, formatVerifierKey, type NoteSigner } from '@need2know/audit';
import { KeyRing } from '@need2know/crypto';
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readKeyVersions } from '../../d1/key-state.js';
import { checkpointOfSize, checkpointOfTree, checkpointSigner, newestCheckpoint } from './checkpoints.js';
import { appendEntries, readFrontier } from './tree.js';

/** The root secret the test gateway runs under (vitest.config.ts). */
const TEST_SECRET = 'dGVzdC1yb290LXNlY3JldC1vbmx5LWZvci12aXRlc3QtcnVucw';
const ORIGIN = 'gateway.test/need2know/audit';
/** The vkey of TEST_SECRET's checkpoint key, as the log published it before checkpoints.ts took a ring. */
const PUBLISHED_VKEY = 'gateway.test/need2know/audit+0435ebe2+Aayhzy73bPhT8cTy9KIrA+bHNl+j3K5EM3h8XxeKjoJc';
/** A checkpoint of a one-entry tree (`{"kind":"admin","seq":1}`), signed by that key before the change. */
const EARLIER_NOTE =
  'gateway.test/need2know/audit\n1\n9LEasNC9t49RqhQ+28S/hIIzTdcIKZL5hgTfzksfXbU=\n\n— gateway.test/need2know/audit BDXr4i0sFX4VRUI2ZNMmiW5gB2sgkasmWSGOaX+VmLoIiS02ErIUiAe9VzIJhD7C98Zt/8ce72OYBBbeRkI1QY5JvgI=\n';

const vkeyOf = (s: NoteSigner) => formatVerifierKey(s.keyName, s.publicKey);
const log = () => env.AUDIT_LOG.get(env.AUDIT_LOG.idFromName(`unit:checkpoints:${crypto.randomUUID()}`));

describe('the checkpoint key', () => {
  it('is the published key, from the ring at any field-key version, including the versions the gateway runs at', async () => {
    expect(vkeyOf(await checkpointSigner(KeyRing.fromBase64url(TEST_SECRET, { currentVersion: 1 }), ORIGIN))).toBe(PUBLISHED_VKEY);
    expect(vkeyOf(await checkpointSigner(KeyRing.fromBase64url(TEST_SECRET, { currentVersion: 4, oldestVersion: 2 }), ORIGIN))).toBe(PUBLISHED_VKEY);
    const { current, oldest } = await readKeyVersions(env.DB);
    expect(vkeyOf(await checkpointSigner(KeyRing.fromBase64url(TEST_SECRET, { currentVersion: current, oldestVersion: oldest }), ORIGIN))).toBe(PUBLISHED_VKEY);
  });

  it('is what the log object publishes, and a checkpoint signed before the change still verifies under it', async () => {
    expect(await log().verifierKey(ORIGIN)).toBe(PUBLISHED_VKEY);
    expect(await verifyCheckpoint(EARLIER_NOTE, PUBLISHED_VKEY)).toMatchObject({ origin: ORIGIN, size: 1 });
  });

  it('differs for another secret', async () => {
    expect(vkeyOf(await checkpointSigner(KeyRing.fromBase64url(KeyRing.generateSecret(), { currentVersion: 1 }), ORIGIN))).not.toBe(PUBLISHED_VKEY);
  });
});

describe('checkpointOfTree', () => {
  it('signs a tree once and stores it; the same tree again is read, not signed', async () => {
    const signer = await checkpointSigner(KeyRing.fromBase64url(TEST_SECRET, { currentVersion: 1 }), ORIGIN);
    let signed = 0;
    const counting = async () => {
      signed += 1;
      return signer;
    };
    await runInDurableObject(log(), async (_instance, state) => {
      const sql = state.storage.sql;
      appendEntries(sql, [
        { kind: 'admin', seq: 1, at: 1, actor: 'system', action: 'a', target_type: 't', target_id: 'x', detail: {}, prev_hash: '', hash: 'h' },
      ]);
      const first = await checkpointOfTree(sql, readFrontier(sql), ORIGIN, counting, 10);
      const again = await checkpointOfTree(sql, readFrontier(sql), ORIGIN, counting, 20);
      expect(again).toBe(first);
      expect(signed).toBe(1);
      expect(checkpointOfSize(sql, 1)).toBe(first);
      expect(newestCheckpoint(sql)).toEqual({ size: 1, note: first });
      expect(parseCheckpoint(first).size).toBe(1);
      await verifyCheckpoint(first, PUBLISHED_VKEY);
    });
  });

  it('signs nothing when the key cannot be made', async () => {
    await runInDurableObject(log(), async (_instance, state) => {
      const sql = state.storage.sql;
      const failing = async (): Promise<NoteSigner> => checkpointSigner(KeyRing.fromBase64url('c2hvcnQ', { currentVersion: 1 }), ORIGIN);
      await expect(checkpointOfTree(sql, readFrontier(sql), ORIGIN, failing, 1)).rejects.toThrow(/at least 32 bytes/);
      expect(newestCheckpoint(sql)).toBeUndefined();
    });
  });
});
