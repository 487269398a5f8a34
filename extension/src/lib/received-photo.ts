import { mediaItemOf, type MediaSize } from '@need2know/client';

/**
 * A photo the gateway sent (a record's photo in a viewer delivery, or an original after a logged
 * reveal), as the viewer's pages show it.
 */
export interface ReceivedPhoto {
  /** The file as a data URL, for the page's `<img>`. */
  readonly data_url: string;
  /** What the gateway made of it: the original, the redacted rendition (faces hidden) or the blurred one. */
  readonly rendition: 'original' | 'redacted' | 'blurred';
  /**
   * Only when the original was too large to send whole and its copy at the working size came
   * instead: that copy's size in pixels, which the officer is told. Null: the file as stored.
   */
  readonly scaled: MediaSize | null;
}

/** Picture types the viewer puts on screen (the gateway stores and sends no other). */
const PICTURE_TYPE = /^image\/(png|jpeg)$/;

/** base64url → standard base64, for a data URL. */
const toBase64 = (b64url: string) => b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4);

/**
 * Reads the `media` member of what the gateway sealed to the viewer (`{ ref, rendition, content_type,
 * bytes, data, scaled? }`), with the partner SDK's own shape check: the photo `ref` asked for, a PNG
 * or JPEG whose size is the one announced, and `scaled` only on an original, as two positive whole
 * numbers. Null when it is anything else; the caller refuses it as "not a picture".
 *
 * @example
 * receivedPhoto({ ref: 'media/case/1/a.jpg', rendition: 'original', content_type: 'image/jpeg', bytes: 3, data: 'AQID', scaled: { width: 2048, height: 1536 } }, 'media/case/1/a.jpg')
 * // { data_url: 'data:image/jpeg;base64,AQID', rendition: 'original', scaled: { width: 2048, height: 1536 } }
 */
export function receivedPhoto(media: unknown, ref: string): ReceivedPhoto | null {
  let item: ReturnType<typeof mediaItemOf>;
  try {
    item = mediaItemOf({ media });
  } catch {
    // Malformed, badly encoded or of the wrong size: not something to show.
    return null;
  }
  // Another photo than the one asked for is not shown in its place.
  if (item.ref !== ref || !PICTURE_TYPE.test(item.contentType)) return null;
  // mediaItemOf has checked that `data` is the base64url of the announced bytes.
  const data = (media as { data: string }).data;
  return {
    data_url: `data:${item.contentType};base64,${toBase64(data)}`,
    rendition: item.rendition,
    scaled: item.scaled === undefined ? null : { width: item.scaled.width, height: item.scaled.height },
  };
}
