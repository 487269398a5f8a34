import { personLinks, RECORD_TYPES } from '@need2know/schema';
import type { GatewayEnv } from '../../platform/env.js';
import { disclosuresAboutSubjects, type SubjectDisclosureRow, type UsageRow, usageByDay } from '../../store/d1/disclosures.js';
import { findByBlindIndex } from '../records/search.js';
import { flushDisclosureIndex } from './audit.js';
import { subjectIds } from './subjects.js';
import { recordReaderOf, storesOf } from '../stores.js';

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
      return links.flatMap((l) =>
        l.kind === 'national_id'
          ? [
              findByBlindIndex(recordReaderOf(env), def.name, l.search, { [l.field]: nationalId }, refFields).then((rs) =>
                rs.flatMap((r) => subjectIds(def.name, { ...r.fields, id: r.id })),
              ),
            ]
          : [],
      );
    }),
  );
  return [...new Set(found.flat())];
}

/** One disclosure as a subject access report shows it: when, to whom, why, what. */
export type SubjectDisclosure = Omit<SubjectDisclosureRow, 'delayDays'>;

/**
 * Disclosures concerning any of `subjects` (keyed hashes of persons), oldest first, split into
 * those that may be shown at `now` and those still withheld because their purpose delays
 * notification (covert work).
 */
export async function subjectDisclosures(env: GatewayEnv, subjects: readonly string[], now: number): Promise<{ shown: SubjectDisclosure[]; withheld: number }> {
  if (subjects.length === 0) return { shown: [], withheld: 0 };
  // The index trails the log by moments; a report includes what was disclosed just before it.
  await flushDisclosureIndex(storesOf(env));
  const results = await disclosuresAboutSubjects(env.DB, subjects);
  const shown: SubjectDisclosure[] = [];
  let withheld = 0;
  for (const r of results) {
    if (r.at + r.delayDays * 86_400 > now) {
      withheld++;
      continue;
    }
    shown.push({
      id: r.id,
      at: r.at,
      agencyId: r.agencyId,
      purposeId: r.purposeId,
      grantId: r.grantId,
      action: r.action,
      recordType: r.recordType,
      fields: r.fields,
      logIndex: r.logIndex,
    });
  }
  return { shown, withheld };
}

/** One row of the agency usage report: a day, an agency, a purpose. */
export type { UsageRow } from '../../store/d1/disclosures.js';

/** Per day, agency and purpose in [from, to): answers given, distinct persons, refusals and limit hits. */
export async function agencyUsage(env: GatewayEnv, from: number, to: number, agencyId?: string): Promise<UsageRow[]> {
  await flushDisclosureIndex(storesOf(env));
  return usageByDay(env.DB, from, to, agencyId);
}
