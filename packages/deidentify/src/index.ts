/**
 * @need2know/deidentify: how each disclosure mode rewrites a value once the policy has chosen it —
 * masking, generalising (dates, places, offences), per-agency pseudonyms, and the redaction of the
 * linked persons from free text. Pure: no I/O, no clock, no decision about who may see what (that is
 * `@need2know/policy`, whose `minimiseRecord` calls these). The map of which file does what: README.md.
 */
export { AGE_BAND_TOP, AGE_BAND_YEARS, ageBand, ageOn, generaliseDate, isoWeek } from './dates.js';
export { discloseGeneralised, generaliseCriterion, generalisePlace } from './generalise.js';
export type { CriterionValue, GeneraliseContext } from './generalise.js';
export { discloseItems } from './items.js';
export type { ItemDiscloser } from './items.js';
export { IDENTIFYING_FIELDS, linkedPersonsOf, linkFieldsToOpen } from './linked-persons.js';
export { discloseMasked, MASK_KEEP_DIGITS, MASK_MAX_STARS, maskName, maskNationalId, maskPhone, maskString } from './mask.js';
export { disclosePseudonym, ID_FIELD, pseudonymiseId } from './pseudonymise.js';
export type { PseudonymScope } from './pseudonymise.js';
export { NARRATIVE_ROLES, REDACTION_KINDS, redactNarrative } from './redact-narrative.js';
export type { LinkedPerson, NarrativeRole, RedactedNarrative, RedactionKind } from './redact-narrative.js';
