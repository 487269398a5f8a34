/**
 * Running Debian's ffmpeg and ffprobe: finding them, collecting their output, reading raw frames
 * from a pipe and writing raw frames into one. Nothing here looks at pixels.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { findFfmpeg } from '../system-tools.mjs';
import { VideoError } from './errors.js';

/** Paths of the two programs. */
export interface FfmpegTools {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}

/** Most of a failing program's stderr kept for the error message: its last lines say why. */
const STDERR_KEPT = 2000;

/**
 * ffmpeg and ffprobe from PATH (or `N2K_FFMPEG` / `N2K_FFPROBE`).
 *
 * @throws VideoError `ffmpeg_missing`, saying how to install them.
 */
export function ffmpegTools(): FfmpegTools {
  const found = findFfmpeg();
  if (found === undefined)
    throw new VideoError(
      'ffmpeg_missing',
      'video upload needs ffmpeg and ffprobe: install Debian\'s package (apt-get install ffmpeg), or run "node scripts/ensure-browser.mjs" as root, which installs it with the browser the tests use',
    );
  return found;
}

/** A running ffmpeg whose stderr is kept (the tail) for the error message. */
export interface Running {
  readonly child: ChildProcess;
  /** Resolves when the program has exited with status 0; rejects with a VideoError otherwise. */
  readonly done: Promise<void>;
}

/** Starts `program` with `args`; stdin and stdout are pipes unless `stdio` says otherwise. */
export function run(program: string, args: readonly string[], what: string): Running {
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    stderr = (stderr + s).slice(-STDERR_KEPT);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err) => reject(new VideoError('ffmpeg_failed', `${what}: could not start ${program}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new VideoError('ffmpeg_failed', `${what} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
  // A consumer that stops early closes the pipe; the program's EPIPE is reported through `done`,
  // which callers await on their success path only (an earlier error is the one reported).
  child.stdin?.on('error', () => {});
  done.catch(() => {});
  return { child, done };
}

/** Stops `running` if it has not exited yet (after an error elsewhere: no orphaned ffmpeg). */
export function stop(running: Running): void {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
}

/** Runs `program` to completion and returns its stdout and stderr as text (for ffprobe). */
export async function capture(program: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.on('data', (s: string) => {
    stderr = (stderr + s).slice(-STDERR_KEPT);
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * The frames of a raw video stream, `frameBytes` each, as they arrive on `stream`. Each frame is
 * a fresh buffer the caller may keep or change. A partial frame at the end is an error.
 */
export async function* rawFrames(stream: Readable, frameBytes: number): AsyncGenerator<Uint8Array> {
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(frameBytes - filled, chunk.length - at);
      frame.set(chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === frameBytes) {
        yield frame;
        frame = new Uint8Array(frameBytes);
        filled = 0;
      }
    }
  }
  if (filled !== 0) throw new VideoError('ffmpeg_failed', `decoding ended inside a frame (${filled} of ${frameBytes} bytes)`);
}

/**
 * Writes `bytes` to `stream`, waiting while its buffer is full (so a slow encoder slows the decoder,
 * not memory).
 *
 * @throws VideoError `ffmpeg_failed` when the stream has closed (the encoder stopped).
 */
export async function writeFrame(stream: Writable, bytes: Uint8Array): Promise<void> {
  if (stream.destroyed || stream.writableEnded) throw new VideoError('ffmpeg_failed', 'the encoder stopped taking frames');
  if (stream.write(bytes)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Closes `stream` and waits until it has flushed. */
export async function endStream(stream: Writable): Promise<void> {
  if (stream.writableEnded) return;
  stream.end();
  await Promise.race([once(stream, 'finish'), once(stream, 'close')]);
}
