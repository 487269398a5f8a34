/**
 * Why the upload tool refuses a clip, or could not redact or send it. Each refusal of the clip
 * happens before anything is sent to the gateway; a file that changes while it is sent stops the
 * upload before it is completed.
 */

/** Stable codes of {@link VideoError}. */
export type VideoErrorCode =
  /** ffmpeg or ffprobe is not installed. */
  | 'ffmpeg_missing'
  /** ffprobe could not read the file as a video at all (or it has no video stream). */
  | 'not_a_video'
  /** A container other than MP4 (QuickTime, Matroska, WebM, AVI, 3GPP…). */
  | 'unsupported_container'
  /** A video codec other than H.264, or more than one video stream. */
  | 'unsupported_video_codec'
  /** An audio codec other than AAC. */
  | 'unsupported_audio_codec'
  /** Longer than `MAX_DURATION_MS`. */
  | 'too_long'
  /** Larger than `MAX_FILE_BYTES`. */
  | 'too_large'
  /** A frame larger than `MAX_LONG_SIDE` × `MAX_SHORT_SIDE`. */
  | 'resolution_too_high'
  /** The file ends before the frames its index announces (a cut-off copy). */
  | 'truncated'
  /** A regions file that is not what `--regions` takes. */
  | 'invalid_regions'
  /** The manifest breaks a rule the gateway checks (`videoManifestIssues`), e.g. a rendition too large. */
  | 'manifest_refused'
  /** ffmpeg failed while decoding or encoding. */
  | 'ffmpeg_failed'
  /** The file changed after it was probed and hashed (another size or content): the upload is abandoned, never completed. */
  | 'file_changed';

/**
 * A clip the tool refuses or could not process. `message` is meant for the data owner: it says what
 * is wrong and, where there is one, what to do; it never holds pixels or personal data.
 *
 * @example
 * try { await probeClip(path) } catch (err) { if (err instanceof VideoError && err.code === 'too_long') … }
 */
export class VideoError extends Error {
  override readonly name = 'VideoError';
  readonly code: VideoErrorCode;

  constructor(code: VideoErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
