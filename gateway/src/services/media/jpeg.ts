/**
 * What the gateway does with JPEG files without decoding them (decoding would need a dependency):
 * read the segment structure up to the first scan (ITU-T T.81 Annex B), take the size from the
 * frame header, and drop the metadata segments. Pure.
 *
 * Dropping metadata matters twice: EXIF (APP1) carries the camera, the time and often the GPS
 * position where a picture was taken, and it usually carries a thumbnail of the *unedited* picture,
 * so a blurred JPEG whose EXIF was kept would still hold an unblurred face.
 */

/** Stable codes of {@link JpegError}. */
export type JpegErrorCode = 'ERR_JPEG_MALFORMED' | 'ERR_JPEG_UNSUPPORTED';

/** A file that is not a JPEG the gateway can store. */
export class JpegError extends Error {
  readonly code: JpegErrorCode;

  constructor(code: JpegErrorCode, message: string) {
    super(message);
    this.name = 'JpegError';
    this.code = code;
  }
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
/** Start-of-frame markers (T.81 Table B.1): C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Markers without a length: TEM and RST0–7 (SOI and EOI are handled apart). */
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
const startsWith = (data: Uint8Array, text: string) => [...text].every((ch, i) => data[i] === ch.charCodeAt(0));

/** True when `bytes` starts like a JPEG file (SOI then a marker). */
export function hasJpegSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;
}

/**
 * Segments kept: JFIF (APP0), an ICC colour profile (APP2 `ICC_PROFILE`), Adobe's colour-transform
 * flag (APP14), and every non-APP segment (tables, frame header). Dropped: EXIF and XMP (APP1),
 * other APP2 data (FlashPix, multi-picture indexes), APP3–APP13 and APP15 (maker data, IPTC), and comments (COM).
 */
function keepSegment(marker: number, data: Uint8Array): boolean {
  if (marker === 0xfe) return false;
  if (marker < APP0 || marker > 0xef) return true;
  if (marker === APP0 || marker === APP14) return true;
  return marker === APP2 && startsWith(data, 'ICC_PROFILE\0');
}

/** What {@link inspectJpeg} reads. */
export interface JpegInfo {
  readonly width: number;
  readonly height: number;
  /** The file without its metadata segments (see {@link keepSegment}); tables and scans untouched. */
  readonly stripped: Uint8Array;
}

/** Where the entropy-coded data starting at `from` ends: the next 0xFF not followed by 0x00 (stuffing) or RSTn. */
function scanEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1] as number;
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) return i;
  }
  throw new JpegError('ERR_JPEG_MALFORMED', 'scan data runs past the end');
}

/**
 * Reads a JPEG's marker structure from SOI to EOI, through every scan: its size from the frame
 * header, and the file without metadata segments. Strict: SOI first, well-formed segment lengths, a
 * frame header before the first scan, and EOI as the very last two bytes, so nothing (a second
 * picture, say) hides after it.
 *
 * @throws JpegError `ERR_JPEG_MALFORMED`, or `ERR_JPEG_UNSUPPORTED` for a frame of size zero (DNL).
 */
export function inspectJpeg(bytes: Uint8Array): JpegInfo {
  if (!hasJpegSignature(bytes)) throw new JpegError('ERR_JPEG_MALFORMED', 'not a JPEG file');
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let size: { width: number; height: number } | null = null;
  let at = 2;
  for (;;) {
    if (at + 2 > bytes.length || bytes[at] !== 0xff) throw new JpegError('ERR_JPEG_MALFORMED', 'expected a marker');
    // Markers may be preceded by any number of fill bytes 0xFF (T.81 B.1.1.2).
    let m = at + 1;
    while (bytes[m] === 0xff && m < bytes.length - 1) m++;
    const marker = bytes[m] as number;
    if (marker === EOI) {
      if (size === null || m + 1 !== bytes.length) throw new JpegError('ERR_JPEG_MALFORMED', 'EOI must end a picture and the file');
      kept.push(Uint8Array.of(0xff, EOI));
      break;
    }
    if (isStandalone(marker)) {
      at = m + 1;
      continue;
    }
    if (marker === SOI || marker === 0x00 || m + 2 >= bytes.length) throw new JpegError('ERR_JPEG_MALFORMED', 'unexpected marker');
    const length = ((bytes[m + 1] as number) << 8) | (bytes[m + 2] as number);
    const end = m + 1 + length;
    if (length < 2 || end > bytes.length) throw new JpegError('ERR_JPEG_MALFORMED', 'segment runs past the end');
    const data = bytes.subarray(m + 3, end);
    if (isSof(marker)) {
      if (data.length < 6) throw new JpegError('ERR_JPEG_MALFORMED', 'short frame header');
      const height = ((data[1] as number) << 8) | (data[2] as number);
      const width = ((data[3] as number) << 8) | (data[4] as number);
      if (width === 0 || height === 0) throw new JpegError('ERR_JPEG_UNSUPPORTED', 'frame size not in the frame header');
      size = { width, height };
    }
    if (marker === SOS) {
      if (size === null) throw new JpegError('ERR_JPEG_MALFORMED', 'scan before the frame header');
      const next = scanEnd(bytes, end);
      kept.push(bytes.subarray(at, next));
      at = next;
      continue;
    }
    if (keepSegment(marker, data)) kept.push(bytes.subarray(at, end));
    at = end;
  }
  const total = kept.reduce((n, k) => n + k.length, 0);
  const stripped = new Uint8Array(total);
  let o = 0;
  for (const k of kept) {
    stripped.set(k, o);
    o += k.length;
  }
  return { ...(size as { width: number; height: number }), stripped };
}
