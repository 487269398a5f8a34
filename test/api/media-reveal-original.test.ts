/**
 * Finding: "A protected photo's original reaches the page before the officer reveals it". Under a
 * grant that releases originals, the officer's media answer carried the original and the viewer
 * blurred it itself, so the reveal was enforced only by the page. Now an officer's media answers
 * carry the blurred rendition of a protected photo, and the original leaves the gateway only in the
 * answer to a reveal, after the reason is on the log.
 *
 * Finding: a revealed original larger than an answer carries went out as its copy at the working
 * size, but the reveal's log entry did not say so. Now the reveal's sealed answer gives the copy's
 * size (`scaled`) and its log entry names the rendition that left (`rendition: 'scaled'`), as a
 * partner's media disclosure does.
 */
import { compactDecrypt, importJWK, base64url } from 'jose';
import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { openViewerPayload } from '../../gateway/src/services/delivery/viewer-seal.js';
import { sameBytes } from '@need2know/png/testing';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { MAX_DELIVERED_MEDIA_BYTES } from '../../gateway/src/services/media/limits.js';
import { call, open } from './disclosure-harness.js';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, type TestClient } from './harness.js';
import { caseWith, MEDIA_RULES, mediaOwner, photo, portraitPng, uniq } from './media-harness.js';

type Gateway = ReturnType<typeof testGateway>;
type MediaPayload = { media: { ref: string; rendition: string; content_type: string; data: string } };
const PNG = 'image/png';
const JPEG = 'image/jpeg';
const SLOW = 300_000;
const REASON = 'to identify the victim for the protection referral';

async function unseal<T>(client: TestClient, jwe: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode((await compactDecrypt(jwe, await importJWK(client.encryptionPrivateJwk, 'ECDH-ES'))).plaintext)) as T;
}

/** A 1280 × 960 JPEG of noise at the highest quality: ≈ 5 MB, over what an answer carries. */
function largeJpeg(): Uint8Array {
  const noise = new Uint8Array(1280 * 960 * 4);
  let s = 1;
  for (let i = 0; i < noise.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    noise[i] = s >>> 24;
  }
  return new Uint8Array(encode({ width: 1280, height: 960, data: noise }, 100).data);
}

/**
 * A case with a flagged (victim) and an unflagged photo, uploaded (with `large`, the flagged photo is
 * that JPEG instead); an officer under a grant two leadership officers approved for originals.
 */
async function scene(gateway: Gateway, large?: Uint8Array) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const refs = { flagged: `media/case/${caseId}/1.${large === undefined ? 'png' : 'jpg'}`, plain: `media/case/${caseId}/2.png` };
  await owner.seed('case', [caseWith(caseId, [photo(refs.flagged, { shows_victim: true }), photo(refs.plain)])]);
  const originals: Record<string, Uint8Array> = {};
  for (const [i, ref] of Object.values(refs).entries()) {
    const given = i === 0 ? large : undefined;
    originals[ref] = given ?? (await portraitPng(i + 1));
    const original = { bytes: originals[ref] as Uint8Array, type: given === undefined ? PNG : JPEG };
    const res = await owner.upload({ record_type: 'case', record_id: caseId, ref, original });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  }

  const agencyId = await createAgency();
  const officer = await createClient('officer', agencyId);
  const purpose = await createPurpose([agencyId], { rules: MEDIA_RULES, allowUnblurredMedia: true });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, { mediaUnblurred: true });
  const leadership = await createAgency();
  for (let i = 0; i < 2; i++) {
    const lead = await adminSession(gateway, await createClient('privacy_officer', leadership, { roles: ['leadership'] }));
    expect((await lead('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' })).status).toBe(200);
  }
  const admin = await adminSession(gateway, await createClient('privacy_officer', leadership));
  const token = await accessTokenFor(gateway, officer, { type: 'record_access', purpose: purpose.id });

  /** What the viewer does: fetch for the viewer, then open the delivery through a logged view. */
  const openInViewer = async <T>(method: string, path: string, body?: unknown) => {
    const fetched = await call(gateway, officer, token, method, path, body);
    const d = await open(gateway, officer, fetched);
    const view = await call(gateway, officer, token, 'POST', '/v1/views', {
      epoch: d.viewer_key?.epoch,
      disclosure_id: fetched.response.headers.get('n2k-disclosure-id'),
    });
    expect(view.status).toBe(201);
    const opened = JSON.parse(view.body) as { view_id: string; key: string };
    const { k } = await unseal<{ k: string }>(officer, opened.key);
    return { viewId: opened.view_id, payload: (await openViewerPayload(d.sealed_payload as string, k)) as T };
  };
  return { caseId, refs, originals, officer, token, admin, openInViewer, purposeId: purpose.id };
}

const reveals = (viewId: string) =>
  gatewayEnv.DB.prepare('SELECT count(*) AS n FROM viewer_reveals WHERE view_id = ?')
    .bind(viewId)
    .first<{ n: number }>()
    .then((r) => r?.n ?? 0);

describe('a protected photo’s original leaves only after the logged reveal', () => {
  it('the officer’s view of a protected photo holds its protected rendition, not the original', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const record = await s.openInViewer<{ records: { evidence: { media_ref: string }[] }[] }>('GET', `/v1/records/case/${s.caseId}?delivery=viewer`);
    // The record names the photo (the grant may reveal it), but the photo's answer is protected (redacted, or blurred where no face was found).
    expect(record.payload.records[0]?.evidence.map((e) => e.media_ref)).toEqual([s.refs.flagged, s.refs.plain]);
    const flagged = await s.openInViewer<MediaPayload>('POST', '/v1/media?delivery=viewer', { ref: s.refs.flagged });
    const shielded = (await selectMedia(gatewayEnv.DB, s.refs.flagged))?.protectedRendition;
    expect(flagged.payload.media).toMatchObject({ ref: s.refs.flagged, rendition: shielded });
    expect(sameBytes(base64url.decode(flagged.payload.media.data), s.originals[s.refs.flagged] as Uint8Array)).toBe(false);
    // Asked as a partner would, it is the same: an officer gets no original in a media answer.
    const direct = await open(gateway, s.officer, await call(gateway, s.officer, s.token, 'POST', '/v1/media', { ref: s.refs.flagged }));
    expect((direct.media as MediaPayload['media']).rendition).toBe(shielded);
    // An unflagged photo is not protected: its original comes as before.
    const plain = await s.openInViewer<MediaPayload>('POST', '/v1/media?delivery=viewer', { ref: s.refs.plain });
    expect(plain.payload.media.rendition).toBe('original');
  });

  it('the reveal returns the original only with a reason, after logging it, and only for a photo of the viewed record', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const { viewId } = await s.openInViewer('GET', `/v1/records/case/${s.caseId}?delivery=viewer`);
    const reveal = (body: Record<string, unknown>) =>
      call(gateway, s.officer, s.token, 'POST', '/v1/reveals', { view_id: viewId, media_ref: s.refs.flagged, ...body });

    for (const bad of [{ reason: undefined }, { reason: '' }, { reason: 'short' }]) {
      const res = await reveal(bad);
      expect(res.status).toBe(400);
      expect(res.body).not.toContain('"media"');
    }
    // A photo the viewed record does not name is not revealed, and nothing is logged for it.
    expect((await reveal({ media_ref: 'media/case/other/1.png', reason: REASON })).status).toBe(404);
    expect(await reveals(viewId)).toBe(0);

    const res = await reveal({ reason: REASON });
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body) as { reveal_id: string; log_index: number; media: string };
    const original = await unseal<MediaPayload['media']>(s.officer, body.media);
    expect(original).toMatchObject({ ref: s.refs.flagged, rendition: 'original', content_type: PNG });
    expect(sameBytes(base64url.decode(original.data), s.originals[s.refs.flagged] as Uint8Array)).toBe(true);
    expect(original).not.toHaveProperty('scaled');

    // The reveal is on the tamper-evident log, and its reason on the view's trace.
    const proof = (await (await s.admin('GET', `/v1/audit/proofs/inclusion?index=${body.log_index}&size=${body.log_index + 1}`)).json()) as {
      entry: Record<string, unknown>;
    };
    expect(proof.entry).toMatchObject({ kind: 'viewer', event: 'reveal', view: viewId, officer: s.officer.id });
    expect(proof.entry).not.toHaveProperty('rendition');
    const trace = (await (await s.admin('GET', `/views/${viewId}`)).json()) as { reveals: { reason: string }[] };
    expect(trace.reveals).toEqual([expect.objectContaining({ reason: REASON })]);
  });

  it(
    'a revealed original too large to hand over whole goes out as its copy at the working size, and the reveal’s log entry says scaled',
    async () => {
      const gateway = testGateway();
      const large = largeJpeg();
      expect(large.length).toBeGreaterThan(MAX_DELIVERED_MEDIA_BYTES);
      const s = await scene(gateway, large);
      const { viewId } = await s.openInViewer('GET', `/v1/records/case/${s.caseId}?delivery=viewer`);
      const res = await call(gateway, s.officer, s.token, 'POST', '/v1/reveals', { view_id: viewId, media_ref: s.refs.flagged, reason: REASON });
      expect(res.status).toBe(201);
      const body = JSON.parse(res.body) as { log_index: number; media: string };
      const copy = await unseal<MediaPayload['media'] & { bytes: number }>(s.officer, body.media);
      expect(copy).toMatchObject({ ref: s.refs.flagged, rendition: 'original', content_type: JPEG, scaled: { width: 1280, height: 960 } });
      const delivered = base64url.decode(copy.data);
      expect(copy.bytes).toBe(delivered.length);
      expect(delivered.length).toBeLessThanOrEqual(MAX_DELIVERED_MEDIA_BYTES);
      expect(sameBytes(delivered, large)).toBe(false);

      // The log names what left, as a partner's media disclosure does (`scaled`).
      const proof = (await (await s.admin('GET', `/v1/audit/proofs/inclusion?index=${body.log_index}&size=${body.log_index + 1}`)).json()) as {
        entry: Record<string, unknown>;
      };
      expect(proof.entry).toMatchObject({ kind: 'viewer', event: 'reveal', view: viewId, officer: s.officer.id, rendition: 'scaled' });
      expect(await reveals(viewId)).toBe(1);
    },
    SLOW,
  );

  it('a reveal is decided on what the purpose allows now: once fetch is taken away, the original stays in', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const { viewId } = await s.openInViewer('GET', `/v1/records/case/${s.caseId}?delivery=viewer`);
    // A privacy officer narrows the purpose to search only; the officer's token was issued before.
    await gatewayEnv.DB.prepare(`UPDATE purposes SET actions = '["search"]' WHERE id = ?`).bind(s.purposeId).run();
    const res = await call(gateway, s.officer, s.token, 'POST', '/v1/reveals', { view_id: viewId, media_ref: s.refs.flagged, reason: REASON });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('"media"');
    expect(await reveals(viewId)).toBe(0);
  });
});
