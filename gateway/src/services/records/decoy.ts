import type { KeyRing } from '@need2know/crypto';
import { recordType } from '@need2know/schema';
import type { RecordRow } from '../../store/ports/records.js';
import { sealRecord } from './seal-record.js';

/** Owner of the stand-in: no agency has it, as no record has its id (ids start with a letter or digit). */
const DECOY_OWNER = '_decoy';
/** The stand-in person's id. */
export const DECOY_PERSON_ID = '_decoy';

/**
 * A synthetic person holding every field a lookup by person opens (the search fields and the
 * required flags), and none of the optional ones: what a known person with no listing holds.
 */
const DECOY_PERSON = {
  id: DECOY_PERSON_ID,
  national_id: '000000000',
  name_km: 'ជំនួស',
  name_latin: 'Stand In',
  sex: 'X',
  date_of_birth: '1990-01-01',
  address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
  red_notice: false,
};

const decoys = new WeakMap<KeyRing, RecordRow>();

/**
 * A stored-looking person sealed under `ring`, for a lookup that found nobody to open instead, so
 * that a miss costs the decryptions a hit costs (the answer is discarded). Sealed once per ring
 * and isolate. Never returned, counted or logged.
 */
export function decoyPersonRow(ring: KeyRing): RecordRow {
  let row = decoys.get(ring);
  if (row === undefined) {
    const def = recordType('person');
    if (def === undefined) throw new Error('the schema has no person type');
    const sealed = sealRecord(ring, DECOY_OWNER, def, DECOY_PERSON);
    row = {
      type: 'person',
      id: DECOY_PERSON_ID,
      version: 1,
      owner: DECOY_OWNER,
      sealed: sealed.sealed,
      plain: sealed.plain,
      facets: {},
      keyVersion: sealed.keyVersion,
      ingestedAt: 0,
      ingestedBy: DECOY_OWNER,
      pending: false,
    };
    decoys.set(ring, row);
  }
  return row;
}
