/**
 * `n2k media upload` and `n2k media regions`: the data owner's side of photo redaction. An upload
 * may carry the manual regions at once (`--regions FILE`, sent as the form's `regions` part), so the
 * photo is never stored without them; `regions` replaces a stored photo's regions later.
 */
import { GatewayError, GatewaySession, signingKeyFromJwk } from '@need2know/client';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

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

/** `media upload`: stores a photo for a record, with its regions when a regions file is given (one request: applied before it is stored). */
export async function uploadMedia(
  issuer: string,
  client: OwnerClient,
  args: { recordType: string; recordId: string; ref: string; file: string; regions?: string | undefined },
): Promise<unknown> {
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
