/**
 * What a clip is, asked of ffprobe before anything else happens, and whether the tool takes it:
 * MP4 with one H.264 video stream, AAC audio or none, within the limits of `limits.ts`. Everything
 * else is refused here, with a clear message, before a frame is decoded or a byte is sent.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { VideoError } from './errors.js';
import { capture, ffmpegTools } from './ffmpeg.js';
import { localInput } from './frames.js';
import { MAX_DURATION_MS, MAX_FILE_BYTES, MAX_LONG_SIDE, MAX_SHORT_SIDE, MP4_BRANDS, RENDITION_MAX_FPS } from './limits.js';

/** A clip the tool takes, as ffprobe describes it. Sizes are of the upright frame (rotation applied). */
export interface ProbedClip {
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  /** Mean frame rate of the source. */
  readonly fps: number;
  /** Frames in the source (from its index, else duration × rate). */
  readonly frames: number;
  readonly durationMs: number;
  readonly videoCodec: string;
  readonly audio: boolean;
  /** The renditions' frame rate as ffmpeg's `fps` filter takes it (`15`, or the source's own rational when slower). */
  readonly renditionRate: string;
  /** The same as a number. */
  readonly renditionFps: number;
}

/** The parts of `ffprobe -show_format -show_streams -count_packets -of json` read here. */
export interface ProbeJson {
  readonly format?: { readonly format_name?: string; readonly duration?: string; readonly tags?: { readonly major_brand?: string } };
  readonly streams?: readonly {
    readonly codec_type?: string;
    readonly codec_name?: string;
    readonly width?: number;
    readonly height?: number;
    readonly avg_frame_rate?: string;
    readonly r_frame_rate?: string;
    readonly duration?: string;
    readonly nb_frames?: string;
    readonly nb_read_packets?: string;
    readonly disposition?: { readonly attached_pic?: number };
    readonly side_data_list?: readonly { readonly rotation?: number }[];
    readonly tags?: { readonly rotate?: string };
  }[];
}

/** `"30000/1001"` → 29.97…; NaN when it is not a positive rational. */
function rate(text: string | undefined): number {
  const [n, d = '1'] = (text ?? '').split('/');
  const value = Number(n) / Number(d);
  return Number.isFinite(value) && value > 0 ? value : Number.NaN;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * Whether ffprobe's description of a `bytes`-byte file is a clip the tool takes. Pure; `stderr` is
 * what ffprobe printed at level `error` while counting packets (a cut-off file says "partial file").
 *
 * @example judgeProbe(json, 4_200_000, '') // { width: 1280, height: 720, fps: 30, renditionRate: '15', … }
 * @throws VideoError with the first reason the clip is refused.
 */
export function judgeProbe(json: ProbeJson, bytes: number, stderr: string): ProbedClip {
  if (bytes > MAX_FILE_BYTES) throw new VideoError('too_large', `the file is ${mb(bytes)}; clips of up to ${mb(MAX_FILE_BYTES)} are uploaded (cut it shorter)`);
  const streams = json.streams ?? [];
  const videos = streams.filter((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const video = videos[0];
  if (json.format === undefined || video === undefined) throw new VideoError('not_a_video', 'the file has no video stream that ffprobe can read');
  const brand = json.format.tags?.major_brand ?? '';
  if (!(json.format.format_name ?? '').split(',').includes('mp4') || !MP4_BRANDS.includes(brand))
    throw new VideoError(
      'unsupported_container',
      `the file is ${brand === '' ? (json.format.format_name ?? 'unknown') : `"${brand.trim()}"`}, not MP4: convert it first (ffmpeg -i IN -c copy OUT.mp4)`,
    );
  if (videos.length !== 1 || video.codec_name !== 'h264')
    throw new VideoError('unsupported_video_codec', `the video is ${videos.map((v) => v.codec_name ?? '?').join(' + ')}; only one H.264 video stream is taken`);
  const audio = streams.filter((s) => s.codec_type === 'audio');
  const other = audio.find((s) => s.codec_name !== 'aac');
  if (other !== undefined) throw new VideoError('unsupported_audio_codec', `the audio is ${other.codec_name ?? '?'}; only AAC audio (or none) is taken`);

  const durationMs = Math.round(Number(json.format.duration ?? video.duration) * 1000);
  if (!(durationMs > 0)) throw new VideoError('not_a_video', 'the clip states no duration');
  if (durationMs > MAX_DURATION_MS)
    throw new VideoError(
      'too_long',
      `the clip lasts ${(durationMs / 1000).toFixed(1)} s; clips of up to ${MAX_DURATION_MS / 60_000} minutes are uploaded (cut it shorter)`,
    );

  const rotation = Math.abs(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? Number(video.tags?.rotate ?? 0));
  const [w, h] = [video.width ?? 0, video.height ?? 0];
  const [width, height] = rotation % 180 === 90 ? [h, w] : [w, h];
  if (!(width > 0 && height > 0)) throw new VideoError('not_a_video', 'the video stream states no frame size');
  if (Math.max(width, height) > MAX_LONG_SIDE || Math.min(width, height) > MAX_SHORT_SIDE)
    throw new VideoError('resolution_too_high', `frames are ${width} × ${height}; up to ${MAX_LONG_SIDE} × ${MAX_SHORT_SIDE} are taken (scale it down first)`);

  const fps = Number.isNaN(rate(video.avg_frame_rate)) ? rate(video.r_frame_rate) : rate(video.avg_frame_rate);
  if (Number.isNaN(fps) || fps > 240) throw new VideoError('not_a_video', 'the video stream states no usable frame rate');
  const announced = Number(video.nb_frames ?? Number.NaN);
  const read = Number(video.nb_read_packets ?? Number.NaN);
  if (/partial file|truncat|moov atom not found/i.test(stderr) || read < announced)
    throw new VideoError('truncated', 'the file ends before the frames it announces: it is cut off (copy it again from the source)');

  const slow = fps <= RENDITION_MAX_FPS;
  return {
    bytes,
    width,
    height,
    fps: Math.round(fps * 1000) / 1000,
    frames: Number.isSafeInteger(announced) && announced > 0 ? announced : Math.max(1, Math.round((durationMs * fps) / 1000)),
    durationMs,
    videoCodec: 'h264',
    audio: audio.length > 0,
    // The rate goes into an ffmpeg filter: only a plain rational is taken from the file.
    renditionRate: slow
      ? ([video.avg_frame_rate, video.r_frame_rate].find((r) => /^[1-9]\d{0,5}\/[1-9]\d{0,5}$/.test(r ?? '')) ?? String(fps))
      : String(RENDITION_MAX_FPS),
    renditionFps: slow ? Math.round(fps * 1000) / 1000 : RENDITION_MAX_FPS,
  };
}

/** Whether the file begins with an ISO media `ftyp` box: an MP4 (perhaps cut off) rather than something else named `.mp4`. */
function startsLikeMp4(path: string): boolean {
  const head = new Uint8Array(8);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  return new TextDecoder().decode(head.subarray(4, 8)) === 'ftyp';
}

/**
 * Asks ffprobe what `path` is (counting its packets, which reads the file but decodes nothing) and
 * judges it with {@link judgeProbe}. The size is checked first, so an enormous file is refused
 * without being read.
 *
 * @throws VideoError when the clip is refused or ffmpeg is missing.
 */
export async function probeClip(path: string): Promise<ProbedClip> {
  const bytes = statSync(path).size;
  if (bytes > MAX_FILE_BYTES) judgeProbe({}, bytes, '');
  const { ffprobe } = ffmpegTools();
  const { code, stdout, stderr } = await capture(ffprobe, ['-v', 'error', '-count_packets', '-show_format', '-show_streams', '-of', 'json', localInput(path)]);
  if (/moov atom not found/i.test(stderr) && startsLikeMp4(path))
    throw new VideoError('truncated', 'the file ends before its index (no "moov"): it is cut off or was never finalised (copy it again from the source)');
  if (code !== 0) throw new VideoError('not_a_video', 'ffprobe cannot read the file as a video');
  let json: ProbeJson;
  try {
    json = JSON.parse(stdout) as ProbeJson;
  } catch {
    throw new VideoError('not_a_video', 'ffprobe cannot read the file as a video');
  }
  return judgeProbe(json, bytes, stderr);
}
