/**
 * The disclosure log as privacy officers search it: rows of the D1 index of disclosures
 * (`disclosures`), newest first, filtered by who, under what, about which record type, with which
 * outcome and when, a page at a time. Persons are never a filter and never returned: the index holds
 * only keyed hashes of them, and this read gives back how many persons a row concerned, not which.
 */
import type { DisclosureLogCursor, DisclosureLogFilter, DisclosureLogRow } from '../ports/oversight.js';

export type { DisclosureLogCursor, DisclosureLogFilter, DisclosureLogRow } from '../ports/oversight.js';

/** Up to `limit` rows matching `filter`, newest first, after `cursor` when given. */
export async function searchDisclosureLog(
  db: D1Database,
  filter: DisclosureLogFilter,
  cursor: DisclosureLogCursor | null,
  limit: number,
): Promise<DisclosureLogRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, client_id, agency_id, purpose_id, grant_id, action, record_type, fields, outcome, log_index,
              json_array_length(subjects) AS persons
       FROM disclosures
       WHERE (?1 IS NULL OR agency_id = ?1) AND (?2 IS NULL OR client_id = ?2) AND (?3 IS NULL OR purpose_id = ?3)
         AND (?4 IS NULL OR grant_id = ?4) AND (?5 IS NULL OR record_type = ?5) AND (?6 IS NULL OR outcome = ?6)
         AND (?7 IS NULL OR at >= ?7) AND (?8 IS NULL OR at < ?8)
         AND (?9 IS NULL OR at < ?9 OR (at = ?9 AND id < ?10))
       ORDER BY at DESC, id DESC
       LIMIT ?11`,
    )
    .bind(
      filter.agencyId ?? null,
      filter.clientId ?? null,
      filter.purposeId ?? null,
      filter.grantId ?? null,
      filter.recordType ?? null,
      filter.outcome ?? null,
      filter.from ?? null,
      filter.to ?? null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      limit,
    )
    .all<{
      id: string;
      at: number;
      client_id: string;
      agency_id: string;
      purpose_id: string;
      grant_id: string;
      action: string;
      record_type: string;
      fields: string;
      outcome: string;
      log_index: number | null;
      persons: number;
    }>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    clientId: r.client_id,
    agencyId: r.agency_id,
    purposeId: r.purpose_id,
    grantId: r.grant_id,
    action: r.action,
    recordType: r.record_type,
    fields: JSON.parse(r.fields) as Record<string, string>,
    outcome: r.outcome,
    logIndex: r.log_index,
    persons: r.persons,
  }));
}
