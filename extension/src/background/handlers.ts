import { GatewayError, dpopProof, type StatedReason } from '@need2know/client';
import { GATEWAY_URL } from '../lib/config.js';
import { loadOfficer, newOfficerKeys, saveOfficer, type OfficerKeys } from '../lib/keystore.js';
import type { HeldPayload, OfficerProfile, Replies, Request } from '../lib/messages.js';
import { receivedPhoto } from '../lib/received-photo.js';
import { callSealed, forgetSessions, openWithViewerKey, unsealToOfficer, withSession } from './gateway.js';
import { videoHandlers } from './video.js';

/** A refusal the pages can show; `code` is stable. */
export class ViewerError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  constructor(code: string, message: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function officerKeys(): Promise<OfficerKeys> {
  const keys = await loadOfficer();
  if (keys === null) throw new ViewerError('not_enrolled', 'This viewer is not enrolled yet.');
  return keys;
}

async function enrol(code: string): Promise<OfficerProfile> {
  const fresh = await newOfficerKeys();
  const url = `${GATEWAY_URL}/v1/enrol`;
  // The proof is signed with the new signing key: the gateway registers the key it was made with.
  const proof = await dpopProof({ privateKey: fresh.signing.privateKey, publicJwk: fresh.signingJwk, alg: 'ES256' }, 'POST', url);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', dpop: proof },
    body: JSON.stringify({ code, encryption_jwk: fresh.encryptionJwk }),
  });
  if (!res.ok) throw await GatewayError.from(res);
  const body = (await res.json()) as {
    officer_id: string;
    name: string;
    agency_id: string;
    agency_name: string;
    agency_name_km: string | null;
    issuer: string;
  };
  const profile: OfficerProfile = {
    officer_id: body.officer_id,
    name: body.name,
    agency_id: body.agency_id,
    agency_name: body.agency_name,
    agency_name_km: body.agency_name_km,
    issuer: body.issuer,
  };
  await saveOfficer({ profile, ...fresh });
  forgetSessions();
  return profile;
}

function held(d: Awaited<ReturnType<typeof callSealed>>): HeldPayload {
  const { disclosure } = d;
  if (disclosure.sealed_payload === undefined || disclosure.viewer_key === undefined)
    throw new ViewerError('not_viewer_delivery', 'The gateway did not seal this for the viewer.');
  return {
    disclosure_id: d.id,
    record_type: disclosure.record_type,
    epoch: disclosure.viewer_key.epoch,
    destroy_at: disclosure.viewer_key.destroy_at,
    window_ends: disclosure.window_ends,
    sealed_payload: disclosure.sealed_payload,
    disclosure: disclosure.disclosure,
  };
}

/**
 * Opens a held, viewer-sealed delivery: the gateway logs the view and releases the viewer key (sealed
 * to this officer) only while it exists; the key opens the payload.
 */
async function openHeld<T>(keys: OfficerKeys, under: { purpose: string; grant: string }, disclosureId: string, epoch: number, sealedPayload: string) {
  const t0 = performance.now();
  const opened = await withSession(keys, under, (s) =>
    s.json<{ view_id: string; at: number; destroy_at: number; key: string }>('/v1/views', { body: { epoch, disclosure_id: disclosureId } }),
  );
  const t1 = performance.now();
  const jwk = await unsealToOfficer<{ k: string }>(keys, opened.key);
  const payload = await openWithViewerKey<T>(sealedPayload, jwk.k);
  return { opened, payload, timing: { gateway_ms: t1 - t0, decrypt_ms: performance.now() - t1 } };
}

type Handlers = { [K in Request['type']]: (req: Extract<Request, { type: K }>) => Promise<Replies[K]> };

/** One handler per message type; each takes a parsed request. */
export const handlers: Handlers = {
  status: async () => {
    const keys = await loadOfficer();
    return keys === null ? { enrolled: false } : { enrolled: true, officer: keys.profile };
  },
  enrol: (req) => enrol(req.code),
  grants: async () => {
    const keys = await officerKeys();
    const body = await withSession(keys, 'officer', (s) => s.json<Omit<Replies['grants'], 'officer'>>('/v1/officer/grants'));
    return { ...body, officer: keys.profile };
  },
  session: async (req) => {
    const body = await withSession(await officerKeys(), req, (s) =>
      s.json<{ actions: string[]; disclosure: Record<string, Record<string, string>>; copyable?: Record<string, string[]> }>('/v1/session'),
    );
    return { actions: body.actions, disclosure: body.disclosure, copyable: body.copyable ?? {} };
  },
  fetch: async (req) =>
    held(
      await callSealed(await officerKeys(), req, 'GET', `/v1/records/${req.record_type}/${encodeURIComponent(req.id)}?delivery=viewer`, undefined, req.stated),
    ),
  search: async (req) =>
    held(
      await callSealed(
        await officerKeys(),
        req,
        'POST',
        `/v1/records/${req.record_type}/search?delivery=viewer`,
        {
          search: req.search,
          terms: req.terms,
          limit: 20,
        },
        req.stated,
      ),
    ),
  open: async (req) => {
    const { opened, payload, timing } = await openHeld<{ records?: Record<string, unknown>[] }>(
      await officerKeys(),
      req,
      req.disclosure_id,
      req.epoch,
      req.sealed_payload,
    );
    return { view_id: opened.view_id, at: opened.at, destroy_at: opened.destroy_at, records: payload.records ?? [], timing };
  },
  report: async (req) => withSession(await officerKeys(), req, (s) => s.json('/v1/viewer-events', { body: { view_id: req.view_id, counts: req.counts } })),
  hidden: async (req) => withSession(await officerKeys(), req, (s) => s.json('/v1/viewer-events', { body: { view_id: req.view_id, event: 'hidden' } })),
  return: async (req) =>
    withSession(await officerKeys(), req, (s) =>
      s.json('/v1/viewer-events', { body: { view_id: req.view_id, event: 'return', disclosure_id: req.disclosure_id } }),
    ),
  copy: async (req) =>
    withSession(await officerKeys(), req, (s) => s.json('/v1/viewer-events', { body: { view_id: req.view_id, event: 'copy', field: req.field } })),
  reveal: async (req) => {
    // The gateway logs the reveal with its reason, and only then answers with the original, sealed to this viewer.
    const keys = await officerKeys();
    const logged = await withSession(keys, req, (s) =>
      s.json<{ reveal_id: string; log_index: number; media: string }>('/v1/reveals', {
        body: { view_id: req.view_id, media_ref: req.media_ref, reason: req.reason },
      }),
    );
    const photo = receivedPhoto(await unsealToOfficer<unknown>(keys, logged.media), req.media_ref);
    if (photo === null || photo.rendition !== 'original') throw new ViewerError('not_media', 'The gateway did not send a picture.');
    // `scaled`: the original was too large to send whole, and its copy at the working size came (the page says so).
    return { reveal_id: logged.reveal_id, log_index: logged.log_index, data_url: photo.data_url, scaled: photo.scaled };
  },
  media: async (req) => {
    const keys = await officerKeys();
    const h = held(await callSealed(keys, req, 'POST', '/v1/media?delivery=viewer', { ref: req.ref }, req.stated));
    const { payload } = await openHeld<{ media?: unknown }>(keys, req, h.disclosure_id, h.epoch, h.sealed_payload);
    const photo = receivedPhoto(payload.media, req.ref);
    if (photo === null) throw new ViewerError('not_media', 'The gateway did not send a picture.');
    return { data_url: photo.data_url, blurred: photo.rendition === 'blurred', redacted: photo.rendition === 'redacted', scaled: photo.scaled };
  },
  // A play is a sealed delivery opened through a logged view, like a record; its chunks follow (`background/video.ts`).
  ...videoHandlers({
    officerKeys,
    openViewerDelivery: async <T>(
      keys: OfficerKeys,
      req: { grant: string; purpose: string; stated?: StatedReason | undefined },
      path: string,
      body: unknown,
    ) => {
      const h = held(await callSealed(keys, req, 'POST', path, body, req.stated));
      const { opened, payload } = await openHeld<T>(keys, req, h.disclosure_id, h.epoch, h.sealed_payload);
      return { payload, view_id: opened.view_id, destroy_at: opened.destroy_at, window_ends: h.window_ends };
    },
    fail: (code, message) => new ViewerError(code, message),
  }),
};
