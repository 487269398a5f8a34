import { guardCount } from '../change-guard.js';
import { parseJson } from '../rows.js';
import type { PublicSetting } from '@need2know/policy';
import type { StoredPublicSetting } from '../../ports/stats.js';

export type { StoredPublicSetting } from '../../ports/stats.js';

interface Raw {
  table_name: string;
  enabled: number;
  threshold: number;
  methods: string;
  max_epsilon_micro: number;
  budget_micro: number;
  etag: string;
  updated_by: string;
  updated_at: number;
}

const toSetting = (r: Raw): StoredPublicSetting => ({
  table: r.table_name,
  enabled: r.enabled === 1,
  threshold: r.threshold,
  methods: parseJson<PublicSetting['methods']>(r.methods),
  maxEpsilonMicro: r.max_epsilon_micro,
  budgetMicro: r.budget_micro,
  etag: r.etag,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export async function getPublicSetting(db: D1Database, table: string): Promise<StoredPublicSetting | null> {
  const row = await db.prepare('SELECT * FROM stats_public WHERE table_name = ?').bind(table).first<Raw>();
  return row === null ? null : toSetting(row);
}

export async function listPublicSettings(db: D1Database): Promise<StoredPublicSetting[]> {
  const { results } = await db.prepare('SELECT * FROM stats_public ORDER BY table_name').all<Raw>();
  return results.map(toSetting);
}

/** Statement replacing a setting, only if it still carries `expectedEtag`. */
export function updatePublicSetting(db: D1Database, s: StoredPublicSetting, expectedEtag: string): D1PreparedStatement {
  return db
    .prepare(
      'UPDATE stats_public SET enabled = ?, threshold = ?, methods = ?, max_epsilon_micro = ?, budget_micro = ?, etag = ?, updated_by = ?, updated_at = ? WHERE table_name = ? AND etag = ?',
    )
    .bind(s.enabled ? 1 : 0, s.threshold, JSON.stringify(s.methods), s.maxEpsilonMicro, s.budgetMicro, s.etag, s.updatedBy, s.updatedAt, s.table, expectedEtag);
}

/** Statements aborting the change batch unless the setting of `table` now has `etag` (the change just before them won). */
export function publicSettingIsNow(db: D1Database, table: string, etag: string): D1PreparedStatement[] {
  return guardCount(db, 'SELECT count(*) FROM stats_public WHERE table_name = ? AND etag = ?', table, etag);
}
