/** Re-wrapping a video's parts: each opens only in its own place and is sealed again there under the current version. */
import { env } from 'cloudflare:workers';
import { CryptoError, envelopeKeyVersion, KeyRing, openField, sealField } from '@need2know/crypto';
import { describe, expect, it } from 'vitest';
import { r2VideoStore } from '../../store/r2/video-store.js';
import type { NewVideoUpload, VideoSealedPart, VideoUploadRow } from '../../store/ports/index.js';
import { partName, rewrapPartEnvelope, rewrapVideoBatch } from './rewrap-video.js';
import { MEDIA_CHUNK_BYTES } from '../media/limits.js';
import { openManifest, playKeyContext, sealManifest, videoChunkContext, type VideoPlace } from './seal-video.js';

const root = Uint8Array.from({ length: 32 }, (_, i) => 11 + i);
const v1 = new KeyRing(root, { currentVersion: 1 });
const v2 = new KeyRing(root, { currentVersion: 2, oldestVersion: 1 });
/** After retirement: version 1 no longer opens. */
const v2only = new KeyRing(root, { currentVersion: 2, oldestVersion: 2 });

const hexId = (first = '') =>
  first +
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(first.length);
const T = 1_950_000_000;

function anUpload(id = hexId(), manifest = ''): NewVideoUpload {
  return {
    id,
    owner: 'national-police',
    clientId: 'ingest',
    recordType: 'case',
    recordId: `C-${id.slice(0, 6)}`,
    field: 'evidence',
    ref: `media/case/C-${id.slice(0, 6)}/1.mp4`,
    manifest,
    manifestKeyVersion: 1,
    manifestSha256: 'a'.repeat(64),
    chunkBytes: 100,
    bytes: { original: 150, redacted: null, blurred: 60 },
    chunks: { original: 2, redacted: null, blurred: 1 },
    createdAt: T,
    expiresAt: T + 3600,
  };
}
const row = (u: NewVideoUpload): VideoUploadRow => ({ ...u, state: 'complete', logIndex: 1, cancelled: null });
const placeOf = (u: NewVideoUpload): VideoPlace => ({ owner: u.owner, ref: u.ref, uploadId: u.id });
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * seed) & 0xff);
const chunkPart = (u: NewVideoUpload, file: 'original' | 'blurred' | 'redacted', seq: number): VideoSealedPart => ({
  kind: 'chunk',
  upload: row(u),
  file,
  seq,
  location: 'opaque',
});

describe('rewrapPartEnvelope', () => {
  const u = anUpload();
  it('re-seals every piece of a manifest under the current version, in its place', () => {
    const manifest = bytes(MEDIA_CHUNK_BYTES + 500, 7);
    const sealed = sealManifest(v1, placeOf(u), manifest);
    const out = rewrapPartEnvelope(v2, { kind: 'manifest', upload: row(u), location: sealed }, sealed);
    expect(out.split('\n').map(envelopeKeyVersion)).toEqual([2, 2]);
    expect(openManifest(v2only, placeOf(u), out)).toEqual(manifest);
    expect(() => openManifest(v2only, placeOf(u), sealed)).toThrow(CryptoError);
  }, 60_000); // seals and opens 2 MiB several times: slow on a loaded machine

  it('re-seals a chunk and a play key; refuses a chunk moved to another place, tampered, or of a file the upload does not hold', () => {
    const chunk = sealField(v1, videoChunkContext(placeOf(u), 'original', 0, 2), bytes(100, 3));
    const out = rewrapPartEnvelope(v2, chunkPart(u, 'original', 0), chunk);
    expect(openField(v2only, videoChunkContext(placeOf(u), 'original', 0, 2), out)).toEqual(bytes(100, 3));
    expect(() => rewrapPartEnvelope(v2, chunkPart(u, 'original', 1), chunk)).toThrow(CryptoError);
    expect(() => rewrapPartEnvelope(v2, chunkPart(u, 'blurred', 0), chunk)).toThrow(CryptoError);
    expect(() => rewrapPartEnvelope(v2, chunkPart(u, 'redacted', 0), chunk)).toThrow(CryptoError);
    const at = chunk.length - 8;
    expect(() => rewrapPartEnvelope(v2, chunkPart(u, 'original', 0), `${chunk.slice(0, at)}${chunk[at] === 'x' ? 'y' : 'x'}${chunk.slice(at + 1)}`)).toThrow(
      CryptoError,
    );
    const play = { id: hexId(), ref: u.ref, uploadId: u.id, rendition: 'blurred' as const, clientId: 'p', grantId: 'g', keyVersion: 1, expiresAt: T + 60 };
    const key = sealField(v1, playKeyContext(placeOf(u), play.id, 'p'), bytes(32, 5));
    const rewrapped = rewrapPartEnvelope(v2, { kind: 'play_key', upload: row(u), play: { ...play, playKey: key }, location: key }, key);
    expect(openField(v2only, playKeyContext(placeOf(u), play.id, 'p'), rewrapped)).toEqual(bytes(32, 5));
  });

  it('names a part by its reference and place', () => {
    expect(partName(chunkPart(u, 'original', 1))).toBe(`${u.ref}#original/1`);
    expect(partName({ kind: 'manifest', upload: row(u), location: '' })).toBe(`${u.ref}#manifest`);
  });
});

describe('rewrapVideoBatch (over the D1 + R2 store)', () => {
  const store = r2VideoStore((env as unknown as { DB: D1Database }).DB, (env as unknown as { MEDIA: R2Bucket }).MEDIA);

  /** Stores `u` with its manifest and chunks sealed under version 1 (or garbage, for a broken upload). */
  async function stored(u: NewVideoUpload, broken = false) {
    const seal = (file: 'original' | 'blurred', seq: number, count: number) =>
      broken ? `n2kf1.1.broken-${file}-${seq}` : sealField(v1, videoChunkContext(placeOf(u), file, seq, count), bytes(seq === 0 ? 100 : 50, seq + 3));
    await store.openUpload({ ...u, manifest: broken ? 'n2kf1.1.broken' : sealManifest(v1, placeOf(u), bytes(40, 9)) });
    const open = await store.upload(u.id);
    if (open === null) throw new Error('not stored');
    for (const [file, seq, count] of [
      ['original', 0, 2],
      ['original', 1, 2],
      ['blurred', 0, 1],
    ] as const)
      await store.putChunk(open, { file, seq, bytes: seq === 0 ? 100 : 50, sha256: 'c'.repeat(64) }, seal(file, seq, count), 1, T + 1);
  }

  it('moves the parts that open past those that do not (reported, left as they are), a bounded number per call', async () => {
    const bad = anUpload(hexId('00'));
    const good = anUpload(hexId('ff'));
    await stored(bad, true);
    await stored(good);
    const first = await rewrapVideoBatch({ videos: store }, v2, 2, T + 10);
    expect(first.moved).toBe(2);
    expect(first.unreadable).toEqual(expect.arrayContaining([`${bad.ref}#manifest`, `${bad.ref}#original/0`, `${bad.ref}#original/1`, `${bad.ref}#blurred/0`]));
    let again = await rewrapVideoBatch({ videos: store }, v2, 2, T + 10);
    while (again.moved > 0) again = await rewrapVideoBatch({ videos: store }, v2, 2, T + 10);
    // Only the broken upload is left below version 2, untouched.
    const left = (await store.partsBelowKeyVersion(2, T + 10, 100)).filter((p) => p.upload.id === bad.id || p.upload.id === good.id);
    expect(left.map((p) => p.upload.id)).toEqual([bad.id, bad.id, bad.id, bad.id]);
    expect(await store.chunk(bad.id, 'original', 1)).toBe('n2kf1.1.broken-original-1');
    const manifest = (await store.upload(good.id))?.manifest ?? '';
    expect(openManifest(v2only, placeOf(good), manifest)).toEqual(bytes(40, 9));
    const chunk = (await store.chunk(good.id, 'original', 1)) ?? '';
    expect(openField(v2only, videoChunkContext(placeOf(good), 'original', 1, 2), chunk)).toEqual(bytes(50, 4));
  });
});
