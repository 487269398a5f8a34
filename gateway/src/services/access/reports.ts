import { personLinks, RECORD_TYPES } from '@need2know/schema';
import type { Stores, SubjectDisclosureRow, UsageRow } from '../../store/ports/index.js';
import type { RecordReader } from '../records/read.js';
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
export async function subjectsOfNationalId(reader: RecordReader, nationalId: string): Promise<string[]> {
  const found = await Promise.all(
    Object.values(RECORD_TYPES).flatMap((def) => {
      const links = personLinks(def);
      // Open what `subjectIds` reads: the fields that refer to person records.
      const refFields = links.flatMap((l) => (l.kind === 'ref' ? [l.field] : []));
      return links.flatMap((l) =>
        l.kind === 'national_id'
          ? [
              findByBlindIndex(reader, def.name, l.search, { [l.field]: nationalId }, refFields).then((rs) =>
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
export async function subjectDisclosures(
  stores: Pick<Stores, 'oversight' | 'auditLog'>,
  subjects: readonly string[],
  now: number,
): Promise<{ shown: SubjectDisclosure[]; withheld: number }> {
  if (subjects.length === 0) return { shown: [], withheld: 0 };
  // The index trails the log by moments; a report includes what was disclosed just before it.
  await flushDisclosureIndex(stores);
  const results = await stores.oversight.disclosuresAboutSubjects(subjects);
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
export type { UsageRow } from '../../store/ports/index.js';

/** Per day, agency and purpose in [from, to): answers given, distinct persons, refusals and limit hits. */
export async function agencyUsage(stores: Pick<Stores, 'oversight' | 'auditLog'>, from: number, to: number, agencyId?: string): Promise<UsageRow[]> {
  await flushDisclosureIndex(stores);
  return stores.oversight.usageByDay(from, to, agencyId);
}
