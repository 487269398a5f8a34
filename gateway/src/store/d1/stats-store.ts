import type { StatsChange, StatsStore } from '../ports/stats.js';
import { guardChanged } from './change-guard.js';
import { dataVersionsStatement, toDataVersions } from './stats/data-versions.js';
import { getStatsGrant, insertStatsGrant, listStatsGrants, statsGrantIsNow, statsGrantsFor, updateStatsGrantStatus } from './stats/grants.js';
import { listLedgers, spendBudget, spentMicro } from './stats/ledger.js';
import { gazetteerCodes, gazetteerStatement, replaceGazetteer } from './stats/places.js';
import {
  keptProtectedTable,
  protectionLeaseHeld,
  releaseProtectionLeaseStatement,
  storeProtectedTableStatement,
  takeProtectionLease,
} from './stats/protected-tables.js';
import { getPublicSetting, listPublicSettings, publicSettingIsNow, updatePublicSetting } from './stats/public-settings.js';
import { insertRelease, listReleases, reusableRelease } from './stats/releases.js';
import { closeStatsRequest, getStatsRequest, insertStatsRequest, listStatsRequests } from './stats/requests.js';
import { groupedCountsStatement, toTabulationRows, unitRows } from './stats/source.js';

/**
 * The D1 statements of one statistics change, in order (committed with its event by the change
 * store). An etag-conditioned update is followed by a guard on the etag it writes, a close by a guard
 * that it changed one row (so a request is closed once): either aborts the whole batch
 * (`change_guard`'s CHECK). A second pending request of the same kind and target fails the partial unique index, which aborts it too.
 */
export function statsStatementsOf(db: D1Database, change: StatsChange): D1PreparedStatement[] {
  switch (change.op) {
    case 'stats_request.insert':
      return [insertStatsRequest(db, change.request)];
    case 'stats_request.close': {
      const { id, status, by, at } = change.closing;
      return [closeStatsRequest(db, id, status, by, at), ...guardChanged(db)];
    }
    case 'stats_grant.insert':
      return [insertStatsGrant(db, change.grant)];
    case 'stats_grant.status': {
      const { grant } = change;
      return [
        updateStatsGrantStatus(db, grant.id, grant.status, change.expectedEtag, grant.etag, grant.updatedAt),
        ...statsGrantIsNow(db, grant.id, grant.etag),
      ];
    }
    case 'stats_public.update':
      return [updatePublicSetting(db, change.setting, change.expectedEtag), ...publicSettingIsNow(db, change.setting.table, change.setting.etag)];
    case 'stats_places.replace':
      return replaceGazetteer(db, change.codes);
  }
}

/**
 * The statistics port over one D1 database. Every SQL string stays in the table modules of
 * `store/d1/stats/`; this maps the port onto them.
 */
export function d1StatsStore(db: D1Database): StatsStore {
  return {
    getGrant: (id) => getStatsGrant(db, id),
    grantsFor: (agencyId, purpose) => statsGrantsFor(db, agencyId, purpose),
    listGrants: () => listStatsGrants(db),
    getPublicSetting: (table) => getPublicSetting(db, table),
    listPublicSettings: () => listPublicSettings(db),
    getRequest: (id) => getStatsRequest(db, id),
    listRequests: (status) => listStatsRequests(db, status),
    spend: (spend) => spendBudget(db, spend),
    spentMicro: (consumer, purpose) => spentMicro(db, consumer, purpose),
    listLedgers: () => listLedgers(db),
    recordRelease: async (release) => {
      await insertRelease(db, release).run();
    },
    reusableRelease: (consumer, purpose, paramsHash, since) => reusableRelease(db, consumer, purpose, paramsHash, since),
    listReleases: (limit) => listReleases(db, limit),
    placeCodes: () => gazetteerCodes(db),
    unitRows: (table, window) => unitRows(db, table, window),
    keptProtectedTable: (key, recordType) => keptProtectedTable(db, key, recordType),
    finestCounts: async (table, year, window) => {
      // One batch is one transaction: the versions name exactly the data counted.
      const [versions, places, counts] = await db.batch<Record<string, unknown>>([
        dataVersionsStatement(db, table.recordType, year),
        gazetteerStatement(db),
        groupedCountsStatement(db, table, window),
      ]);
      return {
        versions: toDataVersions(versions?.results[0] as { data: number; places: number } | undefined),
        places: (places?.results ?? []).map((r) => String(r.code)),
        rows: toTabulationRows(table, counts?.results ?? []),
      };
    },
    keepProtectedTables: async (rows, lease) => {
      await db.batch([...rows.map((row) => storeProtectedTableStatement(db, row)), releaseProtectionLeaseStatement(db, lease.table, lease.year, lease.holder)]);
    },
    takeProtectionLease: (lease, nowMs, expiresAtMs) => takeProtectionLease(db, lease.table, lease.year, lease.holder, nowMs, expiresAtMs),
    protectionLeaseHeld: (table, year, nowMs) => protectionLeaseHeld(db, table, year, nowMs),
    giveUpProtectionLease: async (lease) => {
      await db.batch([releaseProtectionLeaseStatement(db, lease.table, lease.year, lease.holder)]);
    },
  };
}
