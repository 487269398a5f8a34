/**
 * The EXIF orientation of a JPEG (TIFF 6.0 tag 0x0112 in IFD0 of the APP1 `Exif` segment). Pure.
 *
 * Phones store the sensor's pixels as they came and say in this tag how to turn them; a viewer
 * that honours it shows the photo upright. The gateway reads it before the metadata is stripped and
 * turns the pixels itself, so that the renditions (which carry no metadata) are upright too and face
 * boxes are found on the picture as people see it.
 */

/** Orientation values (EXIF 2.32 §4.6.4 A, tag 274): 1 upright; 2–8 mirrored and/or turned. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/**
 * The orientation named by an APP1 segment's data (starting with `Exif\0\0`), or 1 when the segment
 * is not EXIF, names none, or names a value outside 1–8. Never throws: a broken EXIF block is
 * metadata the gateway drops anyway, and "upright" is what every viewer assumes without it.
 *
 * @example
 * exifOrientation(app1Data) // 6: turn 90° clockwise to view
 */
export function exifOrientation(app1: Uint8Array): Orientation {
  if (app1.length < 14 || String.fromCharCode(...app1.subarray(0, 6)) !== 'Exif\0\0') return 1;
  const tiff = app1.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0] as number, tiff[1] as number);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return 1;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== SHORT) return 1;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}

/**
 * A minimal APP1 segment (marker included) carrying only `orientation`: what an original keeps of its
 * EXIF once stripped, so that it still shows upright (no time, place, camera or thumbnail).
 */
export function orientationSegment(orientation: Orientation): Uint8Array {
  // Exif\0\0, then a big-endian TIFF header, IFD0 with one SHORT entry, and no next IFD.
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const data = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  return Uint8Array.of(0xff, 0xe1, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data);
}
