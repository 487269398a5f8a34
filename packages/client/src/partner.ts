import { requestHash, requestTarget, sha256Base64url } from '@need2know/schema';
import { base64url, compactDecrypt, decodeJwt, importJWK, type JWK } from 'jose';
import { readCompactBody } from './compact-body.js';
import { DisclosureError, openDisclosure, type DisclosedMedia, type Disclosure, type MediaSize } from './disclosure.js';
import { GatewayError } from './errors.js';
import { signingKeyFromJwk } from './keys.js';
import { GatewaySession } from './session.js';
import { statedReasonHeaders, type StatedReason } from './stated-reason.js';

export interface PartnerOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly signingJwk: JWK;
  readonly encryptionJwk: JWK;
  /** The purpose to work under (one token per purpose). */
  readonly purpose: string;
  readonly fetch?: typeof fetch;
}

/** A photo as {@link PartnerClient.fetchMedia} returns it: the file itself, ready to display or store. */
export interface MediaItem {
  readonly ref: string;
  /** `original`, `redacted` or `blurred`, as the purpose's mode and the grant allow (see the gateway's `POST /v1/media`). */
  readonly rendition: DisclosedMedia['rendition'];
  readonly contentType: DisclosedMedia['content_type'];
  readonly bytes: Uint8Array;
  /** Only when the original was too large to deliver whole and its copy at the working size came instead: that copy's pixel size. */
  readonly scaled?: MediaSize;
}

/** Whether `v` is a picture size: two positive whole numbers of pixels. */
function isMediaSize(v: unknown): v is MediaSize {
  if (typeof v !== 'object' || v === null) return false;
  const { width, height } = v as Partial<MediaSize>;
  return Number.isSafeInteger(width) && Number.isSafeInteger(height) && (width as number) > 0 && (height as number) > 0;
}

/**
 * Reads the `media` member of an opened payload (a disclosure, or a viewer payload), checking its
 * shape and that the file has the size announced.
 *
 * @throws DisclosureError `ERR_DISCLOSURE_MALFORMED` when the payload carries no well-formed media.
 */
export function mediaItemOf(payload: unknown): MediaItem {
  const m = (typeof payload === 'object' && payload !== null ? (payload as { media?: unknown }).media : undefined) as Partial<DisclosedMedia> | undefined;
  const bytes = typeof m?.data === 'string' ? base64url.decode(m.data) : undefined;
  if (
    m === undefined ||
    bytes === undefined ||
    typeof m.ref !== 'string' ||
    (m.rendition !== 'original' && m.rendition !== 'redacted' && m.rendition !== 'blurred') ||
    (m.content_type !== 'image/png' && m.content_type !== 'image/jpeg') ||
    m.bytes !== bytes.length ||
    (m.scaled !== undefined && (m.rendition !== 'original' || !isMediaSize(m.scaled)))
  ) {
    throw new DisclosureError('ERR_DISCLOSURE_MALFORMED', 'the answer carries no well-formed media');
  }
  const scaled = m.scaled === undefined ? {} : { scaled: { width: m.scaled.width, height: m.scaled.height } };
  return { ref: m.ref, rendition: m.rendition, contentType: m.content_type, bytes, ...scaled };
}

/** A subject of a check: by national ID, by name and date of birth, or by record id. */
export type CheckSubject = { national_id: string } | { name_latin: string; date_of_birth: string } | { person_id: string };

/**
 * A partner agency's client: gets purpose-bound DPoP tokens, calls the record and check routes,
 * and opens every answer — decrypting it, verifying the gateway's signature, and checking that it
 * answers the request that was sent.
 *
 * @example
 * const partner = await PartnerClient.connect({ issuer, clientId, signingJwk, encryptionJwk, purpose: 'covid-contact-tracing' });
 * const { records } = await partner.search('person', 'phone', { phone: '012 345 678' });
 */
export class PartnerClient {
  readonly session: GatewaySession;
  readonly #options: PartnerOptions;
  readonly #stated: StatedReason;

  private constructor(options: PartnerOptions, session: GatewaySession, stated: StatedReason = {}) {
    this.#options = options;
    this.session = session;
    this.#stated = stated;
  }

  /**
   * The same client (same session and token), sending `stated` with each record request: the
   * reference and reason a purpose may require (`N2K-Reference`, `N2K-Reason`) and a `traceparent`.
   *
   * @example
   * const forCase = partner.withReason({ reference: 'PP-2026-0412', reason: 'bail review', traceparent });
   * const { records } = await forCase.fetchRecord('case', 'case-00000042');
   * @throws GatewayError 400 `reason_required` (from the calls) when the purpose requires them and they are missing, `reason_invalid` when malformed.
   */
  withReason(stated: StatedReason): PartnerClient {
    return new PartnerClient(this.#options, this.session, stated);
  }

  static async connect(options: PartnerOptions): Promise<PartnerClient> {
    const session = await GatewaySession.open({
      issuer: options.issuer,
      clientId: options.clientId,
      signingKey: await signingKeyFromJwk(options.signingJwk),
      request: { authorizationDetails: [{ type: 'record_access', purpose: options.purpose }] },
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    return new PartnerClient(options, session);
  }

  /** One record by id. */
  fetchRecord(type: string, id: string, options: { viewer?: boolean } = {}): Promise<Disclosure> {
    return this.#call('GET', `/v1/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}${options.viewer === true ? '?delivery=viewer' : ''}`);
  }

  /** Records matching a blind-indexed search (`national_id`, `phone`, `name_dob`…). */
  search(type: string, search: string, terms: Record<string, string>, limit = 10): Promise<Disclosure> {
    return this.#call('POST', `/v1/records/${encodeURIComponent(type)}/search`, { search, terms, limit });
  }

  /** A yes/no check about a person. */
  check(check: 'red_notice' | 'blacklist' | 'criterion', subject: CheckSubject, criterion?: number): Promise<Disclosure> {
    return this.#call('POST', `/v1/checks/${check}`, { subject, ...(criterion === undefined ? {} : { criterion }) });
  }

  /**
   * The photo behind a media reference of a disclosed record (`photo_ref`, `evidence[].media_ref`,
   * as the record gives it: bare, `#redacted` or `#blurred`): the rendition the purpose's mode allows
   * (`original`, `redacted` with faces hidden, or `blurred` whole). The
   * reference travels in the request body. With `viewer`, the answer is sealed under the grant's
   * viewer key and opened here with it.
   *
   * @example
   * const { records } = await partner.fetchRecord('case', 'case-00000042');
   * const photo = await partner.fetchMedia(records[0].evidence[0].media_ref);
   * // { ref, rendition: 'redacted', contentType: 'image/jpeg', bytes: Uint8Array(…) }
   * // An original larger than an answer carries comes as its copy at the working size:
   * // { ref, rendition: 'original', contentType: 'image/jpeg', bytes, scaled: { width: 2000, height: 1500 } }
   * @throws GatewayError 409 `media_too_large` when the original is too large to deliver and no such copy is stored.
   * @throws GatewayError 404 `not_found` when the reference is unknown or not releasable under this grant (the two look alike).
   */
  async fetchMedia(ref: string, options: { viewer?: boolean } = {}): Promise<MediaItem & { readonly disclosure: Disclosure; readonly viewId?: string }> {
    const disclosure = await this.#call('POST', `/v1/media${options.viewer === true ? '?delivery=viewer' : ''}`, { ref });
    if (options.viewer !== true) return { ...mediaItemOf(disclosure), disclosure };
    const { viewId, payload } = await this.openViewerPayload(disclosure);
    return { ...mediaItemOf(payload), disclosure, viewId };
  }

  /**
   * Opens a viewer-bound disclosure: asks `POST /v1/views` for the grant's viewer key, which the
   * gateway releases only as a logged view of this delivery, while the key exists. Mark what you show
   * with `viewId`: it traces a leaked copy back to this view.
   *
   * @throws GatewayError 410 `key_destroyed` once the window or data life is over.
   */
  async openViewerPayload(disclosure: Disclosure): Promise<{ readonly viewId: string; readonly payload: unknown }> {
    if (disclosure.sealed_payload === undefined || disclosure.viewer_key === undefined || disclosure.jti === undefined)
      throw new TypeError('not a viewer delivery');
    const res = await this.session.fetch('/v1/views', {
      method: 'POST',
      body: JSON.stringify({ epoch: disclosure.viewer_key.epoch, disclosure_id: disclosure.jti }),
      headers: { 'content-type': 'application/json' },
    });
    if (!res.ok) throw await GatewayError.from(res);
    const { key, view_id: viewId } = (await res.json()) as { key: string; view_id: string };
    const jwk = JSON.parse(new TextDecoder().decode((await compactDecrypt(key, await importJWK(this.#options.encryptionJwk, 'ECDH-ES'))).plaintext)) as JWK;
    const { plaintext } = await compactDecrypt(disclosure.sealed_payload, await importJWK(jwk, 'A256GCM'));
    return { viewId, payload: JSON.parse(new TextDecoder().decode(plaintext)) as unknown };
  }

  async #call(method: string, path: string, body?: unknown): Promise<Disclosure> {
    const text = body === undefined ? '' : JSON.stringify(body);
    let proofJti = '';
    const res = await this.session.fetch(path, {
      method,
      ...(body === undefined ? {} : { body: text }),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...statedReasonHeaders(this.#stated) },
      onProof: (proof: string) => {
        proofJti = String(decodeJwt(proof).jti);
      },
    });
    if (!res.ok) throw await GatewayError.from(res);
    const expected = await requestHash({
      method,
      target: requestTarget(new URL(path, this.#options.issuer)),
      bodyHash: await sha256Base64url(text),
      dpopJti: proofJti,
    });
    return openDisclosure(await readCompactBody(res), {
      decryptionKey: this.#options.encryptionJwk,
      issuer: this.#options.issuer,
      audience: this.#options.clientId,
      requestHash: expected,
      ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
    });
  }
}
