/**
 * A data owner for tests of `n2k media upload` against a local gateway: its own agency and client,
 * registered through the admin API (two privacy officers), and a case naming the given references as
 * videos of a restrained suspect. The tests then upload with the owner's credentials as the tool does.
 */
import { GatewaySession, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import type { OwnerClient } from '../../scripts/lib/media-cli.js';
import type { LocalGateway } from './local-gateway.js';

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
  const session = await GatewaySession.open({
    issuer: local.gateway.url,
    clientId: owner.client_id,
    signingKey: await signingKeyFromJwk(owner.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
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
