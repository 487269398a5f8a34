/**
 * The video port: uploads in chunks, the video each reference names, and plays. The store keeps
 * opaque text (the field envelopes sealed by the services) and never opens one. A backend keeps the
 * chunk envelopes where it likes (the gateway's: one R2 object each, indexed in D1,
 * `store/r2/video-store.ts`) and must pass `test/store/conformance/videos.ts`.
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
  readonly manifestSha256: string;
  readonly chunkBytes: number;
  /** Bytes of each file, as the manifest states them (`redacted` null: none is sent). */
  readonly bytes: { readonly original: number; readonly redacted: number | null; readonly blurred: number };
  /** Chunks each file takes (`redacted` null: none is sent). */
  readonly chunks: { readonly original: number; readonly redacted: number | null; readonly blurred: number };
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** An upload as stored. */
export interface VideoUploadRow extends NewVideoUpload {
  readonly state: 'open' | 'complete' | 'dropped';
  /** Set once completed: where the ingest entry stands in the log. */
  readonly logIndex: number | null;
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
  readonly expiresAt: number;
}

/** A write's outcome: `conflict` when its guard did not hold (nothing changed then). */
export type VideoWriteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'conflict' };

/** The video store. */
export interface VideoStore {
  /** Opens an upload. */
  openUpload(upload: NewVideoUpload): Promise<void>;
  /** The upload `id`, or null. */
  upload(id: string): Promise<VideoUploadRow | null>;
  /**
   * Stores chunk `chunk.seq` of `chunk.file` (its envelope, size and hash), replacing one sent
   * before: only while the upload is `open` and not past its expiry at `now`; otherwise `conflict`.
   */
  putChunk(upload: VideoUploadRow, chunk: ReceivedChunk, envelope: string, now: number): Promise<VideoWriteOutcome>;
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
   * Uploads not dropped that were opened at or before `at` (seconds): their manifest and chunks may
   * be sealed under a field-key version older than one made current at `at` (the same second counts,
   * to be safe), so that version must not be retired while any remain.
   */
  countOpenedBy(at: number): Promise<number>;
}
