/**
 * How a play's chunks travel, shared by the gateway that seals them and every player that opens
 * them (the partner SDK, the officer's viewer). A play starts with one logged disclosure whose sealed
 * payload carries the play's id and a fresh 256-bit key; each chunk then comes as
 * `iv (12 bytes) ‖ AES-256-GCM ciphertext and tag` under that key (NIST SP 800-38D), the additional
 * data binding it to its play and place, so chunks cannot be reordered, dropped from the end, or
 * moved between plays. WebCrypto does it on both sides.
 */

/** Bytes of the random IV in front of each sealed chunk (SP 800-38D §8.2: 96 bits). */
export const VIDEO_PLAY_IV_BYTES = 12;

/** The additional data of chunk `n` of `count` of play `playId`. */
export function videoChunkAad(playId: string, n: number, count: number): Uint8Array {
  return new TextEncoder().encode(`n2k-video-chunk:${playId}:${n}/${count}`);
}

/** Path of chunk `n` of play `playId` (relative to the gateway). */
export const videoChunkPath = (playId: string, n: number) => `/v1/media/videos/plays/${playId}/chunks/${n}`;

/** What a play's sealed payload holds under `video`. */
export interface VideoPlayPayload {
  readonly ref: string;
  readonly rendition: 'original' | 'redacted' | 'blurred';
  /** MIME type with codecs, for Media Source Extensions (the original's is `video/mp4`). */
  readonly mime: string;
  readonly width: number;
  readonly height: number;
  readonly duration_ms: number;
  readonly bytes: number;
  readonly chunks: number;
  readonly chunk_bytes: number;
  readonly play: { readonly id: string; readonly key: string; readonly expires_at: number };
}

/**
 * Opens one sealed chunk with the play's key (base64url, from the payload).
 *
 * @throws DOMException `OperationError` when the chunk is not chunk `n` of `count` of this play, or was altered.
 */
export async function openVideoChunk(key: string, playId: string, n: number, count: number, sealed: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const raw = Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const cryptoKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
  const iv = sealed.slice(0, VIDEO_PLAY_IV_BYTES);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv, additionalData: videoChunkAad(playId, n, count) as Uint8Array<ArrayBuffer> },
    cryptoKey,
    sealed.slice(VIDEO_PLAY_IV_BYTES),
  );
  return new Uint8Array(plain);
}
