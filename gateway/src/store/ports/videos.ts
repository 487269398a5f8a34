/**
 * The video port: uploads in chunks, the video each reference names, and plays. The store keeps
 * opaque text (the field envelopes sealed by the services) and never opens one. A backend keeps the
 * chunk envelopes where it likes (the gateway's: one R2 object each, indexed in D1,
 * `store/r2/video-store.ts`) and must pass `test/store/conformance/videos.ts` and, for the re-wrap
 * job's share, `test/store/conformance/video-key-versions.ts`.
 */

/** The files of a video: the untouched original and the two protected renditions. */
export const VIDEO_FILES = ['original', 'redacted', 'blurred'] as const;
export type VideoFile = (typeof VIDEO_FILES)[number];

/** An upload as its manifest opens it. */
export interface NewVideoUpload {
  /** 128 random bits, hex (drawn by the service): names the upload to its owner and nobody else. */
  readonly id: string;
  readonly owner: string;
  readonly clientId: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly field: string;
  readonly ref: string;
  /** Field envelope of the manifest's bytes. */
  readonly manifest: string;
  /** The field-key version the manifest is sealed under (null: stored before versions were recorded). */
  readonly manifestKeyVersion: number | null;
  readonly manifestSha256: string;
  readonly chunkBytes: number;
  /** Bytes of each file, as the manifest states them (`redacted` null: none is sent). */
  readonly bytes: { readonly original: number; readonly redacted: number | null; readonly blurred: number };
  /** Chunks each file takes (`redacted` null: none is sent). */
  readonly chunks: { readonly original: number; readonly redacted: number | null; readonly blurred: number };
  readonly createdAt: number;
  readonly expiresAt: number;
}

/**
 * An upload as stored. `replaced`: completed, then replaced by a newer upload of its reference (kept
 * for plays under way until its grace ends, then swept); `dropped`: taken by the sweeper;
 * `cancelled`: cancelled by the client that opened it (its chunks deleted, its manifest erased; the
 * row kept until its expiry, then swept).
 */
export interface VideoUploadRow extends NewVideoUpload {
  readonly state: 'open' | 'complete' | 'replaced' | 'dropped' | 'cancelled';
  /** Set once completed: where the ingest entry stands in the log; once cancelled and logged: where the cancel's entry stands. */
  readonly logIndex: number | null;
  /** When it was cancelled, and the chunks (and their plaintext bytes) it held then; null unless `cancelled`. */
  readonly cancelled: { readonly at: number; readonly chunks: number; readonly bytes: number } | null;
}

/** A chunk received: its place, plaintext size and SHA-256 (hex). */
export interface ReceivedChunk {
  readonly file: VideoFile;
  readonly seq: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** A play: what one logged delivery or view may fetch, chunk by chunk, until it expires. */
export interface VideoPlay {
  readonly id: string;
  readonly ref: string;
  readonly uploadId: string;
  readonly rendition: VideoFile;
  readonly clientId: string;
  readonly grantId: string;
  /** Field envelope of the play's content key. */
  readonly playKey: string;
  /** The field-key version the play's key is sealed under (null: stored before versions were recorded). */
  readonly keyVersion: number | null;
  readonly expiresAt: number;
}

/**
 * One sealed part of a video, below the current field-key version: what the re-wrap job moves, one
 * at a time. `location` is the store's own (where the part is and what it held when read), opaque to
 * services and handed back with the part.
 */
export type VideoSealedPart =
  | { readonly kind: 'manifest'; readonly upload: VideoUploadRow; readonly location: string }
  | { readonly kind: 'chunk'; readonly upload: VideoUploadRow; readonly file: VideoFile; readonly seq: number; readonly location: string }
  | { readonly kind: 'play_key'; readonly upload: VideoUploadRow; readonly play: VideoPlay; readonly location: string };

/** A write's outcome: `conflict` when its guard did not hold (nothing changed then). */
export type VideoWriteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'conflict' };

/** The video store. */
export interface VideoStore {
  /** Opens an upload. */
  openUpload(upload: NewVideoUpload): Promise<void>;
  /** The upload `id`, or null. */
  upload(id: string): Promise<VideoUploadRow | null>;
  /**
   * Stores chunk `chunk.seq` of `chunk.file` (its envelope, sealed under field-key version
   * `keyVersion`, size and hash), replacing one sent before: only while the upload is `open` and not
   * past its expiry at `now`; otherwise `conflict`.
   */
  putChunk(upload: VideoUploadRow, chunk: ReceivedChunk, envelope: string, keyVersion: number, now: number): Promise<VideoWriteOutcome>;
  /** The chunks received for `upload`, by file then position. */
  receivedChunks(uploadId: string): Promise<ReceivedChunk[]>;
  /** The envelope of chunk `seq` of `file` of upload `uploadId`, or null when none is stored. */
  chunk(uploadId: string, file: VideoFile, seq: number): Promise<string | null>;
  /**
   * Completes `upload` (logged at `logIndex`): it becomes the video its reference names, in place of
   * any earlier one of the same owner (whose upload is dropped, its chunks swept after `dropAfter`).
   * `conflict` when the upload is no longer `open`, or the reference holds another owner's video.
   */
  complete(upload: VideoUploadRow, logIndex: number, now: number, dropAfter: number): Promise<VideoWriteOutcome>;
  /**
   * Cancels the open upload `id` at `now`, in one guarded step: it becomes `cancelled` with the count
   * and plaintext bytes of the chunks it holds, its manifest is erased, and its row is kept until
   * `keepUntil` (then swept). From then on no chunk is stored for it and it never completes.
   * `conflict` (nothing changed) when it is no longer `open`.
   */
  cancelUpload(id: string, now: number, keepUntil: number): Promise<VideoWriteOutcome>;
  /** Records where the cancel of upload `id` stands in the log (only once, only for a cancelled upload). */
  cancelLogged(id: string, logIndex: number): Promise<void>;
  /**
   * Deletes every chunk of the cancelled upload `id`: the rows first (so no row ever names a deleted
   * object), then every object kept for it, including one no row names. `conflict` (nothing deleted)
   * unless it is `cancelled`. Safe to call again.
   */
  discardChunks(id: string): Promise<VideoWriteOutcome>;
  /** The completed upload the reference `ref` names, or null. */
  video(ref: string): Promise<VideoUploadRow | null>;
  /** Records a play. */
  startPlay(play: VideoPlay): Promise<void>;
  /** The play `id`, or null (also once expired and swept). */
  play(id: string): Promise<VideoPlay | null>;
  /**
   * Deletes up to `limit` uploads whose time has come at `now` (open past expiry, dropped past their
   * grace): their chunk objects, then their rows; and plays past expiry. Returns uploads deleted.
   */
  sweep(now: number, limit: number): Promise<number>;
  /**
   * Up to `limit` sealed parts below field-key version `current` (or of no recorded version), after
   * `after` in the store's order (from the start without it): the manifest and every chunk of each
   * upload except an `open` one past its expiry at `now` (nobody may read it again: it is swept), and
   * the key of each play not ended at `now`.
   */
  partsBelowKeyVersion(current: number, now: number, limit: number, after?: VideoSealedPart): Promise<VideoSealedPart[]>;
  /** How many parts {@link partsBelowKeyVersion} would list in all. */
  countBelowKeyVersion(current: number, now: number): Promise<number>;
  /** The envelope of `part` as it was read; null when the object its index names is missing (an integrity failure). */
  envelope(part: VideoSealedPart): Promise<string | null>;
  /**
   * Replaces the envelope of `part` with `envelope`, sealed under `keyVersion`: the new one is
   * written beside the old, then the index switches to it, only while the part is still the one read
   * (otherwise `conflict`: nothing changed, what was written is deleted); the old one goes after the
   * switch. A reader always finds a complete envelope, old or new.
   */
  rewrapPart(part: VideoSealedPart, envelope: string, keyVersion: number): Promise<VideoWriteOutcome>;
}
