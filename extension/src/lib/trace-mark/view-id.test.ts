import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToViewId, isViewId, viewIdToBytes } from './view-id.js';

describe('view ids', () => {
  it('spell 8 bytes exactly as the gateway does (base64url, no padding)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const id = bytesToViewId(bytes);
        expect(id).toBe(Buffer.from(bytes).toString('base64url'));
        expect(isViewId(id)).toBe(true);
        expect(viewIdToBytes(id)).toEqual(bytes);
      }),
    );
  });

  it('accept only the canonical spelling', () => {
    expect(isViewId('AQID-vv8_f4')).toBe(true);
    // Same bytes, non-zero padding bits: not an id the gateway issues.
    for (const bad of ['AQID-vv8_f5', 'AQID-vv8_f', 'AQID-vv8_f4A', 'AQID+vv8_f4', 'AQID/vv8_f4', ' AQID-vv8_f4']) {
      expect(isViewId(bad)).toBe(false);
      expect(() => viewIdToBytes(bad)).toThrow(TypeError);
    }
    expect(() => bytesToViewId(new Uint8Array(7))).toThrow(TypeError);
  });
});
