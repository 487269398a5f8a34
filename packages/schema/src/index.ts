export { DISCLOSURE_MODES, isDisclosureMode } from './modes.js';
export type { DisclosureMode } from './modes.js';
export { FIELD_CLASSES } from './fields.js';
export type { FacetDef, FieldClass, FieldDef, FieldKind, RecordTypeDef } from './fields.js';
export { RECORD_TYPES, recordType } from './record-types/index.js';
export { SAFE_VILLAGE_CRITERIA } from './record-types/case.js';
