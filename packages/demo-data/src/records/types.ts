import type { PlaceCodes } from '@need2know/schema';

/**
 * Generated records, shaped exactly as the ingest bodies of the record types in `@need2know/schema`.
 * Type aliases rather than interfaces, so that they are assignable to `IngestRecord`.
 */

export type BlacklistListing = {
  readonly list: 'drug_offence_officials';
  readonly listed_from: string;
  readonly listed_until: string;
  readonly reference?: string;
};

export type PersonRecord = {
  readonly id: string;
  readonly national_id: string;
  readonly name_km: string;
  readonly name_latin: string;
  readonly nicknames?: string;
  readonly sex: 'F' | 'M' | 'X';
  readonly date_of_birth: string;
  readonly phone?: string;
  readonly address: PlaceCodes;
  readonly photo_ref?: string;
  readonly red_notice: boolean;
  readonly blacklist?: readonly BlacklistListing[];
};

export type CaseRole = 'suspect' | 'witness' | 'victim';

export type EvidenceItem = {
  readonly media_ref: string;
  readonly kind: 'photo' | 'video' | 'document';
  readonly shows_minor: boolean;
  readonly shows_restrained: boolean;
  readonly shows_victim?: boolean;
  readonly shows_witness?: boolean;
};

export type CaseRecord = {
  readonly id: string;
  readonly case_number: string;
  readonly criterion: 1 | 2 | 3 | 4 | 5;
  readonly offence: string;
  readonly occurred_on: string;
  readonly place: PlaceCodes;
  readonly status: 'reported' | 'under_investigation' | 'referred_to_court' | 'closed';
  readonly handling_unit: string;
  readonly narrative?: string;
  readonly persons?: ReadonlyArray<{ readonly person_id: string; readonly role: CaseRole }>;
  readonly evidence?: readonly EvidenceItem[];
  readonly sensitivity: 'normal' | 'sensitive';
};

export type HealthCaseRecord = {
  readonly id: string;
  readonly national_id?: string;
  readonly name_km: string;
  readonly name_latin: string;
  readonly phone?: string;
  readonly date_of_birth?: string;
  readonly test_date: string;
  readonly result: 'positive' | 'negative' | 'inconclusive';
  readonly residence: PlaceCodes;
  readonly places_visited?: ReadonlyArray<{ readonly place: PlaceCodes; readonly date: string }>;
  readonly contacts?: ReadonlyArray<{ readonly name_latin: string; readonly phone: string }>;
};

export type DisciplineRecord = {
  readonly id: string;
  readonly officer_id: string;
  readonly officer_name_km: string;
  readonly officer_name_latin: string;
  readonly unit: string;
  readonly unit_level: 'national' | 'province' | 'district';
  readonly unit_place: PlaceCodes;
  readonly measure: 'dismissal' | 'demotion' | 'warning' | 'suspension';
  readonly decided_on: string;
};

/** Names of the generated record types, as in `RECORD_TYPES` of `@need2know/schema`. */
export type DemoRecordType = 'person' | 'case' | 'health_case' | 'officer_discipline';

/** The record type of each name. */
export type DemoRecordOf = {
  person: PersonRecord;
  case: CaseRecord;
  health_case: HealthCaseRecord;
  officer_discipline: DisciplineRecord;
};
