import { describe, expect, it } from 'vitest';
import { Rng, cumulative, seedKey, streamRng } from './prng.js';

describe('xoshiro128**', () => {
  it('matches the reference C implementation', () => {
    // Outputs of https://prng.di.unimi.it/xoshiro128starstar.c seeded with s = {1, 2, 3, 4}.
    const rng = new Rng(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => rng.next())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('refuses the all-zero state', () => {
    expect(() => new Rng(0, 0, 0, 0)).toThrow(TypeError);
  });

  it('gives each stream and index its own sequence, the same every time', () => {
    const key = seedKey('x');
    const first = (stream: number, index: number) => streamRng(key, stream, index).next();
    expect(first(1, 5)).toBe(first(1, 5));
    const seen = new Set(Array.from({ length: 1000 }, (_, i) => first(1, i)));
    for (let i = 0; i < 1000; i++) seen.add(first(2, i));
    expect(seen.size).toBe(2000);
    expect(seedKey('x')).not.toEqual(seedKey('y'));
  });

  it('draws floats in [0, 1) with a roughly uniform mean and weighted picks in proportion', () => {
    const rng = streamRng(seedKey('uniform'), 0, 0);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng.float();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
    const table = cumulative([
      ['a', 1],
      ['b', 3],
    ] as const);
    let b = 0;
    for (let i = 0; i < 20000; i++) if (rng.weighted(table) === 'b') b++;
    expect(b / 20000).toBeCloseTo(0.75, 1);
  });
});
