import * as z from 'zod';
import type { RecordTypeDef } from './fields.js';
import { recordType } from './record-types/index.js';
import { utcToday } from './validation/date.js';
import { objectShape } from './validation/field-schema.js';
import { issueMessage, type ValidationIssue } from './validation/issues.js';
import { recordIdSchema } from './validation/record-id.js';
import { toValidationIssues } from './validation/to-issues.js';

/** A record as ingested: its id and its fields, already normalised (trimmed NFC text, E.164 phones, 9-digit IDs). */
export interface IngestRecord {
  readonly id: string;
  readonly [field: string]: unknown;
}

/** Options of {@link recordSchema}. */
export interface RecordSchemaOptions {
  /** Today as YYYY-MM-DD, read at each parse; bounds how far in the future a date may lie. Default: the UTC date. */
  readonly today?: () => string;
}

/**
 * The zod schema of the ingest body of a record of type `def`, built from its declarations alone:
 * `{ id, ...fields }`, strict (unknown and derived members refused), required fields enforced, each
 * value checked and normalised by its kind. Parse failures carry our stable codes in `params.code`
 * for custom checks; use {@link validateRecord} to get issues that are safe to return to a client.
 *
 * @example recordSchema(person).safeParse({ id: 'p-1', ... })
 */
export function recordSchema(def: RecordTypeDef, options: RecordSchemaOptions = {}): z.ZodType<IngestRecord> {
  const { today = utcToday } = options;
  const shape = { id: recordIdSchema(), ...objectShape(def.fields, { today }) };
  return z.strictObject(shape).describe(def.title) as unknown as z.ZodType<IngestRecord>;
}

/** Outcome of {@link validateRecord}: the parsed, normalised record, or the issues found. */
export type ValidationResult = { readonly ok: true; readonly record: IngestRecord } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Options of {@link validateRecord}. */
export interface ValidateRecordOptions {
  /** Today as YYYY-MM-DD (default: the UTC date at the time of the call). */
  readonly today?: string;
}

const defaultSchemas = new WeakMap<RecordTypeDef, z.ZodType<IngestRecord>>();

/**
 * Schemas for an explicit `today`, kept because building one costs far more than a parse. Callers pass
 * few distinct days (one per day of uptime, or a fixed test date), so a small bound suffices.
 */
const datedSchemas = new Map<string, z.ZodType<IngestRecord>>();
const DATED_SCHEMAS_MAX = 16;

/**
 * Validate the ingest body of a record of the type named `type`. Issues have a JSON Pointer `path`, a
 * stable `code` and a message that never repeats the submitted value (it may be personal data), so they
 * can be returned to the client and logged as they are.
 *
 * @example
 * const result = validateRecord('person', body);
 * if (!result.ok) return problem(422, 'invalid_record', result.issues);
 */
export function validateRecord(type: string, body: unknown, options: ValidateRecordOptions = {}): ValidationResult {
  const def = recordType(type);
  if (def === undefined) return { ok: false, issues: [{ path: '', code: 'unknown_record_type', message: issueMessage('unknown_record_type') }] };
  const { today } = options;
  const schema = today === undefined ? defaultSchema(def) : datedSchema(def, today);
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, record: result.data };
  return { ok: false, issues: toValidationIssues(def, result.error.issues, body) };
}

function defaultSchema(def: RecordTypeDef): z.ZodType<IngestRecord> {
  let schema = defaultSchemas.get(def);
  if (schema === undefined) {
    schema = recordSchema(def);
    defaultSchemas.set(def, schema);
  }
  return schema;
}

function datedSchema(def: RecordTypeDef, today: string): z.ZodType<IngestRecord> {
  const key = `${def.name}\u0000${today}`;
  let schema = datedSchemas.get(key);
  if (schema === undefined) {
    if (datedSchemas.size >= DATED_SCHEMAS_MAX) datedSchemas.delete(datedSchemas.keys().next().value ?? key);
    schema = recordSchema(def, { today: () => today });
    datedSchemas.set(key, schema);
  }
  return schema;
}
