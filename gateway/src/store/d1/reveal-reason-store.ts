import type { RevealReasonStore } from '../ports/reveal-reasons.js';
import { countReasonsBelow, reasonsBelow, replaceReasonStatement } from './viewer-reveals.js';

/** The reveal reasons over one D1 database (`viewer_reveals`). */
export function d1RevealReasonStore(db: D1Database): RevealReasonStore {
  return {
    reasonsBelow: (below, limit) => reasonsBelow(db, below, limit),
    replaceReasons: async (rewraps) => {
      if (rewraps.length === 0) return 0;
      const results = await db.batch(rewraps.map((r) => replaceReasonStatement(db, r.id, r.was, r.sealed, r.keyVersion)));
      return results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    },
    countReasonsBelow: (version) => countReasonsBelow(db, version),
  };
}
