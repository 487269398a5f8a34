import { blindIndex } from '@need2know/crypto';
import type { GatewayEnv } from '../env.js';
import { keyRing } from '../keys/key-ring.js';
import { listedOn } from '../policy/civil-date.js';
import { readRecords, type OpenedRecord } from '../records/read.js';
import { REF_SEARCH_PREFIX } from '../records/seal-record.js';
import { findByBlindIndex } from '../records/search.js';
import { idsByTag } from '../storage/records.js';

/** The yes/no questions a partner may ask about a person without receiving a record. */
export const CHECKS = ['red_notice', 'blacklist', 'criterion'] as const;
export type Check = (typeof CHECKS)[number];

/** How the person is named in a check. */
export type CheckSubject = { readonly national_id: string } | { readonly name_latin: string; readonly date_of_birth: string } | { readonly person_id: string };

/** Most case candidates read for a criterion check. */
const MAX_CASES_PER_PERSON = 500;

/** An id no record can have (ids start with a letter or digit). */
const NO_RECORD = '';

/**
 * The persons matching `subject` (usually one; a name + date of birth may match a few), only among
 * `within` when given (a case-specific grant's records). Others are never read: a person id outside
 * it is looked up as an id that cannot exist, and searches filter in the index query, so a person
 * outside the grant costs what an unknown one does.
 */
export async function findPersons(env: GatewayEnv, subject: CheckSubject, fields: readonly string[], within?: readonly string[]): Promise<OpenedRecord[]> {
  if ('person_id' in subject) return readRecords(env, 'person', [within === undefined || within.includes(subject.person_id) ? subject.person_id : NO_RECORD], fields);
  if ('national_id' in subject) return findByBlindIndex(env, 'person', 'national_id', subject, fields, within);
  return findByBlindIndex(env, 'person', 'name_dob', subject, fields, within);
}

/** Whether any current case involving person `personId` is counted under `criterion`. */
export async function hasCaseInCriterion(env: GatewayEnv, personId: string, criterion: number): Promise<boolean> {
  const ring = await keyRing(env);
  const search = `${REF_SEARCH_PREFIX}persons.person_id`;
  const ids = await idsByTag(env.DB, 'case', search, blindIndex(ring, { recordType: 'case', search }, [personId]), MAX_CASES_PER_PERSON);
  if (ids.length === 0) return false;
  const cases = await readRecords(env, 'case', ids, ['criterion', 'persons']);
  return cases.some((c) => c.fields.criterion === criterion && Array.isArray(c.fields.persons) && (c.fields.persons as { person_id?: unknown }[]).some((p) => p.person_id === personId));
}

/**
 * Answers `check` for the persons found: true when any of them satisfies it. A person who is not
 * found gets `false`, exactly like one who is found and does not satisfy it, so a check never tells
 * whether the gateway knows someone.
 */
export async function answerCheck(env: GatewayEnv, check: Check, persons: readonly OpenedRecord[], today: string, criterion?: number): Promise<boolean> {
  for (const p of persons) {
    if (check === 'red_notice' && p.fields.red_notice === true) return true;
    if (check === 'blacklist' && listedOn(p.fields.blacklist, today)) return true;
    if (check === 'criterion' && criterion !== undefined && (await hasCaseInCriterion(env, p.id, criterion))) return true;
  }
  return false;
}
