/**
 * Limits applied when records are validated on ingest. Each is a named constant with its reason, so
 * that a reviewer can find every bound in one place.
 */

/**
 * Record ids (and `ref` fields that point at them): ASCII letters and digits first, then `._:-`, at
 * most 64 characters. Ids appear in URLs, logs and AEAD additional data, so they must need no escaping.
 * The one id grammar: the gateway's routes, the authorization details' purpose and grant ids, the
 * token endpoint's claimed client ids and the viewer all test against this pattern.
 */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Items in one `list` field. Bounds the work and storage of one record; real cases list far fewer. */
export const LIST_MAX_ITEMS = 200;

/** Length of a `string` field whose declaration gives no `maxLength`. */
export const STRING_DEFAULT_MAX_LENGTH = 200;

/** Length of a `text` field whose declaration gives no `maxLength`. */
export const TEXT_DEFAULT_MAX_LENGTH = 8000;

/** Earliest accepted date: nobody alive, and no record the gateway holds, predates it. */
export const DATE_MIN = '1900-01-01';

/**
 * How far after today a date may lie. Future dates are legitimate (the last day of a blacklist listing),
 * but a year such as 2205 is a typing mistake.
 */
export const DATE_MAX_YEARS_AHEAD = 50;

/**
 * Raw length of a phone number or national ID before separators are removed. Real inputs are far
 * shorter; the bound stops pathological strings before any work is done on them.
 */
export const IDENTIFIER_INPUT_MAX_LENGTH = 32;

/** Issues reported for one record. Enough to fix a batch of mistakes; bounds the size of the response. */
export const MAX_ISSUES = 50;

/** Highest province code: Cambodia has 25 provinces including the capital, 01 Banteay Meanchey … 25 Tbong Khmum. */
export const PROVINCE_CODE_MAX = 25;
