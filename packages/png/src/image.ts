/** A decoded picture: 8-bit red, green, blue and alpha per pixel, rows top to bottom, no padding. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** `width × height × 4` bytes. */
  readonly data: Uint8Array;
}

/** Bytes per RGBA pixel. */
export const RGBA_BYTES = 4;

/** Checks that `image` is well formed (positive integer size, buffer of the right length); throws TypeError otherwise. */
export function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1)
    throw new TypeError('image width and height must be positive integers');
  if (!(data instanceof Uint8Array) || data.length !== width * height * RGBA_BYTES) throw new TypeError('image data must hold width × height × 4 bytes');
}
