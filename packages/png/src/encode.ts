/**
 * A PNG encoder for 8-bit RGBA pictures: truecolour (colour type 2) when every pixel is opaque,
 * truecolour with alpha (6) otherwise; no interlacing, adaptive per-row filters, zlib through the
 * runtime's CompressionStream. It writes only IHDR, IDAT and IEND: no metadata of any kind.
 */
import { chunkBytes, PNG_SIGNATURE } from './chunks.js';
import { filterRows } from './filters.js';
import { checkImage, RGBA_BYTES, type RgbaImage } from './image.js';
import { concatBytes, deflate } from './zlib.js';

const COLOR_TYPE_RGB = 2;
const COLOR_TYPE_RGBA = 6;

/**
 * Encodes `image` as a PNG file. `decodePng(await encodePng(x))` gives back `x` exactly.
 *
 * @throws TypeError when `image` is malformed (see `checkImage`).
 */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  checkImage(image);
  const { width, height, data } = image;
  let opaque = true;
  for (let i = 3; i < data.length && opaque; i += RGBA_BYTES) opaque = data[i] === 255;
  let pixels = data;
  const channels = opaque ? 3 : RGBA_BYTES;
  if (opaque) {
    pixels = new Uint8Array(width * height * 3);
    for (let i = 0, j = 0; i < data.length; i += RGBA_BYTES, j += 3) {
      pixels[j] = data[i] as number;
      pixels[j + 1] = data[i + 1] as number;
      pixels[j + 2] = data[i + 2] as number;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, opaque ? COLOR_TYPE_RGB : COLOR_TYPE_RGBA, 0, 0, 0], 8);
  const idat = await deflate(filterRows(pixels, height, width * channels, channels));
  return concatBytes([PNG_SIGNATURE, chunkBytes('IHDR', ihdr), chunkBytes('IDAT', idat), chunkBytes('IEND', new Uint8Array(0))]);
}
