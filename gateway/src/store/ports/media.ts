/**
 * The media port: photos stored for the records that name them, by what the media services need.
 * Every rendition is kept as the field envelopes of its chunks (sealed by the services: the store
 * sees only opaque text and never opens one); an item's metadata is its index. A backend keeps the
 * envelopes where it likes (the gateway's: R2 objects indexed by a D1 row, `store/r2/media-store.ts`)
 * and must pass `test/store/conformance/media.ts`.
 */
import type { ReleasedRendition } from '@need2know/policy';

/** Media types the media store accepts, for originals and renditions alike. */
export const MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * What an item's chunks can hold: a rendition partners may receive, the face detection behind the
 * redacted one, the data owner's manual regions and face removals with their reasons (both JSON,
 * never released: they are kept for audit and to re-make the redacted rendition), or `scaled`: the
 * original's picture at the working size, re-encoded, delivered in its place where the original is
 * too large to deliver whole.
 */
export type StoredRendition = ReleasedRendition | 'detection' | 'regions' | 'scaled';

/** Every kind of chunk an item can hold, in the order they are stored. */
export const STORED_RENDITIONS: readonly StoredRendition[] = ['original', 'blurred', 'redacted', 'detection', 'regions', 'scaled'];

/** A blurred rendition as stored: its type, size, chunk count and who made it. */
export interface StoredBlurred {
  readonly contentType: MediaType;
  readonly bytes: number;
  readonly chunks: number;
  /** `gateway` (blurred here) or `owner` (supplied by the data owner: JPEG items stored before the gateway decoded JPEG). */
  readonly by: 'gateway' | 'owner';
}

/** The redacted rendition as stored: its type, size and chunk count. */
export interface StoredRedacted {
  readonly contentType: MediaType;
  readonly bytes: number;
  readonly chunks: number;
}

/**
 * The original's picture at the working size (migration 0029): made at ingest for an original larger
 * than a sealed answer carries, and delivered in its place wherever the original is released.
 */
export interface StoredScaled {
  readonly contentType: MediaType;
  readonly bytes: number;
  readonly chunks: number;
  /** Its pixel size (upright, at most the working size). */
  readonly width: number;
  readonly height: number;
}

/** A media item as an upload stores it: what it is bound to and what its renditions are (never a pixel). */
export interface NewMediaItem {
  /** The reference records name it by: gateway-wide, one owner per reference. */
  readonly ref: string;
  readonly owner: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly field: string;
  readonly contentType: MediaType;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly chunks: number;
  readonly blurred: StoredBlurred | null;
  /** The redacted rendition (faces blurred, scene kept), made at ingest for a flagged photo on which a face was found; null otherwise. */
  readonly redacted: StoredRedacted | null;
  /** What a flagged photo goes out as when faces may not be shown; null when no detection ran (not flagged at ingest). A detection is stored whenever this is set. */
  readonly protectedRendition: 'redacted' | 'blurred' | null;
  /** The original at the working size, stored when the original is too large to deliver whole; null otherwise (and for items stored before migration 0029). */
  readonly scaled: StoredScaled | null;
  /** Manual regions plus face removals the data owner made (0 when none; their document is stored when not 0). */
  readonly regions: number;
  /** The field-key version every chunk of the item is sealed under. */
  readonly keyVersion: number;
  /** When this upload was stored (Unix seconds): what region edits and re-wraps are guarded by. */
  readonly ingestedAt: number;
  readonly ingestedBy: string;
}

/**
 * A stored media item. `location` says where the backend keeps its chunks: opaque to services,
 * handed back to the store with the item so that a read costs no second look-up.
 */
export interface MediaItem extends NewMediaItem {
  readonly location: MediaLocation;
}

/** Where an item's chunks are, in the backend's own terms (random object-set ids; null: not in the object store yet). */
export interface MediaLocation {
  /** The set holding the original, the blurred rendition, the detection and the scaled original. */
  readonly objects: string | null;
  /** The set holding the redacted rendition and the regions. */
  readonly redactionObjects: string | null;
}

/** The envelopes of every rendition an item holds, each in order; a missing or empty list: none stored. */
export type MediaChunks = Readonly<Partial<Record<StoredRendition, readonly string[]>>>;

/** The redaction a region edit stores: the redacted rendition (null: none, the photo goes out blurred), the protection and how many regions. */
export interface NextRedaction {
  readonly redacted: StoredRedacted | null;
  readonly protectedRendition: 'redacted' | 'blurred';
  readonly regions: number;
}

/** A write's outcome: `conflict` when its guard did not hold (another owner's reference, or the item changed since it was read); nothing was changed then. */
export type MediaWriteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'conflict' };

/** What one run of {@link MediaStore.sweep} or {@link MediaStore.moveToObjects} did. */
export interface MediaHousekeeping {
  /** Items moved (moveToObjects) or object sets deleted (sweep). */
  readonly done: number;
  /** Items (or due sets) still waiting after this run. */
  readonly remaining: number;
}

/** The media store. */
export interface MediaStore {
  /** The item stored under `ref`, or null. */
  item(ref: string): Promise<MediaItem | null>;
  /**
   * The envelopes of `rendition` of `item` as it was read, in order; empty when it holds none. Reads
   * from wherever the item's chunks are (during the move to the object store, either place).
   */
  chunks(item: MediaItem, rendition: StoredRendition): Promise<string[]>;
  /**
   * Stores `item` with `chunks` in place of whatever `item.ref` held (every chunk of the old item,
   * regions included, goes): all or nothing, readers see the old item or the new one, never a mix.
   * Applies only if the reference is new or already `item.owner`'s; otherwise `conflict`, nothing
   * changed. A failure at any point leaves no row naming a chunk that is not stored.
   */
  replace(item: NewMediaItem, chunks: MediaChunks): Promise<MediaWriteOutcome>;
  /**
   * Replaces the redaction of `item` — its redacted rendition, protection and regions — with `next`
   * and its `chunks` (`redacted` and `regions`; the original, blurred rendition and detection are
   * not touched): all or nothing. Applies only while `item.ref` is still the same upload of the same
   * owner (`ingestedAt`); a new upload in between is a `conflict`, nothing changed.
   */
  replaceRedaction(
    item: MediaItem,
    next: NextRedaction,
    chunks: { readonly redacted: readonly string[]; readonly regions: readonly string[] },
    now: number,
  ): Promise<MediaWriteOutcome>;
  /** Items sealed below field-key version `current`, lowest version first, at most `limit` (the re-wrap job's work list). */
  belowKeyVersion(current: number, limit: number): Promise<MediaItem[]>;
  /** How many items are sealed below field-key version `current`. */
  countBelowKeyVersion(current: number): Promise<number>;
  /**
   * Replaces every chunk of `item` with `chunks` (the same renditions, re-sealed) and records
   * `keyVersion`: all or nothing, only while the item is still exactly the one read (same upload,
   * same key version, same redaction); otherwise `conflict`, nothing changed.
   */
  rewrap(item: MediaItem, chunks: MediaChunks, keyVersion: number, now: number): Promise<MediaWriteOutcome>;
  /**
   * Items whose original is larger than `minBytes` and that hold no scaled copy, by reference, those
   * after `after` only, at most `limit` (the scaled-copy job's work list, paged by reference so that an
   * item the job cannot copy never hides the ones after it).
   */
  withoutScaled(minBytes: number, limit: number, after?: string): Promise<MediaItem[]>;
  /** How many items have an original larger than `minBytes` and no scaled copy. */
  countWithoutScaled(minBytes: number): Promise<number>;
  /**
   * Replaces every chunk of `item` with `chunks` (its renditions as they are or re-sealed, plus the new
   * `scaled` copy), and records `scaled` and `keyVersion`: all or nothing, only while the item is still
   * exactly the one read (same upload, key version and chunks) and still holds no scaled copy;
   * otherwise `conflict`, nothing changed.
   */
  addScaled(item: MediaItem, scaled: StoredScaled, chunks: MediaChunks, keyVersion: number, now: number): Promise<MediaWriteOutcome>;
  /**
   * Moves up to `limit` items whose chunks are still where an earlier version of the store kept them
   * into the object store, each item all or nothing and only while it is unchanged since read (an
   * upload in between wins). Resumable: an item's state is in its row. Calls `moved` with each item
   * moved (its reference) once it is committed.
   */
  moveToObjects(now: number, limit: number, moved?: (ref: string) => void): Promise<MediaHousekeeping>;
  /**
   * Deletes up to `limit` object sets no item names whose time has come (`now`): those let go by a
   * replace, an edit or a re-wrap, and those of writes that never committed. A set is claimed before
   * its objects go, so a write that commits late is refused, never left naming missing objects.
   */
  sweep(now: number, limit: number): Promise<MediaHousekeeping>;
}
