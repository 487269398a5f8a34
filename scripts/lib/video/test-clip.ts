/**
 * Test clips made with ffmpeg from the real photographs shipped in the detector's package
 * (`@vladmandic/face-api/demo/sample*.jpg`): a pan-and-zoom over a party photo, so faces move, grow
 * and leave the frame, with a face from another photo shown on only two frames. Test and benchmark
 * support; nothing here runs in the upload path.
 */
import { createRequire } from 'node:module';
import { ffmpegTools, rawFrames, run } from './ffmpeg.js';

const demoDir = createRequire(import.meta.url)
  .resolve('@vladmandic/face-api/package.json')
  .replace(/package\.json$/, 'demo/');

/** The path of a sample photograph shipped in the detector's package (`sample1.jpg` … `sample6.jpg`). */
export function samplePhoto(name: string): string {
  return demoDir + name;
}

/** A test clip's shape. */
export interface PanZoomClip {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /** Frames (first, last inclusive) on which the brief face is shown, and where, in the clip's pixels. */
  readonly brief: { readonly from: number; readonly to: number; readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Add an AAC tone as audio (to check that it is dropped). */
  readonly audio: boolean;
}

/** The quality test's clip: 640 × 360 at 8 fps, 3 s; the brief face on frames 12 and 13, bottom right. */
export const QUALITY_CLIP: PanZoomClip = {
  width: 640,
  height: 360,
  fps: 8,
  frames: 24,
  brief: { from: 12, to: 13, x: 500, y: 220, width: 104, height: 120 },
  audio: true,
};

/**
 * Writes `clip` to `out` (H.264 MP4, index at the front): sample1.jpg cut to 16:9, zoomed from 1× to
 * about 1.8× while panning left to right (the left-hand faces grow and leave the frame), and a face
 * cut from sample2.jpg overlaid on frames `brief.from`–`brief.to` only.
 */
export async function makePanZoomClip(out: string, clip: PanZoomClip = QUALITY_CLIP): Promise<void> {
  const { ffmpeg } = ffmpegTools();
  const last = clip.frames - 1;
  const zoom = `1+${(0.8 / last).toFixed(5)}*on`;
  const b = clip.brief;
  const graph = [
    `[0:v]crop=1920:1080:0:100,zoompan=z='${zoom}':x='(iw-iw/zoom)*on/${last}':y='(ih-ih/zoom)/2':d=${clip.frames}:s=${clip.width}x${clip.height}:fps=${clip.fps}[bg]`,
    `[1:v]crop=260:300:880:220,scale=${b.width}:${b.height}[face]`,
    `[bg][face]overlay=${b.x}:${b.y}:enable='between(n,${b.from},${b.to})',format=yuv420p[v]`,
  ].join(';');
  const audio = clip.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${clip.frames / clip.fps}`] : [];
  const args = [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', samplePhoto('sample1.jpg'), '-i', samplePhoto('sample2.jpg'), ...audio],
    ...['-filter_complex', graph, '-map', '[v]', ...(clip.audio ? ['-map', '2:a', '-c:a', 'aac'] : [])],
    ...['-frames:v', String(clip.frames), '-r', String(clip.fps), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-movflags', '+faststart', out],
  ];
  await run(ffmpeg, args, 'making the test clip').done;
}

/**
 * A synthetic clip of `seconds` from one of ffmpeg's test sources at `width` × `height` and `fps`,
 * optionally in another container or codec, for the refusal tests and the fail-safe. `testsrc2`
 * (the default) has a pattern the tiny detector takes for a face at 0.99; `mandelbrot` has none.
 */
export async function makeSyntheticClip(
  out: string,
  {
    width = 320,
    height = 180,
    fps = 15,
    seconds = 1,
    codec = 'libx264',
    audio = null as string | null,
    extra = [] as string[],
    source = 'testsrc2' as 'testsrc2' | 'mandelbrot',
  } = {},
): Promise<void> {
  const { ffmpeg } = ffmpegTools();
  const sound = audio === null ? [] : ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`];
  const args = [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `${source}=size=${width}x${height}:rate=${fps}`, ...sound, '-t', String(seconds)],
    ...[
      '-c:v',
      codec,
      ...(codec === 'libx264' ? ['-pix_fmt', 'yuv420p', '-preset', 'veryfast'] : []),
      ...(audio === null ? [] : ['-c:a', audio]),
      ...extra,
      out,
    ],
  ];
  await run(ffmpeg, args, 'making a synthetic clip').done;
}

/**
 * Every frame of the video at `path` as RGBA, `width` × `height`, after `filters` (ffmpeg's `-vf`):
 * for comparing renditions with their source frame by frame.
 */
export async function readFrames(path: string, width: number, height: number, filters = 'null'): Promise<Uint8Array[]> {
  const { ffmpeg } = ffmpegTools();
  const decoder = run(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-map', '0:v:0', '-vf', filters, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    'reading frames',
  );
  const frames: Uint8Array[] = [];
  for await (const frame of rawFrames(decoder.child.stdout as NonNullable<typeof decoder.child.stdout>, width * height * 4)) frames.push(frame);
  await decoder.done;
  return frames;
}
