/** Kinds of unit at each level: the capital's districts are khans with sangkats; provinces have towns (krong, with sangkats) and districts (srok, with khums). */
export type ProvinceKind = 'capital' | 'province';
export type DistrictKind = 'khan' | 'krong' | 'srok';
export type CommuneKind = 'sangkat' | 'khum';

interface Named {
  readonly code: string;
  readonly nameKm: string;
  readonly nameLatin: string;
}

export interface Province extends Named {
  readonly level: 'province';
  readonly kind: ProvinceKind;
  /** Thousands of inhabitants (2019 census, rounded); a sampling weight. */
  readonly population: number;
  readonly districts: readonly District[];
}

export interface District extends Named {
  readonly level: 'district';
  readonly kind: DistrictKind;
  readonly provinceCode: string;
  readonly communes: readonly Commune[];
}

export interface Commune extends Named {
  readonly level: 'commune';
  readonly kind: CommuneKind;
  readonly provinceCode: string;
  readonly districtCode: string;
  readonly villages: readonly Village[];
}

export interface Village extends Named {
  readonly level: 'village';
  readonly provinceCode: string;
  readonly districtCode: string;
  readonly communeCode: string;
}

/** A unit of any level. */
export type PlaceUnit = Province | District | Commune | Village;

/** What unit kinds are called, for labels such as "Sangkat Tuol Thmei" / "សង្កាត់ទួលថ្មី". */
export const KIND_LABELS = {
  capital: { km: 'រាជធានី', latin: 'Capital' },
  province: { km: 'ខេត្ត', latin: 'Province' },
  khan: { km: 'ខណ្ឌ', latin: 'Khan' },
  krong: { km: 'ក្រុង', latin: 'Krong' },
  srok: { km: 'ស្រុក', latin: 'Srok' },
  sangkat: { km: 'សង្កាត់', latin: 'Sangkat' },
  khum: { km: 'ឃុំ', latin: 'Khum' },
  village: { km: 'ភូមិ', latin: 'Phum' },
} as const;
