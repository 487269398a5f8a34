import { describe, expect, it } from 'vitest';
import { mediaTypeOf, parseRegionsFile } from './media-cli.js';

describe('media CLI', () => {
  it('reads a regions file, and says what is wrong with a bad one', () => {
    expect(parseRegionsFile('{"regions":[{"x":1,"y":2,"width":3,"height":4,"reason":"plate"}]}')).toEqual({
      regions: [{ x: 1, y: 2, width: 3, height: 4, reason: 'plate' }],
      removed_faces: [],
    });
    expect(() => parseRegionsFile('[]')).toThrow(/JSON object/);
    expect(() => parseRegionsFile('{"regions":{}}')).toThrow(/lists/);
    expect(() => parseRegionsFile('{"boxes":[]}')).toThrow(/unknown keys/);
  });

  it('uploads PNG and JPEG files only', () => {
    expect(mediaTypeOf('scene.JPG')).toBe('image/jpeg');
    expect(mediaTypeOf('id.png')).toBe('image/png');
    expect(() => mediaTypeOf('clip.mp4')).toThrow(/only/);
  });
});
