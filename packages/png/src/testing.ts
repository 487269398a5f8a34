/** Test support for code that handles PNG files: hand-built files, the ImageMagick fixtures, byte comparison. Not for production code. */
export { chunkTypes, fromBase64, idatOf, pngOf, sameBytes } from './test-helpers.js';
export { FIXTURE_HEIGHT, FIXTURE_WIDTH, PNG_FIXTURES } from './fixtures.js';
export type { PngFixture } from './fixtures.js';
