/** Test fixtures for the decoders: real and crafted JPEG files. Test-only. */
import { decodeBase64 } from '@need2know/crypto';
import type { RgbaImage } from '@need2know/png';
import { encodeJpeg } from './encode-jpeg.js';

/** Bytes of a fixture written in base64 (a typo in a fixture fails here, not in the test). */
function b64(s: string): Uint8Array {
  const bytes = decodeBase64(s);
  if (bytes === undefined) throw new TypeError('fixture is not canonical base64');
  return bytes;
}

/** An 8 × 8 CMYK JPEG with Adobe's APP14 marker (ImageMagick 6.9, `-colorspace CMYK`). */
export const JPEG_CMYK = b64(
  '/9j/7gAOQWRvYmUAZAAAAAAC/9sAQwAKBwcIBwYKCAgICwoKCw4YEA4NDQ4dFRYRGCMfJSQiHyIhJis3LyYpNCkhIjBBMTQ5Oz4+PiUuRElDPEg3PT47/9sAQwEKCwsODQ4cEBAcOygiKDs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7/8AAFAgACAAIBAEiAAIRAQMRAQQiAP/EABUAAQEAAAAAAAAAAAAAAAAAAAAG/8QAGhABAAEFAAAAAAAAAAAAAAAAAAQRFSZi8P/EABUBAQEAAAAAAAAAAAAAAAAAAAUH/8QAHBEAAgAHAAAAAAAAAAAAAAAAAAEEBRUWUVOR/9oADgQBAAIRAxEEAAA/AK62T9QE3r8x2sHtyAw+l1lHVAf/2Q==',
);

/** A `width` × `height` picture, red on its left half and blue on its right. */
export function halves(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(x < width / 2 ? [220, 20, 20, 255] : [20, 20, 220, 255], (y * width + x) * 4);
  return { width, height, data };
}

/** An APP1 segment holding EXIF with only IFD0's orientation tag, in `order` byte order. */
export function exifSegment(orientation: number, order: 'II' | 'MM' = 'MM'): Uint8Array {
  const little = order === 'II';
  const tiff = new DataView(new ArrayBuffer(26));
  tiff.setUint8(0, order.charCodeAt(0));
  tiff.setUint8(1, order.charCodeAt(1));
  tiff.setUint16(2, 42, little);
  tiff.setUint32(4, 8, little); // IFD0 right after the header
  tiff.setUint16(8, 1, little); // one entry
  tiff.setUint16(10, 0x0112, little);
  tiff.setUint16(12, 3, little); // SHORT
  tiff.setUint32(14, 1, little);
  tiff.setUint16(18, orientation, little);
  tiff.setUint32(22, 0, little); // no next IFD
  const data = Uint8Array.of(...new TextEncoder().encode('Exif\0\0'), ...new Uint8Array(tiff.buffer));
  return Uint8Array.of(0xff, 0xe1, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data);
}

/** `jpeg` with `segment` inserted right after SOI. */
export const withSegment = (jpeg: Uint8Array, segment: Uint8Array) => Uint8Array.of(...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2));

/** A JPEG of {@link halves}, with an EXIF orientation when given. */
export function halvesJpeg(width: number, height: number, orientation?: number): Uint8Array {
  const jpeg = encodeJpeg(halves(width, height), 90);
  return orientation === undefined ? jpeg : withSegment(jpeg, exifSegment(orientation));
}

/** `jpeg` with its frame header claiming `width` × `height`: a decompression bomb's header. */
export function withFrameSize(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const out = jpeg.slice();
  for (let i = 2; i < out.length - 8; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out.set([height >> 8, height & 0xff, width >> 8, width & 0xff], i + 5);
      return out;
    }
  }
  throw new TypeError('no frame header');
}
