import { blindIndex } from '@need2know/crypto';
import { canonicalJson, recordType } from '@need2know/schema';
import { keyRing } from '../keys/key-ring.js';
import { listedOn, type RowScope } from '@need2know/policy';
import { DECOY_PERSON_ID, decoyPersonRow } from '../records/decoy.js';
import { openRows, readRecords, type OpenedRecord, type RecordReader } from '../records/read.js';
import { rowsInScope, storeScopeFilter } from '../records/row-scope.js';
import { REF_SEARCH_PREFIX } from '../records/seal-record.js';
import { MAX_SEARCH_CANDIDATES } from '../records/search.js';
import { searchValues } from '../records/search-values.js';
import type { RecordRow } from '../../store/ports/index.js';

/** The yes/no questions a partner may ask about a person without receiving a record. */
export const CHECKS = ['red_notice', 'blacklist', 'criterion'] as const;
export type Check = (typeof CHECKS)[number];

/** How the person is named in a check. */
export type CheckSubject = { readonly national_id: string } | { readonly name_latin: string; readonly date_of_birth: string } | { readonly person_id: string };

/** Most case candidates read for a criterion check. */
const MAX_CASES_PER_PERSON = 500;

/** An id no record can have (ids start with a letter or digit). */
const NO_RECORD = '';

/** A blind-index tag no record has (tags are base64url): what terms that do not normalise are looked up as. */
const NO_TAG = '';

/**
 * The persons matching `subject` (usually one; a name + date of birth may match a few), with
 * `fields` opened, only among `within` when given (a case-specific grant's records). Others are
 * never read: a person id outside it is looked up as an id that cannot exist, and searches filter
 * in the index query, so a person outside the grant costs what an unknown one does.
 *
 * A known person and an unknown one cost the same: one storage round trip either way (the index
 * lookup and the read are one statement), a person outside the grant's row `scope` is left out as
 * one outside `within` is, and when nobody is found a stand-in person is opened with
 * the same fields, so a miss makes the decryptions a hit makes. Open only the fields the answer
 * needs, so that what a person holds besides does not show in the time either.
 */
export async function findPersons(
  reader: RecordReader,
  subject: CheckSubject,
  fields: readonly string[],
  within?: readonly string[],
  scope?: RowScope | null,
): Promise<OpenedRecord[]> {
  const def = recordType('person');
  if (def === undefined) throw new Error('the schema has no person type');
  const ring = await keyRing(reader);
  let search: string | null = null;
  let rows: RecordRow[];
  if ('person_id' in subject) {
    rows = await reader.records.currentRecords(
      'person',
      [within === undefined || within.includes(subject.person_id) ? subject.person_id : NO_RECORD],
      storeScopeFilter(def, scope),
    );
  } else {
    search = 'national_id' in subject ? 'national_id' : 'name_dob';
    const wanted = searchValues(def, search, subject);
    const tag = wanted === null ? NO_TAG : blindIndex(ring, { recordType: 'person', search }, wanted);
    rows = await reader.records.currentRecordsByTag('person', search, tag, MAX_SEARCH_CANDIDATES, within, storeScopeFilter(def, scope));
  }
  // A person outside the grant's row scope is answered as an unknown one (links are looked up for a stand-in when nobody was found).
  rows = await rowsInScope(reader, def, rows, scope);
  const candidates = rows.length > 0 ? rows : [decoyPersonRow(ring)];
  const opened = await openRows(
    reader,
    'person',
    candidates.map((r) => r.id),
    candidates,
    [...new Set([...(search === null ? [] : (def.searches[search] ?? [])), ...fields])],
  );
  const target = search === null ? null : canonicalJson(searchValues(def, search, subject));
  const matching = search === null ? opened : opened.filter((p) => canonicalJson(searchValues(def, search, p.fields)) === target);
  return rows.length > 0 ? matching : [];
}

/** Whether any current case involving person `personId` is counted under `criterion`, among the cases inside the grant's row `scope` only. */
export async function hasCaseInCriterion(reader: RecordReader, personId: string, criterion: number, scope?: RowScope | null): Promise<boolean> {
  const ring = await keyRing(reader);
  const search = `${REF_SEARCH_PREFIX}persons.person_id`;
  const caseDef = recordType('case');
  const ids = await reader.records.idsByTag(
    'case',
    search,
    blindIndex(ring, { recordType: 'case', search }, [personId]),
    MAX_CASES_PER_PERSON,
    undefined,
    undefined,
    caseDef === undefined ? null : storeScopeFilter(caseDef, scope),
  );
  if (ids.length === 0) return false;
  const cases = await readRecords(reader, 'case', ids, ['criterion', 'persons']);
  return cases.some(
    (c) =>
      c.fields.criterion === criterion &&
      Array.isArray(c.fields.persons) &&
      (c.fields.persons as { person_id?: unknown }[]).some((p) => p.person_id === personId),
  );
}

/**
 * Answers `check` for the persons found: true when any of them satisfies it. A person who is not
 * found gets `false`, exactly like one who is found and does not satisfy it, so a check never tells
 * whether the gateway knows someone.
 */
export async function answerCheck(
  reader: RecordReader,
  check: Check,
  persons: readonly OpenedRecord[],
  today: string,
  criterion?: number,
  scope?: RowScope | null,
): Promise<boolean> {
  // Nobody found: ask the stand-in the same question, so a miss costs what a person with no such case costs.
  if (check === 'criterion' && criterion !== undefined && persons.length === 0)
    return hasCaseInCriterion(reader, DECOY_PERSON_ID, criterion, scope).then(() => false);
  for (const p of persons) {
    if (check === 'red_notice' && p.fields.red_notice === true) return true;
    if (check === 'blacklist' && listedOn(p.fields.blacklist, today)) return true;
    if (check === 'criterion' && criterion !== undefined && (await hasCaseInCriterion(reader, p.id, criterion, scope))) return true;
  }
  return false;
}
