import type { HealthStore } from '../ports/health.js';
import type { OversightStore } from '../ports/oversight.js';
import { searchDisclosureLog } from './disclosure-log.js';
import { disclosuresAboutSubjects, outcomeCountsBySlot, subjectsInDisclosure, usageByDay } from './disclosures.js';
import { migrationState } from './migrations.js';
import { listRevealsOfView } from './viewer-reveals.js';

/** Oversight's reads over one D1 database: the disclosure index (`disclosures.ts`) and the reveals of a view. */
export function d1OversightStore(db: D1Database): OversightStore {
  return {
    disclosuresAboutSubjects: (subjects) => disclosuresAboutSubjects(db, subjects),
    usageByDay: (from, to, agencyId) => usageByDay(db, from, to, agencyId),
    outcomeCountsBySlot: (slots, refusedOutcomes, filter) => outcomeCountsBySlot(db, slots, refusedOutcomes, filter),
    subjectsInDisclosure: (disclosureId, subjects) => subjectsInDisclosure(db, disclosureId, subjects),
    revealsOfView: (viewId) => listRevealsOfView(db, viewId),
    searchDisclosureLog: (filter, cursor, limit) => searchDisclosureLog(db, filter, cursor, limit),
  };
}

/** Readiness's schema read over one D1 database (`d1_migrations`, which wrangler keeps). */
export function d1HealthStore(db: D1Database): HealthStore {
  return { migrationState: (name) => migrationState(db, name) };
}
