/** Test fixtures for the disclosure tests: a key ring, a context and one record of each type. Test-only. */
import { KeyRing } from '@need2know/crypto';
import type { MinimiseContext } from '@need2know/policy';

export const TODAY = '2026-06-30';

export const ring = new KeyRing(
  Uint8Array.from({ length: 32 }, (_, i) => 100 + i),
  { currentVersion: 1 },
);

/** No record has linked persons here: a `redacted` text still goes through the rule (numbers are replaced). */
export const ctx: MinimiseContext = { ring, agency: 'ministry-health', today: TODAY, mediaUnblurred: false, linkedPersons: () => [] };

export const PLACE = { province: '12', district: '1201', commune: '120101', village: '12010101' } as const;

export const adult = {
  id: 'P-000001',
  national_id: '012345678',
  name_km: 'សុខ ចន្ធី',
  name_latin: 'Sok Chanthy',
  sex: 'F',
  date_of_birth: '1990-07-01',
  phone: '+85512345412',
  address: PLACE,
  photo_ref: 'id/P-000001.jpg',
  red_notice: false,
  blacklist: [{ list: 'drug_offence_officials', listed_from: '2024-01-01', listed_until: '2026-12-31', reference: 'PP-CT-2023-118' }],
} as const;

export const child = {
  ...adult,
  id: 'P-000002',
  name_latin: 'Keo Dara',
  name_km: 'កែវ ដារា',
  date_of_birth: '2012-05-01',
  photo_ref: 'id/P-000002.jpg',
  blacklist: [],
};

export const crime = {
  id: 'C-000001',
  case_number: 'PP-2026-000123',
  criterion: 2,
  offence: 'Possession of methamphetamine for sale',
  occurred_on: '2026-06-12',
  place: PLACE,
  status: 'under_investigation',
  handling_unit: 'Anti-drug police, Phnom Penh',
  narrative: 'On 12 June…',
  persons: [
    { person_id: 'P-000001', role: 'suspect' },
    { person_id: 'P-000002', role: 'witness' },
  ],
  evidence: [
    { media_ref: 'ev/1.jpg', kind: 'photo', shows_minor: false, shows_restrained: true },
    { media_ref: 'ev/2.jpg', kind: 'photo', shows_minor: false, shows_restrained: false, shows_victim: false, shows_witness: false },
    { media_ref: 'ev/3.mp4', kind: 'video', shows_minor: true, shows_restrained: false },
    { media_ref: 'ev/4.pdf', kind: 'document', shows_minor: false, shows_restrained: false, shows_victim: true },
    { media_ref: 'ev/5.jpg', kind: 'photo', shows_minor: false, shows_restrained: false, shows_witness: true },
  ],
  sensitivity: 'normal',
} as const;

export const patient = {
  id: 'H-000001',
  national_id: '098765432',
  name_km: 'កែវ សុភាព',
  name_latin: 'Keo Sopheap',
  phone: '+855971234567',
  date_of_birth: '1984-02-29',
  test_date: '2026-06-29',
  result: 'positive',
  residence: { province: '17', district: '1701', commune: '170102' },
  places_visited: [
    { place: { province: '17', district: '1701', commune: '170103', village: '17010301' }, date: '2026-06-27' },
    { place: { province: '12', district: '1202', commune: '120204' }, date: '2026-06-21' },
  ],
  contacts: [{ name_latin: 'Chan Dara', phone: '+85510999888' }],
} as const;

export const discipline = {
  id: 'D-000001',
  officer_id: 'KH-PP-04417',
  officer_name_km: 'ចាន់ ដារា',
  officer_name_latin: 'Chan Dara',
  unit: 'Khan Daun Penh police inspectorate',
  unit_level: 'district',
  unit_place: { province: '12', district: '1201', commune: '120101' },
  measure: 'suspension',
  decided_on: '2026-03-17',
} as const;
