import { isCalendarDate } from '@need2know/schema';
import { DEFAULT_PERSONS, DEFAULT_REFERENCE_DATE, DEFAULT_SEED, MAX_RECORDS_PER_TYPE, PER_PERSON } from './constants.js';
import { caseAt } from './records/case.js';
import { createContext, type DatasetSizes } from './records/context.js';
import { disciplineAt } from './records/discipline.js';
import { healthCaseAt } from './records/health-case.js';
import { personAt } from './records/person.js';
import type { CaseRecord, DemoRecordOf, DemoRecordType, DisciplineRecord, HealthCaseRecord, PersonRecord } from './records/types.js';

/** Options of {@link generateDataset}. Every option has a default. */
export interface DatasetOptions {
  /** Same seed, same data, byte for byte. Default {@link DEFAULT_SEED}. */
  readonly seed?: string | number;
  /** Default 10,000. */
  readonly persons?: number;
  /** Default twice the persons (20,000). */
  readonly cases?: number;
  /** Default a fifth of the persons (2,000). */
  readonly healthCases?: number;
  /** Default a twentieth of the persons (500). */
  readonly disciplines?: number;
  /** The day the data is "as of" (YYYY-MM-DD): minors, listings and case dates are relative to it. Default {@link DEFAULT_REFERENCE_DATE}. */
  readonly referenceDate?: string;
}

/**
 * A synthetic dataset. Nothing is generated until asked for: each iterable makes its records one at a
 * time (so a million persons stream in constant memory) and can be iterated again with the same result;
 * `…At(i)` makes one record on its own, equal to the i-th of the iterable.
 */
export interface Dataset {
  readonly seed: string;
  readonly referenceDate: string;
  readonly sizes: DatasetSizes;
  readonly persons: Iterable<PersonRecord>;
  readonly cases: Iterable<CaseRecord>;
  readonly healthCases: Iterable<HealthCaseRecord>;
  readonly disciplines: Iterable<DisciplineRecord>;
  personAt(index: number): PersonRecord;
  caseAt(index: number): CaseRecord;
  healthCaseAt(index: number): HealthCaseRecord;
  disciplineAt(index: number): DisciplineRecord;
  /** The records of one type by its schema name (`person`, `case`, `health_case`, `officer_discipline`). */
  records<T extends DemoRecordType>(type: T): Iterable<DemoRecordOf[T]>;
}

/** The record types a dataset holds, in the order they should be ingested (persons before the cases naming them). */
export const DEMO_RECORD_TYPES: readonly DemoRecordType[] = ['person', 'case', 'health_case', 'officer_discipline'];

/**
 * A deterministic synthetic dataset shaped like Cambodian police, health and discipline records. Ids are
 * `person-00000001`, `case-00000001`, …; every record passes `validateRecord` of `@need2know/schema`.
 *
 * @example
 * const data = generateDataset({ seed: 7, persons: 1000 });
 * for (const person of data.persons) ingest('person', person);
 */
export function generateDataset(options: DatasetOptions = {}): Dataset {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!isCalendarDate(referenceDate)) throw new TypeError('referenceDate must be a calendar date YYYY-MM-DD');
  const persons = count('persons', options.persons ?? DEFAULT_PERSONS);
  const sizes: DatasetSizes = {
    persons,
    cases: count('cases', options.cases ?? Math.round(persons * PER_PERSON.cases)),
    healthCases: count('healthCases', options.healthCases ?? Math.round(persons * PER_PERSON.healthCases)),
    disciplines: count('disciplines', options.disciplines ?? Math.round(persons * PER_PERSON.disciplines)),
  };
  const context = createContext(seed, referenceDate, sizes);
  const at =
    <T>(make: (context: ReturnType<typeof createContext>, index: number) => T, size: number) =>
    (index: number) => {
      if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError('record index outside the dataset');
      return make(context, index);
    };
  const generators = {
    person: at(personAt, sizes.persons),
    case: at(caseAt, sizes.cases),
    health_case: at(healthCaseAt, sizes.healthCases),
    officer_discipline: at(disciplineAt, sizes.disciplines),
  };
  const sizeOf = { person: sizes.persons, case: sizes.cases, health_case: sizes.healthCases, officer_discipline: sizes.disciplines };
  const stream = <T>(make: (index: number) => T, size: number): Iterable<T> => ({
    *[Symbol.iterator]() {
      for (let i = 0; i < size; i++) yield make(i);
    },
  });
  return {
    seed,
    referenceDate,
    sizes,
    persons: stream(generators.person, sizes.persons),
    cases: stream(generators.case, sizes.cases),
    healthCases: stream(generators.health_case, sizes.healthCases),
    disciplines: stream(generators.officer_discipline, sizes.disciplines),
    personAt: generators.person,
    caseAt: generators.case,
    healthCaseAt: generators.health_case,
    disciplineAt: generators.officer_discipline,
    records: <T extends DemoRecordType>(type: T) => stream(generators[type] as (index: number) => DemoRecordOf[T], sizeOf[type]),
  };
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_RECORDS_PER_TYPE)
    throw new TypeError(`${name} must be a whole number from 0 to ${MAX_RECORDS_PER_TYPE}`);
  return value;
}
