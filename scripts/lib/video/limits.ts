/**
 * The numbers of video redaction on the data owner's side, in one place, each with its reason.
 */

/**
 * Longest clip uploaded, in milliseconds (5 minutes). Body-worn and CCTV evidence is cut to the
 * incident; detection costs about a fifth of a second per frame (see BENCHMARKS.md, "Video"), so
 * 5 minutes at the rendition's frame rate is already a quarter of an hour of work on a laptop.
 */
export const MAX_DURATION_MS = 5 * 60 * 1000;

/** Largest file uploaded, in bytes (500 MB): 5 minutes of 1080p at a camera's ≈ 12 Mbit/s, with room. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/**
 * Largest frame, long side × short side (1920 × 1080, either orientation): full HD is what
 * police cameras record; a larger frame only costs memory and pipe bandwidth (each decoded RGBA
 * frame crosses the pipe twice) without helping a viewer.
 */
export const MAX_LONG_SIDE = 1920;
export const MAX_SHORT_SIDE = 1080;

/**
 * Largest rendition frame, long side × short side (1280 × 720): a viewer watches in a browser tab
 * under a watermark, where 720p shows what happened; a 1080p source is shrunk (by area) to it. It
 * keeps five minutes of a rendition well under the gateway's `MAX_VIDEO_RENDITION_BYTES`, and
 * halves the encoding and the pixel work of a 1080p source.
 */
export const RENDITION_MAX_LONG_SIDE = 1280;
export const RENDITION_MAX_SHORT_SIDE = 720;

/**
 * Highest frame rate of the renditions, in frames per second. The detector examines every frame
 * a viewer will see, so the renditions' rate bounds its cost: 15 fps keeps movement readable as
 * evidence (people walking, hands moving) at half the detection work of 30 fps. A slower source
 * keeps its own rate.
 */
export const RENDITION_MAX_FPS = 15;

/**
 * Long side, in pixels, of the frames decoded for detection (ffmpeg shrinks them by area). The
 * detector looks at a 416-pixel square anyway (`DETECTOR_INPUT_SIZE`); handing it smaller frames
 * saves the pipe and the shrinking in JavaScript. Boxes are mapped back to the source's pixels.
 */
export const DETECT_LONG_SIDE = 416;

/**
 * Keyframe interval of the renditions, in seconds. Each fragment of the fragmented MP4 starts at a
 * keyframe, so this is how much a viewer streams before the picture moves and the step of seeking;
 * 2 s keeps fragments small without spending much of the bitrate on keyframes.
 */
export const KEYFRAME_SECONDS = 2;

/**
 * x264's constant rate factor for the renditions: 23 is its default, visually close to the source
 * at 720p. The pixels outside the redacted boxes are evidence, so they are not starved.
 */
export const RENDITION_CRF = 23;

/** x264's preset: `veryfast` encodes 720p several times faster than real time on one core at a modest size cost. */
export const RENDITION_PRESET = 'veryfast';

/**
 * Bytes read from disk at once while hashing a file (1 MiB): large enough that hashing 500 MB is a
 * few hundred reads, small enough that hashing never holds more than this of the clip.
 */
export const HASH_READ_BYTES = 1024 * 1024;

/**
 * Largest chunk the tool sends (8 MiB). The gateway names the chunk size when an upload opens
 * (512 KiB today); the tool holds one chunk of each file at a time, so this caps what sending a
 * clip holds in memory whatever the clip's size, and an answer asking for more is refused.
 */
export const MAX_SEND_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Bytes at the head of a rendition read for its MSE codecs string (64 KiB). The renditions are
 * fragmented MP4 with an empty `moov` first (`render.ts`), so the `avcC` box sits in the first
 * kilobyte or so; the rest of the file is never loaded for it.
 */
export const RENDITION_HEAD_BYTES = 64 * 1024;

/**
 * Container brands accepted as MP4 (ISO base media with MP4 brands). QuickTime (`qt  `), 3GPP and
 * audio-only brands are refused: they are other containers that ffmpeg happens to read the same way.
 */
export const MP4_BRANDS: readonly string[] = ['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'mmp4'];
