import { describe, expect, it } from 'vitest';
import { permute } from './permutation.js';

describe('permute', () => {
  it('is a bijection on small domains', () => {
    for (const domain of [1, 2, 10, 1000, 4097]) {
      const out = new Set(Array.from({ length: domain }, (_, i) => permute(i, domain, 42)));
      expect(out.size).toBe(domain);
      for (const x of out) expect(x).toBeLessThan(domain);
    }
  });

  it('stays inside a 9-digit domain, depends on its key, and refuses values outside', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => permute(i, 1e9, 7));
    expect(new Set(ids).size).toBe(5000);
    expect(Math.max(...ids)).toBeLessThan(1e9);
    expect(permute(1, 1e9, 7)).not.toBe(permute(1, 1e9, 8));
    expect(() => permute(1e9, 1e9, 7)).toThrow(TypeError);
  });
});
