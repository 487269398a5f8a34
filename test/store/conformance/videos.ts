/**
 * The contract of {@link VideoStore}, for any backend: written against the port only. Envelopes are
 * opaque text to a store (the services seal and open them), so the fixtures use made-up ones.
 */
import { describe, expect, it } from 'vitest';
import type { NewVideoUpload, VideoStore } from '../../../gateway/src/store/ports/videos.js';
import { T0, uniq } from './fixtures.js';

/** Builds the video store under test. */
export type MakeVideoStore = () => VideoStore | Promise<VideoStore>;

/** A 128-bit hex id, as the service draws them. */
const hexId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** An open upload of a clip with all three files (two chunks of original). */
export function anUpload(over: Partial<NewVideoUpload> = {}): NewVideoUpload {
  return {
    id: hexId(),
    owner: uniq('owner'),
    clientId: uniq('client'),
    recordType: 'case',
    recordId: uniq('case'),
    field: 'evidence',
    ref: uniq('video'),
    manifest: `n2kf1.1.manifest-${uniq('m')}`,
    manifestKeyVersion: 1,
    manifestSha256: 'b'.repeat(64),
    chunkBytes: 100,
    bytes: { original: 150, redacted: 80, blurred: 60 },
    chunks: { original: 2, redacted: 1, blurred: 1 },
    createdAt: T0,
    expiresAt: T0 + 3600,
    ...over,
  };
}

const chunk = (file: 'original' | 'redacted' | 'blurred', seq: number, bytes = 100) => ({ file, seq, bytes, sha256: `${seq}`.repeat(64).slice(0, 64) });

/** Opens `u` and sends every chunk it takes; returns it as read back. */
async function filled(store: VideoStore, u: NewVideoUpload) {
  await store.openUpload(u);
  const row = await store.upload(u.id);
  if (row === null) throw new Error('upload not stored');
  for (const c of [chunk('original', 0), chunk('original', 1, 50), chunk('redacted', 0, 80), chunk('blurred', 0, 60)])
    expect(await store.putChunk(row, c, `n2kf1.1.${c.file}-${c.seq}`, 1, T0 + 1)).toEqual({ ok: true });
  return row;
}

/** Every test of the video port, for the backend `make` builds. */
export function describeVideoStoreConformance(make: MakeVideoStore): void {
  describe('video store (conformance)', () => {
    it('keeps an open upload, its chunks and their sizes and hashes; a chunk sent again replaces the first', async () => {
      const store = await make();
      const u = anUpload();
      const row = await filled(store, u);
      expect(row).toMatchObject({ ...u, state: 'open', logIndex: null });
      expect(await store.putChunk(row, { ...chunk('original', 1, 50), sha256: 'c'.repeat(64) }, 'n2kf1.1.again', 1, T0 + 2)).toEqual({ ok: true });
      const received = await store.receivedChunks(u.id);
      expect(received.map((c) => `${c.file}/${c.seq}/${c.bytes}`)).toEqual(['blurred/0/60', 'original/0/100', 'original/1/50', 'redacted/0/80']);
      expect(received.find((c) => c.file === 'original' && c.seq === 1)?.sha256).toBe('c'.repeat(64));
      expect(await store.chunk(u.id, 'original', 1)).toBe('n2kf1.1.again');
      expect(await store.chunk(u.id, 'original', 5)).toBeNull();
      expect(await store.video(u.ref)).toBeNull();
    });

    it('refuses chunks to an expired upload', async () => {
      const store = await make();
      const u = anUpload();
      await store.openUpload(u);
      const row = await store.upload(u.id);
      expect(await store.putChunk(row ?? (u as never), chunk('original', 0), 'n2kf1.1.x', 1, u.expiresAt)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.receivedChunks(u.id)).toEqual([]);
    });

    it('completes once: the reference names it, later chunks and a second completion are conflicts', async () => {
      const store = await make();
      const u = anUpload();
      const row = await filled(store, u);
      expect(await store.complete(row, 41, T0 + 5, T0 + 300)).toEqual({ ok: true });
      expect(await store.video(u.ref)).toMatchObject({ id: u.id, state: 'complete', logIndex: 41 });
      expect(await store.complete(row, 42, T0 + 6, T0 + 300)).toEqual({ ok: false, reason: 'conflict' });
      const late = { ...chunk('original', 0), sha256: 'd'.repeat(64) };
      expect(await store.putChunk(row, late, 'n2kf1.1.late', 1, T0 + 6)).toEqual({ ok: false, reason: 'conflict' });
      // The chunks themselves stay readable, as they were checked.
      expect(await store.chunk(u.id, 'original', 0)).toBe('n2kf1.1.original-0');
    });

    it("replaces the same owner's video and drops the old upload; never takes another owner's reference", async () => {
      const store = await make();
      const first = anUpload();
      expect(await store.complete(await filled(store, first), 1, T0 + 5, T0 + 300)).toEqual({ ok: true });
      const second = anUpload({ owner: first.owner, ref: first.ref });
      expect(await store.complete(await filled(store, second), 2, T0 + 6, T0 + 300)).toEqual({ ok: true });
      expect((await store.video(first.ref))?.id).toBe(second.id);
      expect((await store.upload(first.id))?.state).toBe('replaced');
      const intruder = anUpload({ ref: first.ref });
      expect(await store.complete(await filled(store, intruder), 3, T0 + 7, T0 + 300)).toEqual({ ok: false, reason: 'conflict' });
      expect((await store.video(first.ref))?.id).toBe(second.id);
      expect((await store.upload(intruder.id))?.state).toBe('open');
    });

    it('sweeps expired open uploads and dropped ones past their grace, never a completed one', async () => {
      const store = await make();
      const done = anUpload({ expiresAt: T0 + 10 });
      expect(await store.complete(await filled(store, done), 1, T0 + 5, T0 + 300)).toEqual({ ok: true });
      const stale = anUpload({ expiresAt: T0 + 10 });
      await filled(store, stale);
      await store.sweep(T0 + 11, 100);
      expect(await store.upload(stale.id)).toBeNull();
      expect(await store.chunk(stale.id, 'original', 0)).toBeNull();
      expect(await store.video(done.ref)).toMatchObject({ id: done.id });
      expect(await store.chunk(done.id, 'original', 0)).toBe('n2kf1.1.original-0');
      // Replaced: the old upload goes after the grace, not before.
      const next = anUpload({ owner: done.owner, ref: done.ref, expiresAt: T0 + 10_000 });
      expect(await store.complete(await filled(store, next), 2, T0 + 20, T0 + 300)).toEqual({ ok: true });
      await store.sweep(T0 + 299, 100);
      expect(await store.chunk(done.id, 'original', 0)).toBe('n2kf1.1.original-0');
      await store.sweep(T0 + 300, 100);
      expect(await store.upload(done.id)).toBeNull();
      expect(await store.chunk(done.id, 'original', 0)).toBeNull();
      expect((await store.video(done.ref))?.id).toBe(next.id);
    });

    it('cancels an open upload once: counts its chunks, erases its manifest, refuses later writes; discards its chunks only once cancelled', async () => {
      const store = await make();
      const u = anUpload();
      const row = await filled(store, u);
      expect(await store.discardChunks(u.id)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.chunk(u.id, 'original', 0)).toBe('n2kf1.1.original-0');
      expect(await store.cancelUpload(u.id, T0 + 5, u.expiresAt)).toEqual({ ok: true });
      expect(await store.upload(u.id)).toMatchObject({ state: 'cancelled', manifest: '', logIndex: null, cancelled: { at: T0 + 5, chunks: 4, bytes: 290 } });
      expect(await store.cancelUpload(u.id, T0 + 6, u.expiresAt)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.putChunk(row, chunk('original', 1, 50), 'n2kf1.1.late', 1, T0 + 6)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.complete(row, 9, T0 + 6, T0 + 300)).toEqual({ ok: false, reason: 'conflict' });
      await store.cancelLogged(u.id, 17);
      await store.cancelLogged(u.id, 18);
      expect((await store.upload(u.id))?.logIndex).toBe(17);
      expect(await store.discardChunks(u.id)).toEqual({ ok: true });
      expect(await store.receivedChunks(u.id)).toEqual([]);
      expect(await store.chunk(u.id, 'original', 0)).toBeNull();
      expect(await store.discardChunks(u.id)).toEqual({ ok: true });
      // A cancelled upload is not re-wrapped (nothing of it is read again), and the sweeper forgets it at its time.
      expect((await store.partsBelowKeyVersion(99, T0 + 7, 100)).filter((p) => p.upload.id === u.id)).toEqual([]);
      await store.sweep(u.expiresAt - 1, 100);
      expect(await store.upload(u.id)).not.toBeNull();
      await store.sweep(u.expiresAt, 100);
      expect(await store.upload(u.id)).toBeNull();
    });

    it('never cancels a completed upload', async () => {
      const store = await make();
      const u = anUpload();
      expect(await store.complete(await filled(store, u), 1, T0 + 5, T0 + 300)).toEqual({ ok: true });
      expect(await store.cancelUpload(u.id, T0 + 6, u.expiresAt)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.discardChunks(u.id)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.video(u.ref)).toMatchObject({ id: u.id, state: 'complete', cancelled: null });
      expect(await store.chunk(u.id, 'original', 0)).toBe('n2kf1.1.original-0');
    });

    it('keeps a play until it expires', async () => {
      const store = await make();
      const u = anUpload();
      const play = {
        id: hexId(),
        ref: u.ref,
        uploadId: u.id,
        rendition: 'redacted' as const,
        clientId: 'c',
        grantId: 'g',
        playKey: 'n2kf1.1.k',
        keyVersion: 1,
        expiresAt: T0 + 60,
      };
      await store.startPlay(play);
      expect(await store.play(play.id)).toEqual(play);
      await store.sweep(T0 + 60, 100);
      expect(await store.play(play.id)).toBeNull();
    });
  });
}
