import { describe, expect, it } from 'vitest';
import { placeProblem } from './place.js';

describe('placeProblem', () => {
  it('accepts codes that nest, with or without a village', () => {
    expect(placeProblem({ province: '12', district: '1201', commune: '120101' })).toBeUndefined();
    expect(placeProblem({ province: '25', district: '2503', commune: '250307', village: '25030711' })).toBeUndefined();
  });

  it('refuses provinces outside 01–25 and 00 segments', () => {
    expect(placeProblem({ province: '00', district: '0001', commune: '000101' })).toBe('invalid_place');
    expect(placeProblem({ province: '26', district: '2601', commune: '260101' })).toBe('invalid_place');
    expect(placeProblem({ province: '12', district: '1200', commune: '120001' })).toBe('invalid_place');
    expect(placeProblem({ province: '12', district: '1201', commune: '120101', village: '12010100' })).toBe('invalid_place');
  });

  it('refuses codes that do not nest', () => {
    expect(placeProblem({ province: '12', district: '1301', commune: '130101' })).toBe('inconsistent_place');
    expect(placeProblem({ province: '12', district: '1201', commune: '120201' })).toBe('inconsistent_place');
    expect(placeProblem({ province: '12', district: '1201', commune: '120101', village: '12010201' })).toBe('inconsistent_place');
  });
});
