/** `request_reasons` (migration 0023): the sealed reasons stated with record requests, one row per distinct reason. */
import type { RequestReasonStore, StoredRequestReason } from '../ports/request-reasons.js';

/** Most hashes read in one statement (D1 binds at most 100 parameters). */
const HASHES_PER_READ = 90;

interface Row {
  reason_hash: string;
  reason: string;
  key_version: number;
}

const toReason = (r: Row): StoredRequestReason => ({ reasonHash: r.reason_hash, sealed: r.reason, keyVersion: r.key_version });

/** The request reasons over one D1 database. */
export function d1RequestReasonStore(db: D1Database): RequestReasonStore {
  return {
    keepReason: async (r, at) => {
      await db
        .prepare('INSERT INTO request_reasons (reason_hash, reason, key_version, first_at) VALUES (?, ?, ?, ?) ON CONFLICT (reason_hash) DO NOTHING')
        .bind(r.reasonHash, r.sealed, r.keyVersion, at)
        .run();
    },
    reasonsByHash: async (hashes) => {
      const unique = [...new Set(hashes)];
      const out: StoredRequestReason[] = [];
      for (let i = 0; i < unique.length; i += HASHES_PER_READ) {
        const part = unique.slice(i, i + HASHES_PER_READ);
        const { results } = await db
          .prepare(`SELECT reason_hash, reason, key_version FROM request_reasons WHERE reason_hash IN (${part.map(() => '?').join(', ')})`)
          .bind(...part)
          .all<Row>();
        out.push(...results.map(toReason));
      }
      return out;
    },
    reasonsBelow: async (below, limit) => {
      const { results } = await db
        .prepare('SELECT reason_hash, reason, key_version FROM request_reasons WHERE key_version < ? LIMIT ?')
        .bind(below, limit)
        .all<Row>();
      return results.map(toReason);
    },
    replaceReasons: async (rewraps) => {
      if (rewraps.length === 0) return 0;
      const results = await db.batch(
        rewraps.map((r) =>
          db
            .prepare('UPDATE request_reasons SET reason = ?, key_version = ? WHERE reason_hash = ? AND reason = ?')
            .bind(r.sealed, r.keyVersion, r.reasonHash, r.was),
        ),
      );
      return results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    },
    countReasonsBelow: async (version) =>
      (await db.prepare('SELECT count(*) AS n FROM request_reasons WHERE key_version < ?').bind(version).first<{ n: number }>())?.n ?? 0,
  };
}
