import { RECORD_ID_PATTERN } from '@need2know/schema';
import { z } from 'zod';
import { RECORD_ACTIONS } from './types.js';

/**
 * The authorization-details types this gateway registers (RFC 9396 §2). A token carries exactly one
 * detail, so it is bound to exactly one purpose (or to ingest, for a data owner).
 */
export const RECORD_ACCESS = 'record_access';
export const RECORD_INGEST = 'record_ingest';
export const STATS_ACCESS = 'stats_access';

const name = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
/** Purpose and grant ids share the record-id grammar (ASCII, no escaping in URLs, logs or AEAD data). */
const id = z.string().regex(RECORD_ID_PATTERN);

/** What a partner asks for: a purpose, and optionally a narrower set of types, fields and actions. */
export const recordAccessRequestSchema = z
  .object({
    type: z.literal(RECORD_ACCESS),
    purpose: id,
    grant: id.optional(),
    record_types: z.array(name).min(1).max(16).optional(),
    fields: z.record(name, z.array(name).min(1).max(128)).optional(),
    actions: z.array(z.enum(RECORD_ACTIONS)).min(1).max(RECORD_ACTIONS.length).optional(),
  })
  .strict();
export type RecordAccessRequest = z.infer<typeof recordAccessRequestSchema>;

/** What a data owner asks for: the record types it will ingest. */
export const recordIngestRequestSchema = z
  .object({
    type: z.literal(RECORD_INGEST),
    record_types: z.array(name).min(1).max(16),
  })
  .strict();
export type RecordIngestRequest = z.infer<typeof recordIngestRequestSchema>;

/** What an agency asks for to receive aggregate statistics: a statistics purpose, optionally a grant and some tables. */
export const statsAccessRequestSchema = z
  .object({
    type: z.literal(STATS_ACCESS),
    purpose: id,
    grant: id.optional(),
    tables: z.array(name).min(1).max(16).optional(),
  })
  .strict();
export type StatsAccessRequest = z.infer<typeof statsAccessRequestSchema>;

export const authorizationDetailSchema = z.discriminatedUnion('type', [recordAccessRequestSchema, recordIngestRequestSchema, statsAccessRequestSchema]);
export type AuthorizationDetailRequest = z.infer<typeof authorizationDetailSchema>;

/** The granted `record_access` detail, as returned in the token response and carried in the token. */
export interface GrantedRecordAccess {
  readonly type: typeof RECORD_ACCESS;
  readonly purpose: string;
  readonly grant: string;
  readonly record_types: readonly string[];
  readonly fields: Readonly<Record<string, readonly string[]>>;
  readonly actions: readonly string[];
  /** The disclosure mode of every granted field (informative: the gateway applies it). */
  readonly disclosure: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Present when the grant is restricted to a list of records. */
  readonly record_ids?: readonly string[];
  /** Unix time at which the grant's window ends. */
  readonly window_ends: number;
}

/** The granted `record_ingest` detail. */
export interface GrantedRecordIngest {
  readonly type: typeof RECORD_INGEST;
  readonly record_types: readonly string[];
}

/** The granted `stats_access` detail: the statistics grant and the tables it opens. */
export interface GrantedStatsAccess {
  readonly type: typeof STATS_ACCESS;
  readonly purpose: string;
  readonly grant: string;
  readonly tables: readonly string[];
  /** Unix time at which the grant's window ends. */
  readonly window_ends: number;
}

export type GrantedDetail = GrantedRecordAccess | GrantedRecordIngest | GrantedStatsAccess;

/** Member names of the detail schemas: the only names a reason may repeat. */
const SCHEMA_KEYS = new Set(['type', 'purpose', 'grant', 'record_types', 'fields', 'actions', 'tables']);

/** Where a schema issue is, naming schema members and positions only: a key the caller chose (a `fields` record type) shows as `*`. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' || (typeof p === 'string' && SCHEMA_KEYS.has(p)) ? String(p) : '*')).join('.');
}

/** Outcome of parsing the `authorization_details` form parameter. */
export type ParsedDetails = { ok: true; details: AuthorizationDetailRequest[] } | { ok: false; reason: string };

/**
 * Parses the `authorization_details` parameter (a JSON array, RFC 9396 §2). Never throws.
 */
export function parseAuthorizationDetails(raw: string, maxItems: number): ParsedDetails {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'authorization_details is not JSON' };
  }
  if (!Array.isArray(json)) return { ok: false, reason: 'authorization_details is not an array' };
  if (json.length === 0 || json.length > maxItems) return { ok: false, reason: `authorization_details must hold 1 to ${maxItems} entries` };
  const details: AuthorizationDetailRequest[] = [];
  for (const entry of json) {
    const parsed = authorizationDetailSchema.safeParse(entry);
    if (!parsed.success) return { ok: false, reason: `authorization_details entry invalid at ${issuePath(parsed.error.issues[0]?.path ?? [])}` };
    details.push(parsed.data);
  }
  return { ok: true, details };
}
