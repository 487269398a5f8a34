import type { RecordTypeDef } from '../fields.js';
import { crimeCase } from './case.js';
import { healthCase } from './health-case.js';
import { officerDiscipline } from './officer-discipline.js';
import { person } from './person.js';

/** Every record type the gateway knows, by name. Add a type by declaring it and listing it here. */
export const RECORD_TYPES: Readonly<Record<string, RecordTypeDef>> = {
  person,
  case: crimeCase,
  health_case: healthCase,
  officer_discipline: officerDiscipline,
};

/** The record type called `name`, or undefined. */
export function recordType(name: string): RecordTypeDef | undefined {
  return Object.hasOwn(RECORD_TYPES, name) ? RECORD_TYPES[name] : undefined;
}
