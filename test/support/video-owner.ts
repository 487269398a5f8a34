/**
 * A data owner for tests of `n2k media upload` against a local gateway: its own agency and client,
 * registered through the admin API (two privacy officers), and a case naming the given references as
 * videos of a restrained suspect. The tests then upload with the owner's credentials as the tool does.
 */
import { appendFileSync, mkdtempSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contentDigest, GatewaySession, generateClientKeys, publicJwkOf, signingKeyFromJwk, type VideoUploadCancelled } from '@need2know/client';
import { expect } from 'vitest';
import type { OwnerClient, UploadArgs } from '../../scripts/lib/media-cli.js';
import { makeSyntheticClip } from '../../scripts/lib/video/test-clip.js';
import type { LocalGateway } from './local-gateway.js';

/** Bytes of padding written at a time by `paddedClip`. */
const PAD_BLOCK = 1024 * 1024;

/** What the owner and its case are called. */
export interface VideoOwnerScene {
  /** The agency and client id (one of each). */
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  /** References the case names as videos. */
  readonly refs: readonly string[];
}

/**
 * Registers a data owner that may ingest cases, and stores its case naming `scene.refs` as videos;
 * returns the owner's credentials as the upload tool reads them.
 *
 * @example const owner = await videoOwnerOn(local, { id: 'police-x', caseId: 'case-x', caseNumber: '12-2026-0000500', refs: ['media:x'] });
 */
export async function videoOwnerOn(local: LocalGateway, scene: VideoOwnerScene): Promise<OwnerClient> {
  const [po] = local.officers;
  if (po === undefined) throw new Error('no privacy officer');
  await po.post('/agencies', { id: scene.id, name: `Police (${scene.id})` });
  const keys = await generateClientKeys();
  await local.registerClient({
    id: scene.id,
    kind: 'data_owner',
    agency_id: scene.id,
    name: 'Body-camera footage (test)',
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: ['case'],
  });
  const owner: OwnerClient = { client_id: scene.id, signing_jwk: keys.private.signing };
  const session = await ownerSession(local, owner);
  await session.json('/v1/ingest/case', {
    body: {
      id: scene.caseId,
      case_number: scene.caseNumber,
      criterion: 2,
      offence: 'Arrest at a checkpoint (synthetic)',
      occurred_on: '2026-10-02',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      evidence: scene.refs.map((media_ref) => ({
        media_ref,
        kind: 'video',
        shows_minor: false,
        shows_restrained: true,
        shows_victim: false,
        shows_witness: false,
      })),
      sensitivity: 'normal',
    },
  });
  return owner;
}

/** A session of `owner`'s client with a token to ingest cases, as the upload tool opens one. */
export async function ownerSession(local: LocalGateway, owner: OwnerClient): Promise<GatewaySession> {
  return GatewaySession.open({
    issuer: local.gateway.url,
    clientId: owner.client_id,
    signingKey: await signingKeyFromJwk(owner.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
}

/**
 * Writes the one-second synthetic clip to `path`, padded with a `free` box (ISO/IEC 14496-12
 * §8.1.2: a box MP4 readers skip) to `bytes` in all: a file of many of the gateway's chunks that
 * redacts as fast as a one-second clip. The padding is written a mebibyte at a time, so making the
 * clip does not itself hold it (the streaming test measures the tool's memory).
 */
export async function paddedClip(path: string, bytes: number): Promise<void> {
  await makeSyntheticClip(path, { seconds: 1, fps: 8 });
  const pad = bytes - statSync(path).size;
  const header = Buffer.alloc(8);
  header.writeUInt32BE(pad, 0);
  header.write('free', 4, 'latin1');
  appendFileSync(path, header);
  const block = Buffer.alloc(PAD_BLOCK, 0x5a);
  for (let left = pad - 8; left > 0; left -= block.length) appendFileSync(path, left >= block.length ? block : block.subarray(0, left));
}

/**
 * The arguments of `n2k media upload` for the case `recordId`, each upload writing its renditions
 * into a fresh folder under `dir()` (read when called: the folder is made in `beforeAll`).
 */
export const uploadArgsIn =
  (dir: () => string, recordId: string) =>
  (file: string, ref: string, progress: UploadArgs['progress'] = () => {}): UploadArgs => ({
    recordType: 'case',
    recordId,
    ref,
    file,
    out: mkdtempSync(join(dir(), 'out-')),
    progress,
  });

/**
 * Checks, as the owner's client in `session`, that upload `id` is cancelled with `chunks` chunks
 * dropped: cancelling it again answers the same counts, and a chunk sent to it is refused
 * `upload_cancelled`.
 */
export async function expectUploadCancelled(session: GatewaySession, id: string, chunks: number): Promise<void> {
  const again = await session.fetch(`/v1/ingest/media/videos/${id}`, { method: 'DELETE' });
  expect(again.status).toBe(200);
  expect((await again.json()) as VideoUploadCancelled).toMatchObject({ upload_id: id, chunks });
  const bytes = new Uint8Array(16);
  const late = await session.fetch(`/v1/ingest/media/videos/${id}/original/0`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-digest': await contentDigest(bytes) },
    body: bytes,
  });
  expect(late.status).toBe(410);
  expect(((await late.json()) as { code: string }).code).toBe('upload_cancelled');
}
