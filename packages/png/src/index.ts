/**
 * @need2know/png: one PNG module (PNG spec, ISO/IEC 15948). The gateway decodes and strips uploads
 * with it, the demo data writes its pictures with it, and the command line reads screenshots with it.
 */
export { chunkBytes, hasPngSignature, PNG_SIGNATURE, pngFromChunks, readChunks, stripPngMetadata } from './chunks.js';
export type { PngChunk } from './chunks.js';
export { crc32 } from './crc32.js';
export { decodePng } from './decode.js';
export type { DecodeOptions } from './decode.js';
export { encodePng } from './encode.js';
export { PngError } from './errors.js';
export type { PngErrorCode } from './errors.js';
export { checkImage, RGBA_BYTES } from './image.js';
export type { RgbaImage } from './image.js';
