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

/**
 * Appends `entry` to the disclosure log. Fail-closed: it throws when the entry cannot be written,
 * and callers write it before the response leaves, so nothing is disclosed without its record.
 */
export async function recordDisclosure(db: D1Database, entry: DisclosureEntry): Promise<void> {
  await db
    .prepare(
      `INSERT INTO disclosures (id, at, client_id, agency_id, purpose_id, grant_id, action, record_type, subjects, fields, request_hash, response_hash, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(entry.id, entry.at, entry.clientId, entry.agencyId, entry.purposeId, entry.grantId, entry.action, entry.recordType, JSON.stringify(entry.subjects), JSON.stringify(entry.fields), entry.requestHash, entry.responseHash, entry.outcome)
    .run();
}
