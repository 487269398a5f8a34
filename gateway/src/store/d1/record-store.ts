import type { RecordStore } from '../ports/records.js';
import {
  commitVersionsStatements,
  countRowsBelowKeyVersion,
  currentRecords,
  currentRecordsByTag,
  idsByTag,
  ingestTargets,
  keyVersionCounts,
  recordVersions,
  rewrapRowStatement,
  rowsBelowKeyVersion,
  writePendingStatement,
} from './records.js';

/**
 * The records port over one D1 database. Every SQL string stays in `records.ts` beside this; this
 * maps the port onto it (a commit is one batch: one transaction).
 */
export function d1RecordStore(db: D1Database): RecordStore {
  return {
    currentRecords: (type, ids, scope) => currentRecords(db, type, ids, scope),
    idsByTag: (type, search, tag, limit, within, hide, scope) => idsByTag(db, type, search, tag, limit, within, hide, scope),
    currentRecordsByTag: (type, search, tag, limit, within, scope) => currentRecordsByTag(db, type, search, tag, limit, within, scope),
    recordVersions: (type, id) => recordVersions(db, type, id),
    ingestTargets: (type, ids) => ingestTargets(db, type, ids),
    writePending: async ({ type, owner, by, at, versions }) => {
      if (versions.length === 0) return true;
      try {
        await writePendingStatement(db, type, owner, by, at, versions).run();
        return true;
      } catch (err) {
        // A version number taken by a concurrent ingest (primary key): nothing was written.
        if (err instanceof Error && /UNIQUE constraint failed/.test(err.message)) return false;
        throw err;
      }
    },
    commitVersions: async (type, statsTimeFacet, versions) => {
      if (versions.length === 0) return;
      await db.batch(commitVersionsStatements(db, type, statsTimeFacet, versions));
    },
    rowsBelowKeyVersion: (current, limit, after) => rowsBelowKeyVersion(db, current, limit, after),
    rewrapRows: async (rewraps) => {
      if (rewraps.length === 0) return 0;
      const results = await db.batch(rewraps.map((r) => rewrapRowStatement(db, r.row, r.sealed, r.keyVersion, JSON.stringify(r.was))));
      return results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    },
    countBelowKeyVersion: (version) => countRowsBelowKeyVersion(db, version),
    keyVersionCounts: () => keyVersionCounts(db),
  };
}
