import type { GatewayEnv } from '../env.js';

/** One row of the disclosure log: who received what about whom, bound to request and response. */
export interface DisclosureEntry {
  readonly id: string;
  readonly at: number;
  readonly clientId: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly action: 'fetch' | 'search' | 'check' | 'viewer_key';
  readonly recordType: string;
  /** Keyed hashes of the persons concerned, never ids or names. */
  readonly subjects: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly requestHash: string;
  readonly responseHash: string;
  readonly outcome: 'disclosed' | 'not_found' | 'rate_limited' | 'key_destroyed';
}

/** The shard of the tamper-evident log disclosures are appended to. */
export const AUDIT_SHARD = 'log:main';

/** The tamper-evident log (one Durable Object per shard). */
export function auditLog(env: GatewayEnv) {
  return env.AUDIT_LOG.get(env.AUDIT_LOG.idFromName(AUDIT_SHARD));
}

/**
 * Appends `entry` to the tamper-evident log, then indexes it in D1 for reports. Fail-closed: it
 * throws when either cannot be written, and callers write it before the response leaves, so
 * nothing is disclosed without its record.
 */
export async function recordDisclosure(env: GatewayEnv, entry: DisclosureEntry): Promise<void> {
  const { first } = await auditLog(env).append([
    {
      kind: 'disclosure',
      id: entry.id,
      at: entry.at,
      client: entry.clientId,
      agency: entry.agencyId,
      purpose: entry.purposeId,
      grant: entry.grantId,
      action: entry.action,
      record_type: entry.recordType,
      subjects: [...entry.subjects],
      fields: { ...entry.fields },
      request_hash: entry.requestHash,
      response_hash: entry.responseHash,
      outcome: entry.outcome,
    },
  ]);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO disclosures (id, at, client_id, agency_id, purpose_id, grant_id, action, record_type, subjects, fields, request_hash, response_hash, outcome, log_index)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(entry.id, entry.at, entry.clientId, entry.agencyId, entry.purposeId, entry.grantId, entry.action, entry.recordType, JSON.stringify(entry.subjects), JSON.stringify(entry.fields), entry.requestHash, entry.responseHash, entry.outcome, first),
    env.DB.prepare('INSERT OR IGNORE INTO disclosure_subjects (subject, disclosure_id) SELECT value, ?1 FROM json_each(?2)').bind(entry.id, JSON.stringify(entry.subjects)),
  ]);
}
