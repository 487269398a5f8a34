export { DEMO_RECORD_TYPES, generateDataset } from './dataset.js';
export type { Dataset, DatasetOptions } from './dataset.js';
export type { DatasetSizes } from './records/context.js';
export type {
  BlacklistListing,
  CaseRecord,
  CaseRole,
  DemoRecordOf,
  DemoRecordType,
  DisciplineRecord,
  EvidenceItem,
  HealthCaseRecord,
  PersonRecord,
} from './records/types.js';
export { DEFAULT_PERSONS, DEFAULT_REFERENCE_DATE, DEFAULT_SEED, PER_PERSON } from './constants.js';
export { caseId, disciplineId, healthCaseId, personId } from './ids.js';
export { PlaceHierarchy, places, unitLabel } from './places/places.js';
export { KIND_LABELS } from './places/types.js';
export type { Commune, CommuneKind, District, DistrictKind, PlaceUnit, Province, ProvinceKind, Village } from './places/types.js';
export { DEFAULT_MEDIA_ITEMS, demoMedia } from './media/media.js';
export type { DemoMediaItem } from './media/media.js';
