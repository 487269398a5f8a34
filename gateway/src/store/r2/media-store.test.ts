import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aFlaggedItem, describeMediaStoreConformance } from '../../../../test/store/conformance/media.js';
import { T0 } from '../../../../test/store/conformance/fixtures.js';
import { MEDIA_DROP_GRACE, MEDIA_WRITE_GRACE } from '../../platform/config.js';
import { commitWritingSetStatements, registerWritingSets } from '../d1/media-object-sets.js';
import { STORED_RENDITIONS, type MediaItem } from '../ports/media.js';
import { MEDIA_OBJECT_PREFIX, newObjectSetId, objectKey, putRendition } from './media-objects.js';
import { r2MediaStore } from './media-store.js';

const bindings = () => env as unknown as { DB: D1Database; MEDIA: R2Bucket };
const store = () => r2MediaStore(bindings().DB, bindings().MEDIA);

/** Every key in the bucket under the media prefix. */
async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bindings().MEDIA.list({ prefix: MEDIA_OBJECT_PREFIX, ...(cursor === undefined ? {} : { cursor }) });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
  return keys;
}

// The media store over D1 (the index) and R2 (the chunks), held to the backend-neutral contract.
describe('D1 + R2 media store', () => {
  describeMediaStoreConformance(store);

  it('keeps chunks in objects whose keys name no owner, record or reference', async () => {
    const { item, chunks } = aFlaggedItem();
    expect(await store().replace(item, chunks)).toEqual({ ok: true });
    const read = (await store().item(item.ref)) as MediaItem;
    const keys = (await allKeys()).filter((k) => k.includes(read.location.objects ?? '?') || k.includes(read.location.redactionObjects ?? '?'));
    expect(keys.sort()).toEqual(
      ['original', 'blurred', 'detection']
        .map((r) => `media/${read.location.objects}/${r}`)
        .concat(`media/${read.location.redactionObjects}/redacted`)
        .sort(),
    );
    for (const key of await allKeys()) for (const personal of [item.ref, item.owner, item.recordId]) expect(key).not.toContain(personal);
    // The bytes are the envelopes, in order, and nothing else.
    expect(await (await bindings().MEDIA.get(`media/${read.location.objects}/original`))?.text()).toBe(chunks.original?.join('\n'));
  });

  it('reads an item written before the object store from D1, and moves it in one step, envelopes unchanged', async () => {
    const { item, chunks } = aFlaggedItem({ regions: 1 });
    const withRegions = { ...chunks, regions: ['n2kf1.1.regions-legacy'] };
    expect(await store().replace(item, withRegions)).toEqual({ ok: true });
    // As migration 0022 found it: the row names no object set, the chunks are in `media_chunks`.
    const db = bindings().DB;
    await db.batch([
      db.prepare('UPDATE media SET objects = NULL, redaction_objects = NULL WHERE ref = ?').bind(item.ref),
      ...STORED_RENDITIONS.flatMap((r) =>
        (withRegions[r] ?? []).map((e, seq) =>
          db.prepare('INSERT INTO media_chunks (ref, rendition, seq, envelope) VALUES (?, ?, ?, ?)').bind(item.ref, r, seq, e),
        ),
      ),
    ]);
    const legacy = (await store().item(item.ref)) as MediaItem;
    expect(legacy.location).toEqual({ objects: null, redactionObjects: null });
    for (const r of STORED_RENDITIONS) expect(await store().chunks(legacy, r)).toEqual(withRegions[r] ?? []);

    const moved: string[] = [];
    for (let run = 0; run < 50 && !moved.includes(item.ref); run++) await store().moveToObjects(T0 + 100, 10, (ref) => moved.push(ref));
    expect(moved).toContain(item.ref);
    const after = (await store().item(item.ref)) as MediaItem;
    expect(after.location.objects).not.toBeNull();
    expect(after.keyVersion).toBe(legacy.keyVersion);
    for (const r of STORED_RENDITIONS) expect(await store().chunks(after, r)).toEqual(withRegions[r] ?? []);
    expect((await db.prepare('SELECT count(*) AS n FROM media_chunks WHERE ref = ?').bind(item.ref).first<{ n: number }>())?.n).toBe(0);
    // A move from the row as first read is refused: it is no longer the item stored.
    expect(await store().rewrap(legacy, withRegions, legacy.keyVersion, T0 + 101)).toEqual({ ok: false, reason: 'conflict' });
  });

  it('deletes the objects of a write that died before its row, and refuses that write if it commits after the sweep', async () => {
    const db = bindings().DB;
    const set = newObjectSetId();
    const now = T0 + 1000;
    // A write that put its objects, then died before the D1 commit.
    await registerWritingSets(db, [set], now + MEDIA_WRITE_GRACE);
    await putRendition(bindings().MEDIA, set, 'original', ['n2kf1.1.orphan']);
    // Within the grace it is left alone (the write may still commit).
    await store().sweep(now, 1000);
    expect(await bindings().MEDIA.head(objectKey(set, 'original'))).not.toBeNull();
    // Past it, the objects go, and a late commit naming the set is aborted by its guard.
    await store().sweep(now + MEDIA_WRITE_GRACE, 1000);
    expect(await bindings().MEDIA.head(objectKey(set, 'original'))).toBeNull();
    await expect(db.batch(commitWritingSetStatements(db, set))).rejects.toThrow(/CHECK constraint failed/);
  });

  it("keeps a replaced item's objects for readers of the old row until the drop grace is over, then sweeps them", async () => {
    const at = T0 + 5000;
    const { item, chunks } = aFlaggedItem({ ingestedAt: at });
    expect(await store().replace(item, chunks)).toEqual({ ok: true });
    const old = (await store().item(item.ref)) as MediaItem;
    const again = aFlaggedItem({ ref: item.ref, owner: item.owner, ingestedAt: at + 10 });
    expect(await store().replace(again.item, again.chunks)).toEqual({ ok: true });
    // A request that read the old row a moment before still reads the old picture, whole.
    expect(await store().chunks(old, 'original')).toEqual(chunks.original);
    await store().sweep(at + 10 + MEDIA_DROP_GRACE - 1, 1000);
    expect(await store().chunks(old, 'original')).toEqual(chunks.original);
    await store().sweep(at + 10 + MEDIA_DROP_GRACE, 1000);
    expect(await bindings().MEDIA.head(objectKey(old.location.objects as string, 'original'))).toBeNull();
    // Read from the swept row, a missing object is an integrity failure, never an empty picture.
    await expect(store().chunks(old, 'original')).rejects.toThrow(/missing/);
    const current = (await store().item(item.ref)) as MediaItem;
    expect(await store().chunks(current, 'original')).toEqual(again.chunks.original);
  });

  it('deletes the new objects at once when a replace loses to another owner', async () => {
    const { item, chunks } = aFlaggedItem();
    expect(await store().replace(item, chunks)).toEqual({ ok: true });
    const before = await allKeys();
    const thief = aFlaggedItem({ ref: item.ref });
    expect(await store().replace(thief.item, thief.chunks)).toEqual({ ok: false, reason: 'conflict' });
    expect((await allKeys()).sort()).toEqual(before.sort());
  });
});
