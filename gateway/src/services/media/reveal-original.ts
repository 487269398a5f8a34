/**
 * The original of a protected photo for an officer's reveal. The viewer shows protected photos from
 * their blurred rendition; the original is found here only for a photo of the record the officer's
 * view shows, and is handed back sealed to the officer's encryption key only after the route has put the
 * reveal, with its reason, on the log.
 */
import { base64url, CompactEncrypt, importJWK, type JWK } from 'jose';
import { subjectHashes } from '../access/subjects.js';
import { keyRing } from '../keys/key-ring.js';
import type { Stores, ViewerView } from '../../store/ports/index.js';
import { findRevealableOriginal, type MediaReadStores, type MediaRequester, type ReleasableMedia } from './disclose-media.js';
import { keysOf, type MediaSettings } from './settings.js';

/** What a revealed original carries, once opened by the officer's viewer. */
export interface RevealedMedia {
  readonly ref: string;
  readonly rendition: 'original';
  readonly content_type: string;
  readonly bytes: number;
  /** The file, base64url. */
  readonly data: string;
  /** Only when the original is larger than an answer carries and its copy at the working size went out instead: that copy's pixel size. */
  readonly scaled?: { readonly width: number; readonly height: number };
}

/** What a reveal of `media` hands over, for its log entry: the original whole, or its copy at the working size (`scaled`). */
export function revealedRendition(media: ReleasableMedia): 'original' | 'scaled' {
  return media.scaled === null ? 'original' : 'scaled';
}

/** What finding an original to reveal reads: the media store, the record, the key state, and the disclosure index (who the viewed delivery was about). */
export type MediaRevealStores = MediaReadStores & Pick<Stores, 'oversight'>;

/** Whether every person the photo is about is among those the viewed delivery was about. */
async function sameRecordAsView(stores: MediaRevealStores, settings: MediaSettings, view: ViewerView, media: ReleasableMedia): Promise<boolean> {
  if (media.row.recordType !== view.recordType) return false;
  const subjects = subjectHashes(await keyRing(keysOf(stores, settings)), media.subjectIds);
  return (await stores.oversight.subjectsInDisclosure(view.disclosureId, subjects)) === subjects.length;
}

/**
 * The original behind `ref` that `who` (an officer) may reveal in `view`, or null: the grant does not
 * release originals by reveal, the photo is outside the grant, or it is not of the record the view
 * shows. Nothing of it has left when this returns.
 */
export async function originalToReveal(
  stores: MediaRevealStores,
  settings: MediaSettings,
  who: MediaRequester,
  view: ViewerView,
  ref: string,
  now: number,
): Promise<ReleasableMedia | null> {
  const found = await findRevealableOriginal(stores, settings, who, ref, now);
  if (found === null || !(await sameRecordAsView(stores, settings, view, found))) return null;
  return found;
}

/**
 * A revealed original sealed to the officer's registered encryption key (compact JWE, ECDH-ES +
 * A256GCM): only the viewer that holds the private key opens it. Call only once the reveal is logged.
 */
export async function sealRevealedTo(recipient: JWK, ref: string, media: ReleasableMedia): Promise<string> {
  const payload: RevealedMedia = {
    ref,
    rendition: 'original',
    content_type: media.contentType,
    bytes: media.bytes.length,
    data: base64url.encode(media.bytes),
    ...(media.scaled === null ? {} : { scaled: { width: media.scaled.width, height: media.scaled.height } }),
  };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'json', ...(recipient.kid === undefined ? {} : { kid: recipient.kid }) })
    .encrypt(await importJWK(recipient, 'ECDH-ES'));
}
