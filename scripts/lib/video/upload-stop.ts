/**
 * When `n2k media upload` stops sending a video: on Ctrl-C or a stop request (SIGINT, SIGTERM) it
 * stops after the chunk in flight and cancels the upload, so that the gateway deletes what was sent
 * at once instead of keeping it sealed until the upload expires; and it says what became of it.
 */
import { constants } from 'node:os';
import { GatewayError, type VideoUploadAbandoned } from '@need2know/client';

/** The signals that stop an upload (Ctrl-C, and the polite stop of a service manager or `kill`). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * The upload was stopped by `signal`. `exitCode` is what a shell reports for a process ended by it
 * (128 + its number: 130 for SIGINT, 143 for SIGTERM), so scripts see an interrupted upload as one.
 */
export class UploadInterrupted extends Error {
  readonly signal: StopSignal;
  readonly exitCode: number;

  constructor(signal: StopSignal, message = `interrupted by ${signal}`) {
    super(message);
    this.name = 'UploadInterrupted';
    this.signal = signal;
    this.exitCode = 128 + constants.signals[signal];
  }
}

/**
 * Runs `work` with SIGINT and SIGTERM turned into an abort of the signal it is given (its reason an
 * {@link UploadInterrupted}), instead of ending the process at once. Each is caught once: a second
 * one while the upload is being cancelled ends the process as usual. The handlers are removed when
 * `work` settles.
 *
 * @example await withStopSignals((signal) => uploadVideo(session, upload, onProgress, { signal }))
 */
export async function withStopSignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInt = () => controller.abort(new UploadInterrupted('SIGINT'));
  const onTerm = () => controller.abort(new UploadInterrupted('SIGTERM'));
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

/**
 * One line saying what became of an upload that stopped before it was completed.
 *
 * @example abandonedNote({ uploadId: 'ab12…', cancelled: { chunks: 3, bytes: 1310720, … } }) // 'the upload ab12… was cancelled: 3 chunks (1310720 bytes) deleted by the gateway'
 */
export function abandonedNote(abandoned: VideoUploadAbandoned): string {
  const upload = `the upload ${abandoned.uploadId}`;
  if (abandoned.cancelled !== null)
    return `${upload} was cancelled: ${abandoned.cancelled.chunks} chunks (${abandoned.cancelled.bytes} bytes) deleted by the gateway`;
  const error = abandoned.error;
  // The completion reached the gateway before the stop: nothing is left to cancel.
  if (error instanceof GatewayError && error.code === 'upload_complete') return `${upload} was completed before it stopped: the video is stored`;
  const why = error instanceof GatewayError ? `${error.status} ${error.code}` : error instanceof Error ? error.message : String(error);
  return `${upload} could not be cancelled (${why}); the gateway deletes it when it expires, at ${new Date(abandoned.expiresAt * 1000).toISOString()}`;
}
