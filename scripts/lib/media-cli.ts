/**
 * `n2k media upload`, `n2k media regions` and `n2k media cancel`: the data owner's side of photo and
 * video redaction.
 * A photo upload may carry the manual regions at once (`--regions FILE`, sent as the form's
 * `regions` part), so the photo is never stored without them; `regions` replaces a stored photo's
 * regions later. A video (any file that is not a PNG or JPEG) is redacted here, before anything is
 * sent (`video/redact-video.ts`), and uploaded with its renditions and manifest (`uploadVideo`).
 */
import { GatewayError, GatewaySession, signingKeyFromJwk, uploadVideo, type VideoUpload, type VideoUploadAbandoned } from '@need2know/client';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { VideoError } from './video/errors.js';
import { tinyFaceDetector } from './video/face-detector-node.js';
import { fileReader } from './video/file-reader.js';
import { redactVideo } from './video/redact-video.js';
import { parseVideoRegions } from './video/regions.js';
import { cancelledNote, cancelUploadById, openedNote } from './video/cancel-cli.js';
import { abandonedNote, UploadInterrupted, withStopSignals } from './video/upload-stop.js';

/** A data owner's client from the local credentials file. */
export interface OwnerClient {
  readonly client_id: string;
  readonly signing_jwk: JsonWebKey;
}

/** The body of `PUT /v1/ingest/media/regions` less its `ref`: what a regions file holds. */
export interface RegionsFile {
  readonly regions: readonly Record<string, unknown>[];
  readonly removed_faces: readonly Record<string, unknown>[];
}

/**
 * A regions file: `{ "regions": [{ "x", "y", "width", "height", "reason", "note"? }], "removed_faces": [{ "face", "reason", "note"? }] }`.
 * Only the shape is checked here; the gateway checks boxes, reasons and limits and answers with stable codes.
 *
 * @example parseRegionsFile('{"regions":[{"x":10,"y":400,"width":120,"height":30,"reason":"plate"}]}') // { regions: [...], removed_faces: [] }
 * @throws Error naming what is wrong with the file.
 */
export function parseRegionsFile(text: string): RegionsFile {
  const body = JSON.parse(text) as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('a regions file is a JSON object with "regions" (and optionally "removed_faces")');
  const { regions = [], removed_faces = [], ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new Error(`unknown keys in the regions file: ${Object.keys(rest).join(', ')}`);
  if (!Array.isArray(regions) || !Array.isArray(removed_faces)) throw new Error('"regions" and "removed_faces" must be lists');
  return { regions, removed_faces };
}

/** The media type of a file by its extension: `.png` or `.jpg`/`.jpeg`. */
export function mediaTypeOf(path: string): 'image/png' | 'image/jpeg' {
  const ext = extname(path).toLowerCase();
  if (ext === '.png') return 'image/png';
  if (ext === '.jpg' || ext === '.jpeg') return 'image/jpeg';
  throw new Error(`${path}: only .png, .jpg and .jpeg files are uploaded`);
}

/** Whether `path` is uploaded as a photo (`.png`, `.jpg`, `.jpeg`) or as a video (anything else: the video probe says what it takes). */
export function mediaKindOf(path: string): 'photo' | 'video' {
  return ['.png', '.jpg', '.jpeg'].includes(extname(path).toLowerCase()) ? 'photo' : 'video';
}

async function ingestSession(issuer: string, client: OwnerClient, recordType: string): Promise<GatewaySession> {
  return GatewaySession.open({
    issuer,
    clientId: client.client_id,
    signingKey: await signingKeyFromJwk(client.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: [recordType] }] },
  });
}

async function putRegions(session: GatewaySession, ref: string, file: RegionsFile): Promise<unknown> {
  const res = await session.fetch('/v1/ingest/media/regions', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ref, ...file }),
  });
  if (!res.ok) throw await GatewayError.from(res);
  return res.json();
}

/** What `media upload` is given. */
export interface UploadArgs {
  readonly recordType: string;
  readonly recordId: string;
  readonly ref: string;
  readonly file: string;
  readonly regions?: string | undefined;
  /** Video: the folder for the renditions and the manifest (default: a new temporary folder). */
  readonly out?: string | undefined;
  /** Video: redact and write the files, send nothing (to review the redaction first). */
  readonly dryRun?: boolean | undefined;
  /** Video: where progress lines go (default: stderr). */
  readonly progress?: ((line: string) => void) | undefined;
  /**
   * Video: while sending, SIGINT and SIGTERM stop the upload and cancel it (the command then fails
   * with {@link UploadInterrupted}) instead of ending the process at once. The CLI sets it.
   */
  readonly stopOnSignals?: boolean | undefined;
}

/**
 * `media upload` of a video: the clip is probed (refused with its reason before anything else),
 * every frame examined for faces, both renditions and the manifest written to `args.out`, and then
 * — unless `dryRun` — the original, the renditions and the manifest sent with `uploadVideo`. Every
 * file is streamed from disk a chunk at a time (memory stays bounded whatever the clip's size) and
 * checked as it goes against the manifest's length and SHA-256: a file changed since it was
 * redacted stops the upload before it is completed (`file_changed`). Audio never leaves: both
 * renditions drop it (voices identify people).
 *
 * An upload that stops once opened — a file changed, a step the gateway refused, or (with
 * `stopOnSignals`) SIGINT or SIGTERM — is cancelled, so the gateway deletes what was sent at once;
 * a progress line says so (or why it could not be, and when it expires instead).
 *
 * @throws Error `video refused (<code>): …` when the tool refuses the clip or the regions file, or a file changed while it was sent.
 * @throws UploadInterrupted when a signal stopped the upload (its message says whether it was cancelled).
 */
export async function uploadVideoFile(issuer: string, client: OwnerClient, args: UploadArgs): Promise<unknown> {
  const say = args.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const regionsText = args.regions === undefined ? undefined : readFileSync(args.regions, 'utf8');
  const outDir = args.out ?? mkdtempSync(join(tmpdir(), 'n2k-video-'));
  let last = '';
  // What became of an upload that stopped once opened (cancelled, or why not), for the error's message.
  let abandoned = '';
  try {
    const done = await redactVideo(args.file, {
      outDir,
      detector: await tinyFaceDetector(),
      regions: (clip) => (regionsText === undefined ? [] : parseVideoRegions(regionsText, clip)),
      onProgress: (pass, n, total) => {
        const line = `${pass === 'detect' ? 'finding faces' : 'making the renditions'}: ${Math.min(100, Math.floor((100 * n) / total))} %`;
        if (line !== last) say(line);
        last = line;
      },
    });
    const summary = {
      fail_safe: done.manifest.fail_safe,
      tracks: done.manifest.tracks.length,
      regions: done.manifest.regions.length,
      files: done.files,
    };
    if (args.dryRun === true) return { sent: false, ...summary };
    const session = await ingestSession(issuer, client, args.recordType);
    const upload: VideoUpload = {
      recordType: args.recordType,
      recordId: args.recordId,
      ref: args.ref,
      original: fileReader(args.file, done.original, 'the clip'),
      redacted:
        done.files.redacted === null || done.manifest.renditions.redacted === null
          ? null
          : fileReader(done.files.redacted, done.manifest.renditions.redacted, 'the redacted rendition'),
      blurred: fileReader(done.files.blurred, done.manifest.renditions.blurred, 'the blurred rendition'),
      manifest: done.manifest,
    };
    const onAbandoned = (a: VideoUploadAbandoned) => {
      abandoned = abandonedNote(a);
      say(abandoned);
    };
    const send = (signal?: AbortSignal) =>
      uploadVideo(session, upload, (sent, total) => say(`sending: ${Math.floor((100 * sent) / total)} %`), {
        ...(signal === undefined ? {} : { signal }),
        // The id first, so that the upload can be cancelled by hand (`n2k media cancel`) should this process be killed.
        onOpened: (opened) => say(openedNote(opened, client.client_id, args.recordType)),
        onAbandoned,
      });
    const stored = args.stopOnSignals === true ? await withStopSignals(send) : await send();
    return { sent: true, ...stored, ...summary };
  } catch (err) {
    const note = abandoned === '' ? '' : ` (${abandoned})`;
    if (err instanceof VideoError) throw new Error(`video refused (${err.code}): ${err.message}${note}`);
    if (err instanceof UploadInterrupted)
      throw new UploadInterrupted(err.signal, `interrupted by ${err.signal}: ${abandoned === '' ? 'nothing was sent' : abandoned}`);
    throw err;
  }
}

/** `media upload`: stores a photo for a record, with its regions when a regions file is given (one request: applied before it is stored); a video goes through {@link uploadVideoFile}. */
export async function uploadMedia(issuer: string, client: OwnerClient, args: UploadArgs): Promise<unknown> {
  if (mediaKindOf(args.file) === 'video') return uploadVideoFile(issuer, client, args);
  const regions = args.regions === undefined ? undefined : parseRegionsFile(readFileSync(args.regions, 'utf8'));
  const session = await ingestSession(issuer, client, args.recordType);
  const form = new FormData();
  form.set('record_type', args.recordType);
  form.set('record_id', args.recordId);
  form.set('ref', args.ref);
  form.set('original', new Blob([readFileSync(args.file)], { type: mediaTypeOf(args.file) }), 'original');
  if (regions !== undefined) form.set('regions', JSON.stringify(regions));
  const res = await session.fetch('/v1/ingest/media', { method: 'PUT', body: form });
  if (!res.ok) throw await GatewayError.from(res);
  return res.json();
}

/** `media regions`: replaces the manual regions of a stored photo (an empty file's lists restore the detector's redaction). */
export async function setMediaRegions(issuer: string, client: OwnerClient, args: { recordType: string; ref: string; regions: string }): Promise<unknown> {
  const file = parseRegionsFile(readFileSync(args.regions, 'utf8'));
  return putRegions(await ingestSession(issuer, client, args.recordType), args.ref, file);
}

/**
 * `media cancel <upload-id>`: cancels a video upload this client opened and did not complete (the
 * tool was killed before it could); returns the line saying what the gateway deleted.
 *
 * @throws CancelRefused (`video/cancel-cli.ts`) when the gateway refuses the token or the cancel.
 */
export async function cancelMediaUpload(issuer: string, client: OwnerClient, args: { recordType: string; uploadId: string }): Promise<string> {
  const cancelled = await cancelUploadById(() => ingestSession(issuer, client, args.recordType), client.client_id, args.uploadId);
  return cancelledNote(cancelled);
}
