import { personLinks, RECORD_TYPES } from '@need2know/schema';
import type { GatewayEnv } from '../env.js';
import { findByBlindIndex } from '../records/search.js';
import { flushDisclosureIndex } from './audit.js';
import { subjectIds } from './subjects.js';

/**
 * The subjects (as `subjectIds` names them in the log) of every record, of every type, that names the
 * person holding `nationalId`: their person records, and through those the cases that name them;
 * health cases holding the same national ID; any type whose declarations link it to a person by
 * national ID. A subject access report built on fewer would say "no disclosures" of someone whose
 * health case went out.
 */
export async function subjectsOfNationalId(env: GatewayEnv, nationalId: string): Promise<string[]> {
  const found = await Promise.all(
    Object.values(RECORD_TYPES).flatMap((def) => {
      const links = personLinks(def);
      // Open what `subjectIds` reads: the fields that refer to person records.
      const refFields = links.flatMap((l) => (l.kind === 'ref' ? [l.field] : []));
      return links.flatMap((l) => (l.kind === 'national_id' ? [findByBlindIndex(env, def.name, l.search, { [l.field]: nationalId }, refFields).then((rs) => rs.flatMap((r) => subjectIds(def.name, { ...r.fields, id: r.id })))] : []));
    }),
  );
  return [...new Set(found.flat())];
}

/** One disclosure as a subject access report shows it: when, to whom, why, what. */
export interface SubjectDisclosure {
  readonly id: string;
  readonly at: number;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly action: string;
  readonly recordType: string;
  readonly fields: Record<string, string>;
  readonly logIndex: number;
}

/**
 * Disclosures concerning any of `subjects` (keyed hashes of persons), oldest first, split into
 * those that may be shown at `now` and those still withheld because their purpose delays
 * notification (covert work).
 */
export async function subjectDisclosures(env: GatewayEnv, subjects: readonly string[], now: number): Promise<{ shown: SubjectDisclosure[]; withheld: number }> {
  if (subjects.length === 0) return { shown: [], withheld: 0 };
  // The index trails the log by moments; a report includes what was disclosed just before it.
  await flushDisclosureIndex(env);
  const { results } = await env.DB.prepare(
    `SELECT d.id, d.at, d.agency_id, d.purpose_id, d.grant_id, d.action, d.record_type, d.fields, d.log_index, p.notification_delay_days AS delay
     FROM disclosures d JOIN purposes p ON p.id = d.purpose_id
     WHERE d.outcome = 'disclosed' AND d.id IN (SELECT disclosure_id FROM disclosure_subjects WHERE subject IN (SELECT value FROM json_each(?1)))
     ORDER BY d.at, d.log_index`,
  )
    .bind(JSON.stringify(subjects))
    .all<{ id: string; at: number; agency_id: string; purpose_id: string; grant_id: string; action: string; record_type: string; fields: string; log_index: number; delay: number }>();
  const shown: SubjectDisclosure[] = [];
  let withheld = 0;
  for (const r of results) {
    if (r.at + r.delay * 86_400 > now) {
      withheld++;
      continue;
    }
    shown.push({ id: r.id, at: r.at, agencyId: r.agency_id, purposeId: r.purpose_id, grantId: r.grant_id, action: r.action, recordType: r.record_type, fields: JSON.parse(r.fields) as Record<string, string>, logIndex: r.log_index });
  }
  return { shown, withheld };
}

/** One row of the agency usage report: a day, an agency, a purpose. */
export interface UsageRow {
  readonly day: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly disclosures: number;
  readonly persons: number;
  readonly fieldsDisclosed: number;
  readonly notFound: number;
  readonly rateLimited: number;
  readonly keysDestroyed: number;
}

/** Per day, agency and purpose in [from, to): answers given, distinct persons, refusals and limit hits. */
export async function agencyUsage(env: GatewayEnv, from: number, to: number, agencyId?: string): Promise<UsageRow[]> {
  await flushDisclosureIndex(env);
  const { results } = await env.DB.prepare(
    `SELECT date(d.at, 'unixepoch') AS day, d.agency_id, d.purpose_id,
            sum(d.outcome = 'disclosed') AS disclosures,
            (SELECT count(DISTINCT s.subject) FROM disclosure_subjects s JOIN disclosures x ON x.id = s.disclosure_id
              WHERE x.agency_id = d.agency_id AND x.purpose_id = d.purpose_id AND date(x.at, 'unixepoch') = date(d.at, 'unixepoch') AND x.outcome = 'disclosed') AS persons,
            sum(CASE WHEN d.outcome = 'disclosed' THEN (SELECT count(*) FROM json_each(d.fields)) ELSE 0 END) AS fields_disclosed,
            sum(d.outcome = 'not_found') AS not_found,
            sum(d.outcome = 'rate_limited') AS rate_limited,
            sum(d.outcome = 'key_destroyed') AS keys_destroyed
     FROM disclosures d
     WHERE d.at >= ?1 AND d.at < ?2 AND (?3 IS NULL OR d.agency_id = ?3)
     GROUP BY day, d.agency_id, d.purpose_id
     ORDER BY day, d.agency_id, d.purpose_id`,
  )
    .bind(from, to, agencyId ?? null)
    .all<{ day: string; agency_id: string; purpose_id: string; disclosures: number; persons: number; fields_disclosed: number; not_found: number; rate_limited: number; keys_destroyed: number }>();
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
  }));
}
