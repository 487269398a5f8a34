import type { PlaceCodes } from '@need2know/schema';
import { buildProvinces } from './build.js';
import { type Commune, type District, KIND_LABELS, type PlaceUnit, type Province, type Village } from './types.js';

/**
 * Cambodia's administrative hierarchy as the demo data uses it: the 25 real provinces (real codes and
 * names) and a synthetic but real-shaped hierarchy of districts, communes and villages beneath them.
 */
export class PlaceHierarchy {
  readonly provinces: readonly Province[];
  readonly districts: readonly District[];
  readonly communes: readonly Commune[];
  readonly villages: readonly Village[];
  private readonly byCode = new Map<string, PlaceUnit>();

  constructor(provinces: readonly Province[]) {
    this.provinces = provinces;
    this.districts = provinces.flatMap((p) => p.districts);
    this.communes = this.districts.flatMap((d) => d.communes);
    this.villages = this.communes.flatMap((c) => c.villages);
    for (const unit of [...this.provinces, ...this.districts, ...this.communes, ...this.villages]) this.byCode.set(unit.code, unit);
  }

  /** The unit with this code (2 digits: province, 4: district, 6: commune, 8: village), or undefined. */
  get(code: string): PlaceUnit | undefined {
    return this.byCode.get(code);
  }

  province(code: string): Province | undefined {
    const unit = this.byCode.get(code);
    return unit?.level === 'province' ? unit : undefined;
  }

  district(code: string): District | undefined {
    const unit = this.byCode.get(code);
    return unit?.level === 'district' ? unit : undefined;
  }

  commune(code: string): Commune | undefined {
    const unit = this.byCode.get(code);
    return unit?.level === 'commune' ? unit : undefined;
  }

  village(code: string): Village | undefined {
    const unit = this.byCode.get(code);
    return unit?.level === 'village' ? unit : undefined;
  }

  /**
   * The place value records carry (`{ province, district, commune, village? }`) for a commune or village
   * code, or undefined for other codes.
   *
   * @example places.placeOf('12010101') // { province: '12', district: '1201', commune: '120101', village: '12010101' }
   */
  placeOf(code: string): PlaceCodes | undefined {
    const unit = this.byCode.get(code);
    if (unit?.level === 'commune') return { province: unit.provinceCode, district: unit.districtCode, commune: unit.code };
    if (unit?.level === 'village') return { province: unit.provinceCode, district: unit.districtCode, commune: unit.communeCode, village: unit.code };
    return undefined;
  }

  /** True when every code of `place` names a unit of this hierarchy and they nest. */
  has(place: PlaceCodes): boolean {
    const commune = this.commune(place.commune);
    if (commune === undefined || commune.districtCode !== place.district || commune.provinceCode !== place.province) return false;
    return place.village === undefined || this.village(place.village)?.communeCode === place.commune;
  }

  /**
   * A place written out from the smallest unit up, in Latin letters or Khmer script, e.g.
   * "Phum Tuol Thmei, Sangkat Boeng Chas, Khan Prey Tauch, Phnom Penh". Unknown codes are left out.
   */
  label(place: PlaceCodes, script: 'latin' | 'km' = 'latin'): string {
    const units = [place.village, place.commune, place.district, place.province].flatMap((code) => {
      const unit = code === undefined ? undefined : this.byCode.get(code);
      return unit === undefined ? [] : [unit];
    });
    return units.map((unit) => unitLabel(unit, script)).join(script === 'km' ? ' ' : ', ');
  }
}

/** "Sangkat Boeng Chas" / "សង្កាត់បឹងចាស់"; provinces by name alone, the capital as "Phnom Penh". */
export function unitLabel(unit: PlaceUnit, script: 'latin' | 'km' = 'latin'): string {
  const kind = unit.level === 'village' ? KIND_LABELS.village : unit.level === 'province' ? undefined : KIND_LABELS[unit.kind];
  if (script === 'km') return `${kind?.km ?? KIND_LABELS[unit.level === 'province' ? unit.kind : 'province'].km}${unit.nameKm}`;
  return kind === undefined ? unit.nameLatin : `${kind.latin} ${unit.nameLatin}`;
}

/** The hierarchy every dataset uses; built once when the module loads (≈ 16,000 units, a few milliseconds). */
export const places: PlaceHierarchy = new PlaceHierarchy(buildProvinces());
