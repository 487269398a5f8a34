/**
 * The contract of {@link MediaStore}, for any backend: written against the port only. Envelopes are
 * opaque text to a store (the services seal and open them), so the fixtures use made-up ones.
 */
import { describe, expect, it } from 'vitest';
import type { MediaChunks, MediaItem, MediaStore, NewMediaItem, StoredRendition } from '../../../gateway/src/store/ports/media.js';
import { STORED_RENDITIONS } from '../../../gateway/src/store/ports/media.js';
import { T0, uniq } from './fixtures.js';

/** Builds the media store under test. */
export type MakeMediaStore = () => MediaStore | Promise<MediaStore>;

/** Made-up envelopes: `n` of them, distinct per call. */
const envelopes = (label: string, n = 1) => Array.from({ length: n }, (_, seq) => `n2kf1.1.${label}-${uniq('e')}-${seq}`);

/** A flagged photo with a face found: every rendition but the regions. */
export function aFlaggedItem(over: Partial<NewMediaItem> = {}): { item: NewMediaItem; chunks: MediaChunks } {
  const chunks = {
    original: envelopes('original', 3),
    blurred: envelopes('blurred', 2),
    redacted: envelopes('redacted', 2),
    detection: envelopes('detection'),
  };
  const item: NewMediaItem = {
    ref: uniq('photo'),
    owner: uniq('owner'),
    recordType: 'person',
    recordId: uniq('person'),
    field: 'photo_ref',
    contentType: 'image/jpeg',
    width: 640,
    height: 480,
    bytes: 1_200_000,
    chunks: 3,
    blurred: { contentType: 'image/jpeg', bytes: 900_000, chunks: 2, by: 'gateway' },
    redacted: { contentType: 'image/jpeg', bytes: 800_000, chunks: 2 },
    protectedRendition: 'redacted',
    scaled: null,
    regions: 0,
    keyVersion: 1,
    ingestedAt: T0,
    ingestedBy: uniq('client'),
    ...over,
  };
  return { item, chunks };
}

/** Every rendition of `item` as the store reads it. */
async function readAll(store: MediaStore, item: MediaItem): Promise<Record<StoredRendition, string[]>> {
  const out = {} as Record<StoredRendition, string[]>;
  for (const r of STORED_RENDITIONS) out[r] = await store.chunks(item, r);
  return out;
}

/** What `chunks` reads as, absent renditions included (as empty lists). */
const asRead = (chunks: MediaChunks) => Object.fromEntries(STORED_RENDITIONS.map((r) => [r, [...(chunks[r] ?? [])]]));

/** The item's metadata, without where the backend keeps it. */
const metadata = ({ location: _, ...rest }: MediaItem) => rest;

/** Stores a new flagged item and returns it as read back. */
async function stored(store: MediaStore, over: Partial<NewMediaItem> = {}) {
  const { item, chunks } = aFlaggedItem(over);
  expect(await store.replace(item, chunks)).toEqual({ ok: true });
  const read = await store.item(item.ref);
  if (read === null) throw new Error('stored item not found');
  return { item, chunks, read };
}

/** The contract of {@link MediaStore}. */
export function describeMediaStoreConformance(makeStore: MakeMediaStore): void {
  describe('media store', () => {
    it('stores an item and reads it back: its metadata, and each rendition in order; absent ones read as none', async () => {
      const store = await makeStore();
      const { item, chunks, read } = await stored(store);
      expect(metadata(read)).toEqual(item);
      expect(await readAll(store, read)).toEqual(asRead(chunks));
      expect(await store.item(uniq('photo'))).toBeNull();
    });

    it("refuses another owner's reference and changes nothing", async () => {
      const store = await makeStore();
      const { item, chunks, read } = await stored(store);
      const thief = aFlaggedItem({ ref: item.ref, owner: uniq('other-owner'), ingestedAt: T0 + 10 });
      expect(await store.replace(thief.item, thief.chunks)).toEqual({ ok: false, reason: 'conflict' });
      const after = await store.item(item.ref);
      expect(after).toEqual(read);
      expect(await readAll(store, after as MediaItem)).toEqual(asRead(chunks));
    });

    it("replaces the owner's item whole: new renditions, regions and redaction of the old one gone", async () => {
      const store = await makeStore();
      const { item, read } = await stored(store);
      const edit = { redacted: envelopes('redacted-edit'), regions: envelopes('regions') };
      const next = { redacted: { contentType: 'image/jpeg' as const, bytes: 10, chunks: 1 }, protectedRendition: 'redacted' as const, regions: 2 };
      expect(await store.replaceRedaction(read, next, edit, T0 + 1)).toEqual({ ok: true });
      const plain = { original: envelopes('plain-original', 2) };
      const replacement: NewMediaItem = { ...item, chunks: 2, blurred: null, redacted: null, protectedRendition: null, regions: 0, ingestedAt: T0 + 20 };
      expect(await store.replace(replacement, plain)).toEqual({ ok: true });
      const after = await store.item(item.ref);
      expect(metadata(after as MediaItem)).toEqual(replacement);
      expect(await readAll(store, after as MediaItem)).toEqual(asRead(plain));
    });

    it('re-makes a redaction without touching the original, the blurred rendition or the detection', async () => {
      const store = await makeStore();
      const { chunks, read } = await stored(store);
      const edit = { redacted: envelopes('redacted-edit', 2), regions: envelopes('regions') };
      const next = { redacted: { contentType: 'image/jpeg' as const, bytes: 20, chunks: 2 }, protectedRendition: 'redacted' as const, regions: 3 };
      expect(await store.replaceRedaction(read, next, edit, T0 + 1)).toEqual({ ok: true });
      const after = (await store.item(read.ref)) as MediaItem;
      expect(after).toMatchObject({ redacted: next.redacted, protectedRendition: 'redacted', regions: 3, ingestedAt: read.ingestedAt });
      expect(await readAll(store, after)).toEqual(asRead({ ...chunks, ...edit }));
      // All faces taken away: no redacted rendition, the photo goes out blurred.
      const none = { redacted: null, protectedRendition: 'blurred' as const, regions: 1 };
      const removal = { redacted: [], regions: envelopes('regions') };
      expect(await store.replaceRedaction(after, none, removal, T0 + 2)).toEqual({ ok: true });
      const blurred = (await store.item(read.ref)) as MediaItem;
      expect(blurred).toMatchObject({ redacted: null, protectedRendition: 'blurred', regions: 1 });
      expect(await readAll(store, blurred)).toEqual(asRead({ ...chunks, redacted: [], regions: removal.regions }));
    });

    it('refuses a redaction drawn on an upload that was replaced since, and changes nothing', async () => {
      const store = await makeStore();
      const { item, read } = await stored(store);
      const again = aFlaggedItem({ ref: item.ref, owner: item.owner, ingestedAt: T0 + 30 });
      expect(await store.replace(again.item, again.chunks)).toEqual({ ok: true });
      const current = (await store.item(item.ref)) as MediaItem;
      const next = { redacted: null, protectedRendition: 'blurred' as const, regions: 1 };
      expect(await store.replaceRedaction(read, next, { redacted: [], regions: envelopes('regions') }, T0 + 31)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.item(item.ref)).toEqual(current);
      expect(await readAll(store, current)).toEqual(asRead(again.chunks));
    });

    it("keeps a large original's copy at the working size with the original: read back, untouched by a region edit, re-wrapped with the rest, gone with a replacement", async () => {
      const store = await makeStore();
      const scaled = { contentType: 'image/jpeg' as const, bytes: 1_500_000, chunks: 3, width: 2000, height: 1500 };
      const { item, read } = await stored(store, { bytes: 6_000_000, chunks: 12, width: 4000, height: 3000, scaled });
      const chunks = { ...aFlaggedItem().chunks, original: envelopes('big-original', 12), scaled: envelopes('scaled', 3) };
      expect(await store.replace(item, chunks)).toEqual({ ok: true });
      const current = (await store.item(item.ref)) as MediaItem;
      expect(metadata(current)).toEqual(item);
      expect(current.scaled).toEqual(scaled);
      expect(await readAll(store, current)).toEqual(asRead(chunks));
      expect(read.scaled).toEqual(scaled);

      const edit = { redacted: envelopes('redacted-edit'), regions: envelopes('regions') };
      const next = { redacted: { contentType: 'image/jpeg' as const, bytes: 10, chunks: 1 }, protectedRendition: 'redacted' as const, regions: 1 };
      expect(await store.replaceRedaction(current, next, edit, T0 + 1)).toEqual({ ok: true });
      const edited = (await store.item(item.ref)) as MediaItem;
      expect(edited.scaled).toEqual(scaled);
      expect((await readAll(store, edited)).scaled).toEqual(chunks.scaled);

      const rewrapped = { ...chunks, ...edit, original: envelopes('o3', 12), scaled: envelopes('s3', 3) };
      expect(await store.rewrap(edited, rewrapped, edited.keyVersion + 1, T0 + 2)).toEqual({ ok: true });
      expect(await readAll(store, (await store.item(item.ref)) as MediaItem)).toEqual(asRead(rewrapped));

      const small = aFlaggedItem({ ref: item.ref, owner: item.owner, ingestedAt: T0 + 50 });
      expect(await store.replace(small.item, small.chunks)).toEqual({ ok: true });
      const after = (await store.item(item.ref)) as MediaItem;
      expect(after.scaled).toBeNull();
      expect((await readAll(store, after)).scaled).toEqual([]);
    });

    it('re-wraps an item in one step, lists and counts items below a key version, and refuses a stale re-wrap', async () => {
      const store = await makeStore();
      const version = 1000 + Math.floor(Math.random() * 1000);
      const { read } = await stored(store, { keyVersion: version });
      expect((await store.belowKeyVersion(version + 1, 10_000)).map((i) => i.ref)).toContain(read.ref);
      const below = await store.countBelowKeyVersion(version + 1);
      expect(below).toBeGreaterThanOrEqual(1);

      const rewrapped = { original: envelopes('o2', 3), blurred: envelopes('b2', 2), redacted: envelopes('r2', 2), detection: envelopes('d2') };
      expect(await store.rewrap(read, rewrapped, version + 1, T0 + 5)).toEqual({ ok: true });
      const after = (await store.item(read.ref)) as MediaItem;
      expect(after.keyVersion).toBe(version + 1);
      expect(await readAll(store, after)).toEqual(asRead(rewrapped));
      expect(await store.countBelowKeyVersion(version + 1)).toBe(below - 1);
      // The item as first read is gone: a second re-wrap from it would overwrite newer chunks.
      expect(await store.rewrap(read, rewrapped, version + 2, T0 + 6)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.item(read.ref)).toEqual(after);
    });

    it('adds a copy at the working size to a large original stored without one: listed by reference until then, the rest kept; a second or stale add is a conflict', async () => {
      const store = await makeStore();
      // A bound no other test's items reach, so that the list and the count are this test's alone.
      const bound = 9_000_000_000_000 + Math.floor(Math.random() * 1_000_000);
      const items = [];
      for (let i = 0; i < 3; i++) items.push(await stored(store, { bytes: bound + 1 + i }));
      await stored(store, { bytes: bound });
      const copy = { contentType: 'image/jpeg' as const, bytes: 900_000, chunks: 2, width: 2000, height: 1500 };
      await stored(store, { bytes: bound + 9, scaled: copy });
      const refs = items.map((i) => i.read.ref).sort();
      expect((await store.withoutScaled(bound, 10)).map((i) => i.ref)).toEqual(refs);
      expect(await store.countWithoutScaled(bound)).toBe(3);
      const page = await store.withoutScaled(bound, 2);
      expect(page.map((i) => i.ref)).toEqual(refs.slice(0, 2));
      expect((await store.withoutScaled(bound, 2, page.at(-1)?.ref)).map((i) => i.ref)).toEqual(refs.slice(2));

      const [a, b, c] = items as [(typeof items)[number], (typeof items)[number], (typeof items)[number]];
      const withCopy = { ...a.chunks, scaled: envelopes('scaled', 2) };
      expect(await store.addScaled(a.read, copy, withCopy, a.read.keyVersion, T0 + 1)).toEqual({ ok: true });
      const added = (await store.item(a.read.ref)) as MediaItem;
      expect(metadata(added)).toEqual({ ...metadata(a.read), scaled: copy });
      expect(await readAll(store, added)).toEqual(asRead(withCopy));
      expect(await store.countWithoutScaled(bound)).toBe(2);
      expect((await store.withoutScaled(bound, 10)).map((i) => i.ref)).not.toContain(a.read.ref);
      // Made twice from the same reading: the second is refused and changes nothing.
      expect(await store.addScaled(a.read, copy, { ...withCopy, scaled: envelopes('again', 2) }, a.read.keyVersion, T0 + 2)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store.item(a.read.ref)).toEqual(added);
      expect(await readAll(store, added)).toEqual(asRead(withCopy));

      // An upload in between wins: the copy made from the old one is refused.
      const again = aFlaggedItem({ ref: b.read.ref, owner: b.read.owner, bytes: bound + 5, ingestedAt: T0 + 60 });
      expect(await store.replace(again.item, again.chunks)).toEqual({ ok: true });
      const replaced = (await store.item(b.read.ref)) as MediaItem;
      expect(await store.addScaled(b.read, copy, { ...b.chunks, scaled: envelopes('stale', 2) }, b.read.keyVersion, T0 + 61)).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await store.item(b.read.ref)).toEqual(replaced);

      // Added with every chunk re-sealed under a newer key version: the version is recorded with it.
      const resealed = {
        original: envelopes('o2', 3),
        blurred: envelopes('b2', 2),
        redacted: envelopes('r2', 2),
        detection: envelopes('d2'),
        scaled: envelopes('s2', 2),
      };
      expect(await store.addScaled(c.read, copy, resealed, c.read.keyVersion + 1, T0 + 3)).toEqual({ ok: true });
      const moved = (await store.item(c.read.ref)) as MediaItem;
      expect(moved).toMatchObject({ keyVersion: c.read.keyVersion + 1, scaled: copy });
      expect(await readAll(store, moved)).toEqual(asRead(resealed));
    });

    it('sweeps only what no item names: every current item still reads in full after a late sweep', async () => {
      const store = await makeStore();
      const { item, read } = await stored(store);
      const again = aFlaggedItem({ ref: item.ref, owner: item.owner, ingestedAt: T0 + 40 });
      expect(await store.replace(again.item, again.chunks)).toEqual({ ok: true });
      const current = (await store.item(item.ref)) as MediaItem;
      expect(read).not.toEqual(current);
      let swept = 0;
      for (let run = 0; run < 100; run++) {
        const done = await store.sweep(T0 + 10 * 86_400, 1000);
        swept += done.done;
        if (done.remaining === 0) break;
      }
      expect(swept).toBeGreaterThanOrEqual(1);
      expect(await store.sweep(T0 + 10 * 86_400, 1000)).toEqual({ done: 0, remaining: 0 });
      expect(await readAll(store, current)).toEqual(asRead(again.chunks));
    });
  });
}
