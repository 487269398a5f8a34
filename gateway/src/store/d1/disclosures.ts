/**
 * Reads of the D1 index of disclosures (`disclosures`, `disclosure_subjects`), which the audit-log
 * object writes behind its appends (`store/objects/audit-log/disclosure-index.ts`). The index may
 * trail the log by moments: callers that must see the latest entries flush it first.
 */
import type { SlotCounts, SubjectDisclosureRow, UsageRow } from '../ports/oversight.js';

export type { SlotCounts, SubjectDisclosureRow, UsageRow } from '../ports/oversight.js';

/** Disclosed answers concerning any of `subjects` (keyed hashes of persons), oldest first. */
export async function disclosuresAboutSubjects(db: D1Database, subjects: readonly string[]): Promise<SubjectDisclosureRow[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id, d.at, d.agency_id, d.purpose_id, d.grant_id, d.action, d.record_type, d.fields, d.log_index, p.notification_delay_days AS delay
     FROM disclosures d JOIN purposes p ON p.id = d.purpose_id
     WHERE d.outcome = 'disclosed' AND d.id IN (SELECT disclosure_id FROM disclosure_subjects WHERE subject IN (SELECT value FROM json_each(?1)))
     ORDER BY d.at, d.log_index`,
    )
    .bind(JSON.stringify(subjects))
    .all<{
      id: string;
      at: number;
      agency_id: string;
      purpose_id: string;
      grant_id: string;
      action: string;
      record_type: string;
      fields: string;
      log_index: number;
      delay: number;
    }>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    agencyId: r.agency_id,
    purposeId: r.purpose_id,
    grantId: r.grant_id,
    action: r.action,
    recordType: r.record_type,
    fields: JSON.parse(r.fields) as Record<string, string>,
    logIndex: r.log_index,
    delayDays: r.delay,
  }));
}

/** Per UTC day, agency and purpose in [from, to): answers given, distinct persons, refusals and limit hits. */
export async function usageByDay(db: D1Database, from: number, to: number, agencyId?: string): Promise<UsageRow[]> {
  const { results } = await db
    .prepare(
      `SELECT date(d.at, 'unixepoch') AS day, d.agency_id, d.purpose_id,
            sum(d.outcome = 'disclosed') AS disclosures,
            (SELECT count(DISTINCT s.subject) FROM disclosure_subjects s JOIN disclosures x ON x.id = s.disclosure_id
              WHERE x.agency_id = d.agency_id AND x.purpose_id = d.purpose_id AND date(x.at, 'unixepoch') = date(d.at, 'unixepoch') AND x.outcome = 'disclosed') AS persons,
            sum(CASE WHEN d.outcome = 'disclosed' THEN (SELECT count(*) FROM json_each(d.fields)) ELSE 0 END) AS fields_disclosed,
            sum(d.outcome = 'not_found') AS not_found,
            sum(d.outcome = 'rate_limited') AS rate_limited,
            sum(d.outcome = 'key_destroyed') AS keys_destroyed,
            sum(d.outcome IN ('reason_required', 'reason_invalid')) AS reason_refused
     FROM disclosures d
     WHERE d.at >= ?1 AND d.at < ?2 AND (?3 IS NULL OR d.agency_id = ?3)
     GROUP BY day, d.agency_id, d.purpose_id
     ORDER BY day, d.agency_id, d.purpose_id`,
    )
    .bind(from, to, agencyId ?? null)
    .all<{
      day: string;
      agency_id: string;
      purpose_id: string;
      disclosures: number;
      persons: number;
      fields_disclosed: number;
      not_found: number;
      rate_limited: number;
      keys_destroyed: number;
      reason_refused: number;
    }>();
  return results.map((r) => ({
    day: r.day,
    agencyId: r.agency_id,
    purposeId: r.purpose_id,
    disclosures: r.disclosures,
    persons: r.persons,
    fieldsDisclosed: r.fields_disclosed,
    notFound: r.not_found,
    rateLimited: r.rate_limited,
    keysDestroyed: r.keys_destroyed,
    reasonRefused: r.reason_refused,
  }));
}

/**
 * Per agency and purpose, for each of `slots` ([start, end) in unix seconds): answers given, answers
 * whose outcome is one of `refusedOutcomes`, and requests stopped by a rate limit. Slots and pairs
 * with nothing are absent. Each slot is a range of `at`, so the query walks the (agency, at) index
 * once per agency and slot instead of scanning the table.
 */
export async function outcomeCountsBySlot(
  db: D1Database,
  slots: readonly (readonly [number, number])[],
  refusedOutcomes: readonly string[],
  filter: { agencyId?: string; purposeId?: string } = {},
): Promise<SlotCounts[]> {
  const { results } = await db
    .prepare(
      `SELECT b.key AS slot, d.agency_id, d.purpose_id,
              sum(d.outcome = 'disclosed') AS disclosed,
              sum(d.outcome IN (SELECT value FROM json_each(?4))) AS refused,
              sum(d.outcome = 'rate_limited') AS rate_limited
       FROM json_each(?1) b
       JOIN disclosures d ON d.agency_id IN (SELECT id FROM agencies WHERE ?2 IS NULL OR id = ?2)
                         AND d.at >= json_extract(b.value, '$[0]') AND d.at < json_extract(b.value, '$[1]')
       WHERE ?3 IS NULL OR d.purpose_id = ?3
       GROUP BY b.key, d.agency_id, d.purpose_id`,
    )
    .bind(JSON.stringify(slots), filter.agencyId ?? null, filter.purposeId ?? null, JSON.stringify(refusedOutcomes))
    .all<{ slot: number; agency_id: string; purpose_id: string; disclosed: number; refused: number; rate_limited: number }>();
  return results.map((r) => ({
    slot: r.slot,
    agencyId: r.agency_id,
    purposeId: r.purpose_id,
    disclosed: r.disclosed,
    refused: r.refused,
    rateLimited: r.rate_limited,
  }));
}

/** How many of `subjects` the disclosure `disclosureId` was about. */
export async function subjectsInDisclosure(db: D1Database, disclosureId: string, subjects: readonly string[]): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM disclosure_subjects WHERE disclosure_id = ?1 AND subject IN (SELECT value FROM json_each(?2))')
    .bind(disclosureId, JSON.stringify(subjects))
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The record type of delivery `disclosureId` if it was disclosed to `clientId` under `grantId`, else null. */
export async function deliveredRecordType(db: D1Database, disclosureId: string, clientId: string, grantId: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT record_type FROM disclosures WHERE id = ? AND client_id = ? AND grant_id = ? AND outcome = 'disclosed'")
    .bind(disclosureId, clientId, grantId)
    .first<{ record_type: string }>();
  return row?.record_type ?? null;
}
