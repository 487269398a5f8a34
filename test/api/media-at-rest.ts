/**
 * What the media tests look at at rest, wherever the bytes are: the envelopes of a rendition as the
 * media store reads them (R2 objects, or D1 chunks written before the object store), everything
 * stored for an item as text, and a count of everything stored (to check that a refusal stored
 * nothing).
 */
import { storesFromBindings } from '../../gateway/src/store/bindings.js';
import { MEDIA_OBJECT_PREFIX } from '../../gateway/src/store/r2/media-objects.js';
import { STORED_RENDITIONS, type MediaItem, type StoredRendition } from '../../gateway/src/store/ports/media.js';
import { gatewayEnv } from './harness.js';

const media = () => storesFromBindings(gatewayEnv).media;

/** The item stored under `ref`, or null. */
export const storedItem = (ref: string): Promise<MediaItem | null> => media().item(ref);

/** The envelopes of `rendition` of `ref`, in order (none when the item or the rendition is not stored). */
export async function storedChunks(ref: string, rendition: StoredRendition): Promise<string[]> {
  const item = await media().item(ref);
  return item === null ? [] : media().chunks(item, rendition);
}

/** Every envelope stored for `ref`, by rendition. */
export async function allStoredChunks(ref: string): Promise<Record<StoredRendition, string[]>> {
  const out = {} as Record<StoredRendition, string[]>;
  for (const rendition of STORED_RENDITIONS) out[rendition] = await storedChunks(ref, rendition);
  return out;
}

/** Everything stored for `ref` as text: its row, its chunks in D1 and its objects in R2. */
export async function storedAtRest(ref: string): Promise<string> {
  const row = await gatewayEnv.DB.prepare('SELECT * FROM media WHERE ref = ?').bind(ref).first();
  const chunks = await gatewayEnv.DB.prepare('SELECT * FROM media_chunks WHERE ref = ?').bind(ref).all();
  return JSON.stringify({ row, chunks: chunks.results, objects: await allStoredChunks(ref) });
}

/** Every media object in the bucket. */
export async function mediaObjectKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await gatewayEnv.MEDIA.list({ prefix: MEDIA_OBJECT_PREFIX, ...(cursor === undefined ? {} : { cursor }) });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
  return keys;
}

/** Media rows, D1 chunks and R2 objects, counted together. */
export async function countStoredMedia(): Promise<number> {
  const rows = (await gatewayEnv.DB.prepare('SELECT (SELECT count(*) FROM media) + (SELECT count(*) FROM media_chunks) AS n').first<{ n: number }>())?.n ?? 0;
  return rows + (await mediaObjectKeys()).length;
}
