/**
 * The re-wrap share of the {@link VideoStore} contract, for any backend: the sealed parts of videos
 * below a field-key version (manifests, chunks, play keys), and the guarded switch to a re-sealed
 * envelope. Envelopes are opaque to a store, so the fixtures use made-up ones; the backend may be
 * shared with other tests, so every check looks only at this test's uploads.
 */
import { describe, expect, it } from 'vitest';
import type { VideoPlay, VideoSealedPart, VideoStore } from '../../../gateway/src/store/ports/videos.js';
import { T0 } from './fixtures.js';
import { anUpload, type MakeVideoStore } from './videos.js';

const hexId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const chunk = (file: 'original' | 'redacted' | 'blurred', seq: number, bytes: number) => ({
  file,
  seq,
  bytes,
  sha256: `${seq}${file}`.repeat(64).slice(0, 64),
});
/** Where a part is, for comparing lists. */
const nameOf = (p: VideoSealedPart) => (p.kind === 'chunk' ? `${p.file}/${p.seq}` : p.kind === 'manifest' ? 'manifest' : `play/${p.play.id}`);
const NOW = T0 + 100;

/** An upload of `over` with every chunk sent (sealed under version 1), returned as read back. */
async function filled(store: VideoStore, over: Parameters<typeof anUpload>[0] = {}) {
  const u = anUpload(over);
  await store.openUpload(u);
  const row = await store.upload(u.id);
  if (row === null) throw new Error('upload not stored');
  for (const c of [chunk('original', 0, 100), chunk('original', 1, 50), chunk('redacted', 0, 80), chunk('blurred', 0, 60)])
    expect(await store.putChunk(row, c, `n2kf1.1.${c.file}-${c.seq}`, 1, T0 + 1)).toEqual({ ok: true });
  return row;
}

const aPlay = (uploadId: string, ref: string, expiresAt: number): VideoPlay => ({
  id: hexId(),
  ref,
  uploadId,
  rendition: 'redacted',
  clientId: 'c',
  grantId: 'g',
  playKey: `n2kf1.1.key-${hexId()}`,
  keyVersion: 1,
  expiresAt,
});

/** Every part below `current` at `now`, page by page (`page` at a time), of the uploads in `ids`. */
async function partsOf(store: VideoStore, ids: readonly string[], current = 2, now = NOW, page = 1000): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  let after: VideoSealedPart | undefined;
  for (;;) {
    const parts = await store.partsBelowKeyVersion(current, now, page, after);
    for (const p of parts) out.get(p.upload.id)?.push(nameOf(p));
    if (parts.length < page) return out;
    after = parts.at(-1);
  }
}

/** The re-wrap tests of the video port, for the backend `make` builds. */
export function describeVideoRewrapConformance(make: MakeVideoStore): void {
  describe('video store: parts below a field-key version (conformance)', () => {
    it('lists and counts the manifest and chunks of kept and open uploads and the keys of plays not ended; never an expired open upload', async () => {
      const store = await make();
      const before = await store.countBelowKeyVersion(2, NOW);
      const kept = await filled(store);
      expect(await store.complete(kept, 1, T0 + 5, T0 + 300)).toEqual({ ok: true });
      const open = await filled(store, { expiresAt: T0 + 3600 });
      const expired = await filled(store, { expiresAt: T0 + 50 });
      const playing = aPlay(kept.id, kept.ref, T0 + 1000);
      const ended = aPlay(kept.id, kept.ref, T0 + 60);
      await store.startPlay(playing);
      await store.startPlay(ended);
      const all = ['manifest', 'blurred/0', 'original/0', 'original/1', 'redacted/0'];
      const listed = await partsOf(store, [kept.id, open.id, expired.id]);
      expect(listed.get(kept.id)).toEqual([...all, `play/${playing.id}`]);
      expect(listed.get(open.id)).toEqual(all);
      expect(listed.get(expired.id)).toEqual([]);
      expect(await store.countBelowKeyVersion(2, NOW)).toBe(before + 11);
      // Page by page, the same parts, each once.
      expect(await partsOf(store, [kept.id, open.id], 2, NOW, 2)).toEqual(new Map([...listed].filter(([id]) => id !== expired.id)));
      // Nothing of theirs is below the version they are sealed under.
      expect((await partsOf(store, [kept.id, open.id], 1)).get(kept.id)).toEqual([]);
    });

    it('switches a part to its re-sealed envelope only while it is the one read; a stale switch is a conflict and changes nothing', async () => {
      const store = await make();
      const kept = await filled(store);
      expect(await store.complete(kept, 1, T0 + 5, T0 + 300)).toEqual({ ok: true });
      const play = aPlay(kept.id, kept.ref, T0 + 1000);
      await store.startPlay(play);
      const parts = (await store.partsBelowKeyVersion(2, NOW, 1000)).filter((p) => p.upload.id === kept.id);
      expect(parts).toHaveLength(6);
      const before = await store.countBelowKeyVersion(2, NOW);
      for (const part of parts) {
        const envelope = await store.envelope(part);
        expect(envelope).toMatch(/^n2kf1\.1\./);
        expect(await store.rewrapPart(part, `n2kf1.2.${nameOf(part)}`, 2)).toEqual({ ok: true });
        // Read before the switch: the part changed since, so a second switch from it changes nothing.
        expect(await store.rewrapPart(part, 'n2kf1.2.stale', 2)).toEqual({ ok: false, reason: 'conflict' });
      }
      expect(await store.chunk(kept.id, 'original', 1)).toBe('n2kf1.2.original/1');
      expect(await store.chunk(kept.id, 'blurred', 0)).toBe('n2kf1.2.blurred/0');
      expect(await store.upload(kept.id)).toMatchObject({ manifest: 'n2kf1.2.manifest', manifestKeyVersion: 2 });
      expect(await store.play(play.id)).toMatchObject({ playKey: `n2kf1.2.play/${play.id}`, keyVersion: 2 });
      expect((await partsOf(store, [kept.id])).get(kept.id)).toEqual([]);
      expect(await store.countBelowKeyVersion(2, NOW)).toBe(before - 6);
      // The video is read as it was, chunk by chunk: sizes and hashes did not move.
      expect((await store.receivedChunks(kept.id)).map((c) => `${c.file}/${c.seq}/${c.bytes}`)).toEqual([
        'blurred/0/60',
        'original/0/100',
        'original/1/50',
        'redacted/0/80',
      ]);
    });

    it('a chunk sent again after its part was read wins over the re-wrap of the old one', async () => {
      const store = await make();
      const open = await filled(store, { expiresAt: T0 + 3600 });
      const part = (await store.partsBelowKeyVersion(2, NOW, 1000)).find(
        (p) => p.upload.id === open.id && p.kind === 'chunk' && p.file === 'original' && p.seq === 1,
      );
      if (part === undefined) throw new Error('part not listed');
      expect(await store.putChunk(open, { ...chunk('original', 1, 50), sha256: 'e'.repeat(64) }, 'n2kf1.2.sent-again', 2, T0 + 2)).toEqual({ ok: true });
      expect(await store.rewrapPart(part, 'n2kf1.2.rewrapped', 2)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.chunk(open.id, 'original', 1)).toBe('n2kf1.2.sent-again');
      expect((await partsOf(store, [open.id])).get(open.id)).not.toContain('original/1');
    });

    it('sweeps a replaced upload with its re-wrapped chunks', async () => {
      const store = await make();
      const first = await filled(store);
      expect(await store.complete(first, 1, T0 + 5, T0 + 300)).toEqual({ ok: true });
      for (const part of (await store.partsBelowKeyVersion(2, NOW, 1000)).filter((p) => p.upload.id === first.id))
        expect(await store.rewrapPart(part, `n2kf1.2.${nameOf(part)}`, 2)).toEqual({ ok: true });
      const second = await filled(store, { owner: first.owner, ref: first.ref });
      expect(await store.complete(second, 2, T0 + 6, T0 + 300)).toEqual({ ok: true });
      await store.sweep(T0 + 300, 100);
      expect(await store.upload(first.id)).toBeNull();
      expect(await store.chunk(first.id, 'original', 0)).toBeNull();
    });
  });
}
