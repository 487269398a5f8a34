/**
 * The demo's pictures as PNG files, written by the project's one PNG module (`@need2know/png`): the
 * generator paints RGB canvases, the module writes them (8-bit truecolour, IHDR, IDAT and IEND only).
 */
import { encodePng } from '@need2know/png';

/**
 * A PNG file of `width` × `height` pixels from `rgb` (3 bytes per pixel, rows top to bottom).
 *
 * @throws TypeError when `rgb` does not hold exactly width × height × 3 bytes.
 */
export async function encodeRgbPng(width: number, height: number, rgb: Uint8Array): Promise<Uint8Array> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || rgb.length !== width * height * 3)
    throw new TypeError('rgb must hold width × height × 3 bytes');
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    data[j] = rgb[i] as number;
    data[j + 1] = rgb[i + 1] as number;
    data[j + 2] = rgb[i + 2] as number;
    data[j + 3] = 255;
  }
  return encodePng({ width, height, data });
}
