import { placeProblem } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { places } from './places.js';

describe('places', () => {
  it('has the 25 real provinces with their codes and names', () => {
    expect(places.provinces).toHaveLength(25);
    expect(places.provinces.map((p) => p.code)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(places.province('01')).toMatchObject({ nameLatin: 'Banteay Meanchey', nameKm: 'បន្ទាយមានជ័យ' });
    expect(places.province('12')).toMatchObject({ nameLatin: 'Phnom Penh', nameKm: 'ភ្នំពេញ', kind: 'capital' });
    expect(places.province('25')).toMatchObject({ nameLatin: 'Tbong Khmum', nameKm: 'ត្បូងឃ្មុំ' });
  });

  it('has a real-shaped hierarchy beneath them', () => {
    expect(places.districts.length).toBeGreaterThan(180);
    expect(places.communes.length).toBeGreaterThan(1200);
    expect(places.villages.length).toBeGreaterThan(10000);
    expect(new Set(places.villages.map((v) => v.code)).size).toBe(places.villages.length);
    expect(places.province('12')?.districts.every((d) => d.kind === 'khan' && d.communes.every((c) => c.kind === 'sangkat'))).toBe(true);
    expect(places.province('17')?.districts[0]?.kind).toBe('krong');
    expect(places.province('17')?.districts[1]?.communes[0]?.kind).toBe('khum');
  });

  it('gives place values that nest and pass validation, for every village', () => {
    for (const village of places.villages) {
      const place = places.placeOf(village.code);
      expect(place && placeProblem(place)).toBeUndefined();
      expect(place && places.has(place)).toBe(true);
    }
  });

  it('looks units up by code and labels them in both scripts', () => {
    const village = places.villages[0];
    expect(village).toBeDefined();
    if (village === undefined) return;
    expect(places.get(village.code)).toBe(village);
    expect(places.village(village.communeCode)).toBeUndefined();
    expect(places.commune(village.communeCode)?.villages).toContain(village);
    const place = places.placeOf(village.code);
    if (place === undefined) throw new Error('no place');
    expect(places.label(place)).toMatch(/^Phum .+, (Sangkat|Khum) .+, (Krong|Srok) .+, Banteay Meanchey$/);
    expect(places.label(place, 'km')).toMatch(/^ភូមិ.+ (សង្កាត់|ឃុំ).+ (ក្រុង|ស្រុក).+ ខេត្តបន្ទាយមានជ័យ$/);
    expect(places.has({ ...place, district: '0199' })).toBe(false);
  });

  it('is the same map on every load', () => {
    expect(places.villages.slice(0, 3).map((v) => `${v.code} ${v.nameLatin}`)).toMatchInlineSnapshot(`
      [
        "01010101 Svay Meas",
        "01010102 Ou Chambak",
        "01010103 Prey Khsach",
      ]
    `);
  });
});
