/** Test fixtures for the media tests: small synthetic pictures. Test-only. */
import { decodeBase64 } from '@need2know/crypto';
import type { RgbaImage } from '@need2know/png';

/** Bytes of a fixture written in base64 (a typo in a fixture fails here, not in the test). */
function b64(s: string): Uint8Array {
  const bytes = decodeBase64(s);
  if (bytes === undefined) throw new TypeError('fixture is not canonical base64');
  return bytes;
}

/** A 17 × 9 baseline JPEG of a gradient (ImageMagick 6.9, quality 70). */
export const JPEG_BASELINE = b64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAJABEDASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAUG/8QAFhABAQEAAAAAAAAAAAAAAAAAABRi/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUG/8QAFxEAAwEAAAAAAAAAAAAAAAAAAAQWUf/aAAwDAQACEQMRAD8Awt+i/SUN/MI4UaJzSrfoSgmEcFE5p//Z',
);

/** The same picture as a progressive JPEG (several scans). */
export const JPEG_PROGRESSIVE = b64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wgARCAAJABEDASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAQF/9oADAMBAAIQAxAAAAHCSN+itIP/xAAWEAEBAQAAAAAAAAAAAAAAAAASACD/2gAIAQEAAQUCc54//8QAFhEAAwAAAAAAAAAAAAAAAAAAAAMV/9oACAEDAQE/AaLii4//xAAWEQADAAAAAAAAAAAAAAAAAAAAAxX/2gAIAQIBAT8BmIJiD//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEABj8CX//EABYQAQEBAAAAAAAAAAAAAAAAAHEAIP/aAAgBAQABPyFznj//2gAMAwEAAgADAAAAEDz/AP/EABURAQEAAAAAAAAAAAAAAAAAAABh/9oACAEDAQE/EKKP/8QAFREBAQAAAAAAAAAAAAAAAAAAAGH/2gAIAQIBAT8Qkk//xAAUEAEAAAAAAAAAAAAAAAAAAAAg/9oACAEBAAE/EFV//9k=',
);

/** A synthetic 96 × 96 "portrait": a face-like oval with eyes, brows and a mouth on a textured background. */
export function portrait(seed = 1): RgbaImage {
  const size = 96;
  const data = new Uint8Array(size * size * 4);
  let s = seed;
  const noise = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s >>> 24) - 128;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inFace = ((x - 48) / 28) ** 2 + ((y - 50) / 36) ** 2 < 1;
      const eye = (Math.hypot(x - 37, y - 42) < 5 || Math.hypot(x - 59, y - 42) < 5) && inFace;
      const brow = inFace && y >= 33 && y <= 35 && ((x > 30 && x < 44) || (x > 52 && x < 66));
      const mouth = inFace && Math.abs(y - 66 - ((x - 48) / 10) ** 2) < 2 && Math.abs(x - 48) < 11;
      let rgb = inFace ? [214, 170, 140] : [60 + (x % 7) * 20, 90, 120 + (y % 5) * 20];
      if (eye || brow) rgb = [30, 20, 20];
      if (mouth) rgb = [150, 40, 50];
      const n = noise() / 8;
      data.set([...rgb.map((v) => Math.max(0, Math.min(255, v + n))), 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
