import { z } from '@hono/zod-openapi';
import { DISCLOSURE_MODES, RECORD_ID_PATTERN } from '@need2know/schema';
import {
  CLIENT_KINDS,
  GRANT_REQUEST_ACTIONS,
  GRANT_STATUSES,
  MAX_COPYABLE_PER_TYPE,
  MAX_WINDOW_SECONDS,
  OFFICER_ROLES,
  RECORD_ACTIONS,
  parseRowScope,
  rowScopeSchema,
  type RowScope as PolicyRowScope,
} from '@need2know/policy';
import { MAX_ACCESS_TOKEN_LIFETIME, MIN_ACCESS_TOKEN_LIFETIME } from '../../../platform/config.js';

// The longest disclosure window is the policy's (five years).
export { MAX_WINDOW_SECONDS } from '@need2know/policy';
/** Most records a case-specific grant may list. */
export const MAX_GRANT_RECORD_IDS = 10_000;

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
  .openapi({ example: 'moh-tracing' });
export const RecordId = z.string().regex(RECORD_ID_PATTERN);
const Text = (max: number) => z.string().trim().min(1).max(max);
/** An RFC 3339 date-time with an explicit offset. */
export const DateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-23T08:00:00+07:00' });
const Reason = z.string().trim().max(500).default('');

const Jwk = z.record(z.string(), z.unknown()).openapi('JWK');

export const AgencyCreate = z
  .object({ id: Slug, name: Text(200), name_km: Text(200).optional() })
  .strict()
  .openapi('AgencyCreate');
export const Agency = z.object({ id: z.string(), name: z.string(), name_km: z.string().nullable(), created_at: z.string() }).openapi('Agency');

export const ClientCreate = z
  .object({
    id: Slug,
    kind: z.enum(CLIENT_KINDS),
    agency_id: Slug,
    name: Text(200),
    signing_jwks: z.object({ keys: z.array(Jwk).min(1).max(4) }),
    encryption_jwk: Jwk.optional(),
    ingest_types: z.array(z.string().max(64)).max(16).default([]),
    roles: z
      .array(z.enum(OFFICER_ROLES))
      .max(4)
      .default([])
      .openapi({ description: 'Privacy officers only: `leadership` may approve unblurred media and sensitive cases on grants' }),
  })
  .strict()
  .openapi('ClientCreate');
export const ClientPatch = z
  .object({
    name: Text(200).optional(),
    status: z.enum(['active', 'suspended']).optional(),
    signing_jwks: z.object({ keys: z.array(Jwk).min(1).max(4) }).optional(),
    encryption_jwk: Jwk.optional(),
    reason: Reason,
  })
  .strict()
  .openapi('ClientPatch');
export const Client = z
  .object({
    id: z.string(),
    kind: z.enum(CLIENT_KINDS),
    agency_id: z.string(),
    name: z.string(),
    signing_jwks: z.object({ keys: z.array(Jwk) }),
    encryption_jwk: Jwk.nullable(),
    ingest_types: z.array(z.string()),
    roles: z.array(z.string()),
    status: z.enum(['active', 'suspended']),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Client');

const Rules = z.record(z.string().max(64), z.record(z.string().max(64), z.enum(DISCLOSURE_MODES))).openapi('PurposeRules', {
  description:
    'Per record type, per field: the disclosure mode (GET /v1/admin/record-types lists the modes each field allows). ' +
    'On a free-text field that declares it (`case.narrative`), `redacted` discloses `{ text, counts }`: the text with the names (Khmer and Latin), nicknames, phones, ID numbers and birth dates of the persons linked to the record replaced by role labels (`[victim 1]`, `[suspect 2]`, `[witness 1]`, `[phone]`, `[id]`, `[date of birth]`), other phone- or ID-shaped numbers by `[number]`, and how many of each kind were replaced (never what). ' +
    'It cannot catch a person not linked to the record, a description that identifies, or a misspelling; `redacted` on any other field is refused (`mode_not_allowed`).',
  example: { person: { name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised' } },
});

/** A grant's row scope as the API takes and shows it (`policy/row-scope.ts`); null covers every record the purpose's scope allows. */
export const RowScope = rowScopeSchema.openapi('RowScope', {
  description:
    "Which records a grant covers. `places`: province (2 digits), district (4) or commune (6) codes, null for anywhere; `from`/`until`: civil dates on the record's main date (offence date, test date), both inclusive — records carry only the month or ISO week of that date, so a bound that cuts a month or week leaves it out; `links`: for persons, the links that admit them (`person_in_health_case`, `victim_in_case`). A record outside is answered exactly like a missing one.",
  example: { places: ['12', '08'], from: '2026-03-01', until: null, links: [] },
});
const RowScopeWords = z.object({ en: z.string(), km: z.string() }).openapi({
  description: 'The row scope in words',
  example: { en: 'Phnom Penh and Kandal; records since 1 March 2026', km: 'ភ្នំពេញ និង កណ្ដាល; កំណត់ត្រា ចាប់ពី ថ្ងៃទី 1 ខែមីនា ឆ្នាំ 2026' },
});
/** A row scope the schema accepted, in its one stored form (places sorted, without repeats); null: every record. */
export function normalisedScope(scope: unknown): PolicyRowScope | null {
  if (scope === null) return null;
  const parsed = parseRowScope(scope);
  if (!parsed.ok) throw new Error('a row scope the schema accepted does not parse');
  return parsed.scope;
}
/** Body of a row scope change: narrowing applies at once, widening waits for a second privacy officer. */
export const ScopeChange = z.object({ row_scope: RowScope.nullable(), reason: Reason }).strict().openapi('RowScopeChange');

/** Fields a purpose marks "may be copied", by record type (policy's `copyableFieldIssues` decides which may be). */
export const Copyable = z.record(z.string().max(64), z.array(z.string().max(64)).max(MAX_COPYABLE_PER_TYPE)).openapi('CopyableFields');

export const PurposeBody = z
  .object({
    title: Text(200),
    title_km: Text(200).nullable().optional().openapi({
      description:
        'The title in Khmer, shown when the reader chose Khmer (the English title otherwise). A wording, not a term: setting or changing it applies at once. Null: none; absent on registration: none; absent on replacement: unchanged',
    }),
    legal_basis: Text(500),
    description: z.string().max(2000).default(''),
    rules: Rules,
    actions: z.array(z.enum(RECORD_ACTIONS)).min(1),
    agencies: z.array(Slug).min(1).max(100),
    max_token_lifetime: z.number().int().min(MIN_ACCESS_TOKEN_LIFETIME).max(MAX_ACCESS_TOKEN_LIFETIME).default(300),
    requests_per_minute: z.number().int().min(1).max(100_000).default(60),
    persons_per_hour: z.number().int().min(1).max(1_000_000).default(200),
    officer_requests_per_minute: z.number().int().min(1).max(100_000).optional().openapi({
      description:
        "Requests per minute each client (an officer's viewer or a system) may make under one grant, within the grant's total; default half of requests_per_minute",
    }),
    officer_persons_per_hour: z.number().int().min(1).max(1_000_000).optional().openapi({
      description: "Distinct persons per hour each client may receive under one grant, within the grant's total; default half of persons_per_hour",
    }),
    notification_delay_days: z.number().int().min(0).max(3650).default(0),
    allow_unblurred_media: z
      .boolean()
      .default(false)
      .openapi({ description: 'Flagged media (minors, victims, witnesses, restrained people) may leave unblurred on grants two leadership officers approved' }),
    row_scope: RowScope.nullable()
      .default(null)
      .openapi({ description: "The ceiling of its grants' row scopes (null: every record); a wider one waits for a second officer" }),
    copyable: Copyable.nullable().default(null).openapi({
      description:
        'Fields the viewer lets officers copy (e.g. `{ "health_case": ["phone"] }` for tracing): short values the purpose discloses in clear; each copy carries the trace mark and is logged. Null: nothing may be copied. A newly copyable field waits for a second officer',
    }),
    reason_required: z.boolean().optional().openapi({
      description:
        'Record requests (fetch, search, check, media) must carry a reference (`N2K-Reference`, a case or outbreak number) and a reason (`N2K-Reason`): logged with each disclosure and shown in subject access reports. Absent on registration: yes when the purpose discloses anything about persons; absent on replacement: unchanged. No longer requiring them waits for a second officer',
    }),
    status: z.enum(['active', 'retired']).default('active'),
  })
  .strict();
export const PurposeCreate = PurposeBody.extend({ id: Slug }).strict().openapi('PurposeCreate');
export const PurposeUpdate = PurposeBody.extend({ reason: Reason }).strict().openapi('PurposeUpdate');
export const Purpose = z
  .object({
    id: z.string(),
    title: z.string(),
    title_km: z.string().nullable().openapi({ description: 'The title in Khmer; null: none (readers show the English title)' }),
    legal_basis: z.string(),
    description: z.string(),
    rules: Rules,
    actions: z.array(z.enum(RECORD_ACTIONS)),
    agencies: z.array(z.string()),
    max_token_lifetime: z.number(),
    requests_per_minute: z.number(),
    persons_per_hour: z.number(),
    officer_requests_per_minute: z.number(),
    officer_persons_per_hour: z.number(),
    notification_delay_days: z.number(),
    allow_unblurred_media: z.boolean(),
    row_scope: RowScope.nullable(),
    row_scope_words: RowScopeWords,
    copyable: Copyable.nullable().openapi({ description: 'Fields the viewer lets officers copy (logged); null: none' }),
    reason_required: z.boolean().openapi({ description: 'Record requests must carry a reference and a reason (`N2K-Reference`, `N2K-Reason`)' }),
    status: z.enum(['active', 'retired']),
    version: z.number(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Purpose');

export const GrantCreate = z
  .object({
    purpose_id: Slug,
    agency_id: Slug,
    not_before: DateTime,
    not_after: DateTime,
    data_life_seconds: z.number().int().min(60).max(MAX_WINDOW_SECONDS),
    record_ids: z.array(RecordId).min(1).max(MAX_GRANT_RECORD_IDS).optional(),
    row_scope: RowScope.optional().openapi({
      description: "Restrict the grant's records by places, dates and links; within the purpose's row scope (absent: the purpose's)",
    }),
    unblurred_media: z
      .boolean()
      .default(false)
      .openapi({ description: 'Ask for flagged media unblurred; needs a purpose that allows it and two leadership approvals' }),
    sensitive_cases: z.boolean().default(false).openapi({
      description:
        'Ask for cases marked sensitive; they are disclosed only once two leadership officers approved the grant, and answered as missing until then',
    }),
    note: z.string().max(1000).default(''),
  })
  .strict()
  .openapi('GrantCreate');
export const WindowChange = z.object({ not_after: DateTime, reason: Reason }).strict().openapi('WindowChange');
export const ReasonBody = z.object({ reason: Reason }).strict().openapi('Reason');

export const GrantRequest = z
  .object({
    id: z.string(),
    grant_id: z.string(),
    action: z.enum(GRANT_REQUEST_ACTIONS),
    new_not_after: z.string().nullable(),
    new_row_scope: RowScope.nullable().optional().openapi({ description: 'For `scope`: the wider row scope waiting for approval (null: every record)' }),
    requested_by: z.string(),
    requested_at: z.string(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
  })
  .openapi('GrantRequest');
export const Grant = z
  .object({
    id: z.string(),
    purpose_id: z.string(),
    agency_id: z.string(),
    not_before: z.string(),
    not_after: z.string(),
    data_life_seconds: z.number(),
    record_ids: z.array(z.string()).nullable(),
    row_scope: RowScope.nullable(),
    row_scope_words: RowScopeWords,
    unblurred_media: z.boolean(),
    sensitive_cases: z.boolean(),
    leadership_approvals: z.array(z.string()),
    leadership_approvals_in_force: z
      .array(z.string())
      .openapi({ description: 'The approvals that count now: their officers are active and still hold the leadership role' }),
    status: z.enum(GRANT_STATUSES),
    live: z.boolean().openapi({ description: 'Whether the grant allows disclosure right now' }),
    note: z.string(),
    version: z.number(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    requests: z.array(GrantRequest),
  })
  .openapi('Grant');

export const AdminEvent = z
  .object({
    seq: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target_type: z.string(),
    target_id: z.string(),
    detail: z.record(z.string(), z.unknown()),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .openapi('AdminEvent');

export const SigningKey = z
  .object({
    kid: z.string(),
    alg: z.string(),
    status: z.enum(['active', 'retired']),
    created_at: z.string(),
    retired_at: z.string().nullable(),
    publish_until: z.string().nullable(),
  })
  .openapi('SigningKey');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
