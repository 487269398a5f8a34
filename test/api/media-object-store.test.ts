/**
 * Photos live in the object store (R2): an upload puts its sealed renditions there under keys that
 * name no one, the `media` row in D1 is their index, and what partners receive is unchanged. Items
 * stored in D1 before (migration 0022) keep being disclosed while the scheduled job moves them, and
 * after; a replace another owner attempts leaves nothing behind; a write that dies between R2 and
 * D1 leaves no row, and its objects are swept on schedule.
 */
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { MEDIA_WRITE_GRACE } from '../../gateway/src/platform/config.js';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { storesFromBindings } from '../../gateway/src/store/bindings.js';
import type { MediaItem } from '../../gateway/src/store/ports/media.js';
import { STORED_RENDITIONS } from '../../gateway/src/store/ports/media.js';
import { objectKey } from '../../gateway/src/store/r2/media-objects.js';
import { gatewayEnv, testGateway } from './harness.js';
import { allStoredChunks, mediaObjectKeys, storedItem } from './media-at-rest.js';
import { caseWith, mediaOwner, mediaPartner, photo, portraitPng, uniq } from './media-harness.js';
import { scheduledDeps } from './scheduled.js';

const PNG = 'image/png';

/** A case with a flagged and a plain evidence photo, both uploaded by one owner. */
async function uploaded(gateway: ReturnType<typeof testGateway>) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const refs = { flagged: `media/case/${caseId}/1.png`, plain: `media/case/${caseId}/2.png` };
  await owner.seed('case', [caseWith(caseId, [photo(refs.flagged, { shows_victim: true }), photo(refs.plain)])]);
  const originals = { [refs.flagged]: await portraitPng(3), [refs.plain]: await portraitPng(4) };
  for (const ref of Object.values(refs)) {
    const res = await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: originals[ref] as Uint8Array, type: PNG } });
    expect(res.status).toBe(200);
  }
  return { owner, caseId, refs, originals };
}

/** D1 chunk rows of `ref`. */
const d1Chunks = async (ref: string) =>
  (await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM media_chunks WHERE ref = ?').bind(ref).first<{ n: number }>())?.n ?? 0;

/** The object keys an item's row names (those its metadata says are stored). */
function keysOf(item: MediaItem): string[] {
  const { objects, redactionObjects } = item.location;
  const keys = [objectKey(objects as string, 'original')];
  if (item.blurred !== null) keys.push(objectKey(objects as string, 'blurred'));
  if (item.protectedRendition !== null) keys.push(objectKey(objects as string, 'detection'));
  if (item.redacted !== null) keys.push(objectKey(redactionObjects as string, 'redacted'));
  return keys;
}

/**
 * Puts `ref` back where an item stored before migration 0022 was: its envelopes as rows of
 * `media_chunks`, a row naming no object set, and no object in the bucket.
 */
async function asBeforeTheObjectStore(ref: string): Promise<void> {
  const item = (await storedItem(ref)) as MediaItem;
  const chunks = await allStoredChunks(ref);
  const db = gatewayEnv.DB;
  await db.batch([
    ...STORED_RENDITIONS.flatMap((r) =>
      chunks[r].map((envelope, seq) => db.prepare('INSERT INTO media_chunks (ref, rendition, seq, envelope) VALUES (?, ?, ?, ?)').bind(ref, r, seq, envelope)),
    ),
    db.prepare('UPDATE media SET objects = NULL, redaction_objects = NULL WHERE ref = ?').bind(ref),
  ]);
  await gatewayEnv.MEDIA.delete(
    STORED_RENDITIONS.flatMap((r) => [objectKey(item.location.objects as string, r), objectKey(item.location.redactionObjects as string, r)]),
  );
}

describe('media in the object store', () => {
  it('stores an upload as objects named by random keys, nothing in D1 but the index, and discloses it as uploaded', async () => {
    const gateway = testGateway();
    const { owner, caseId, refs, originals } = await uploaded(gateway);
    const keys = await mediaObjectKeys();
    for (const ref of Object.values(refs)) {
      const item = (await storedItem(ref)) as MediaItem;
      expect(item.location.objects).toMatch(/^[0-9a-f]{32}$/);
      expect(await d1Chunks(ref)).toBe(0);
      for (const key of keysOf(item)) expect(keys).toContain(key);
    }
    // No key names the owner, the case or the reference.
    for (const key of keys) for (const personal of [owner.agency, caseId, refs.flagged, refs.plain]) expect(key).not.toContain(personal);

    const partner = await mediaPartner(gateway);
    const plain = await partner.fetchMedia(refs.plain);
    expect(plain.media).toMatchObject({ rendition: 'original', content_type: PNG });
    expect(base64url.decode(plain.media.data)).toEqual(originals[refs.plain]);
    const flagged = await partner.fetchMedia(refs.flagged);
    expect(flagged.media.rendition).not.toBe('original');
  });

  it('discloses an item stored in D1 before the object store while it waits, moves it on schedule with its event, and discloses the same bytes after', async () => {
    const gateway = testGateway();
    const { refs } = await uploaded(gateway);
    const partner = await mediaPartner(gateway);
    const before = { flagged: (await partner.fetchMedia(refs.flagged)).media, plain: (await partner.fetchMedia(refs.plain)).media };
    const envelopes = { flagged: await allStoredChunks(refs.flagged), plain: await allStoredChunks(refs.plain) };

    for (const ref of Object.values(refs)) await asBeforeTheObjectStore(ref);
    expect((await storedItem(refs.flagged))?.location).toEqual({ objects: null, redactionObjects: null });
    expect(await d1Chunks(refs.flagged)).toBeGreaterThan(0);
    // Read from D1 meanwhile: the same answer.
    expect((await partner.fetchMedia(refs.flagged)).media).toMatchObject({ rendition: before.flagged.rendition, data: before.flagged.data });
    expect((await partner.fetchMedia(refs.plain)).media).toMatchObject({ rendition: 'original', data: before.plain.data });

    let moved = 0;
    for (let run = 0; run < 20; run++) {
      const report = await runHousekeeping(...scheduledDeps(), gateway.clock.now);
      moved += report.movedMedia;
      if (report.mediaLeftToMove === 0) break;
    }
    expect(moved).toBeGreaterThanOrEqual(2);
    for (const ref of Object.values(refs)) {
      const item = (await storedItem(ref)) as MediaItem;
      expect(item.location.objects).not.toBeNull();
      expect(await d1Chunks(ref)).toBe(0);
      for (const key of keysOf(item)) expect(await gatewayEnv.MEDIA.head(key)).not.toBeNull();
    }
    // The envelopes moved as they were: same key version, same bytes.
    expect(await allStoredChunks(refs.flagged)).toEqual(envelopes.flagged);
    expect(await allStoredChunks(refs.plain)).toEqual(envelopes.plain);
    expect((await partner.fetchMedia(refs.flagged)).media).toMatchObject({ rendition: before.flagged.rendition, data: before.flagged.data });
    expect((await partner.fetchMedia(refs.plain)).media).toMatchObject({ rendition: 'original', data: before.plain.data });
    // Each run that moved items says so in an administrative event (counts, never a reference), carried into the log.
    const events = await storesFromBindings(gatewayEnv).changes.listEvents({ limit: 1000 });
    const moves = events.filter((e) => e.action === 'media.move_to_objects');
    expect(moves.length).toBeGreaterThan(0);
    expect(JSON.stringify(moves)).not.toContain(refs.flagged);
  });

  it('a write that dies between the object store and D1 leaves no row naming its objects, and the scheduled job sweeps them after the grace', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const caseId = uniq('case');
    const ref = `media/case/${caseId}/1.png`;
    await owner.seed('case', [caseWith(caseId, [photo(ref, { shows_victim: true })])]);
    const before = await mediaObjectKeys();
    // D1 fails the row's commit after the objects were put (as a crash in between would leave them).
    await gatewayEnv.DB.prepare("CREATE TRIGGER refuse_media BEFORE INSERT ON media BEGIN SELECT RAISE(ABORT, 'index not writable'); END").run();
    try {
      const res = await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: await portraitPng(5), type: PNG } });
      expect(res.status).toBe(500);
    } finally {
      await gatewayEnv.DB.prepare('DROP TRIGGER refuse_media').run();
    }
    expect(await storedItem(ref)).toBeNull();
    const orphans = (await mediaObjectKeys()).filter((k) => !before.includes(k));
    expect(orphans.length).toBeGreaterThan(0);

    // Within the grace the objects stay (a slow write may still commit); past it, the scheduled job deletes them.
    await runHousekeeping(...scheduledDeps(), gateway.clock.now + 60);
    expect((await mediaObjectKeys()).filter((k) => orphans.includes(k))).toEqual(orphans);
    const late = await runHousekeeping(...scheduledDeps(), gateway.clock.now + MEDIA_WRITE_GRACE + 60);
    expect(late.sweptMediaObjects).toBeGreaterThan(0);
    expect((await mediaObjectKeys()).filter((k) => orphans.includes(k))).toEqual([]);
    // The reference is free for the owner's retry, which stores as usual.
    expect((await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: await portraitPng(5), type: PNG } })).status).toBe(200);
    expect((await storedItem(ref))?.location.objects).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a replace by another owner and leaves the item, its objects and the bucket as they were', async () => {
    const gateway = testGateway();
    const { refs } = await uploaded(gateway);
    const item = await storedItem(refs.plain);
    const partner = await mediaPartner(gateway);
    const before = (await partner.fetchMedia(refs.plain)).media;
    const keys = (await mediaObjectKeys()).sort();

    const other = await mediaOwner(gateway);
    const theirs = uniq('case');
    await other.seed('case', [caseWith(theirs, [photo(refs.plain)])]);
    const res = await other.upload({ record_type: 'case', record_id: theirs, ref: refs.plain, original: { bytes: await portraitPng(9), type: PNG } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'conflict' });

    expect(await storedItem(refs.plain)).toEqual(item);
    expect((await mediaObjectKeys()).sort()).toEqual(keys);
    expect((await partner.fetchMedia(refs.plain)).media).toMatchObject({ rendition: before.rendition, data: before.data });
    // No object set of the refused write is left waiting for the sweeper.
    expect((await gatewayEnv.DB.prepare("SELECT count(*) AS n FROM media_object_sets WHERE state = 'writing'").first<{ n: number }>())?.n).toBe(0);
  });
});
