/**
 * Committing a batch costs work in proportion to the batch, not to the store: the statements that
 * make pending versions current are driven by the batch's ids (index lookups), so loading a large
 * dataset stays linear. Measured with D1's own `rows_read`.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../platform/env.js';
import { commitVersionsStatements, writePendingStatement, type NewVersion } from './records.js';

const db = (env as unknown as GatewayEnv).DB;
const TYPE = 'person';
const BATCH = 100;

const sealed = (n: number): NewVersion['sealed'] => ({ sealed: {}, plain: {}, facets: {}, tags: [['phone', `tag-${n}`]], keyVersion: 1 });

async function storeCurrent(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500).map((id, k) => ({ id, version: 1, sealed: sealed(i + k) }));
    await db.batch([
      writePendingStatement(db, TYPE, 'owner-a', 'loader', 1, chunk),
      ...commitVersionsStatements(
        db,
        TYPE,
        null,
        chunk.map((v) => ({ id: v.id, version: 1, tags: v.sealed.tags })),
      ),
    ]);
  }
  return ids;
}

describe('commitVersionsStatements', () => {
  it('reads as many rows for a batch whether 1,000 or 5,000 records are stored', async () => {
    const commitCost = async (ids: readonly string[], version: number) => {
      const batch = ids.map((id, k) => ({ id, version, sealed: sealed(version * 100_000 + k) }));
      await writePendingStatement(db, TYPE, 'owner-a', 'loader', version, batch).run();
      const results = await db.batch(
        commitVersionsStatements(
          db,
          TYPE,
          null,
          batch.map((v) => ({ id: v.id, version, tags: v.sealed.tags })),
        ),
      );
      return results.reduce((n, r) => n + (r.meta.rows_read ?? 0), 0);
    };
    const first = await storeCurrent('small', 1_000);
    const small = await commitCost(first.slice(0, BATCH), 2);
    await storeCurrent('large', 4_000);
    const large = await commitCost(first.slice(BATCH, 2 * BATCH), 2);
    // A scan of the type's records per batch record would make the second cost about five times the first.
    expect(large).toBeLessThan(small * 1.25 + 100);

    const current = await db
      .prepare(`SELECT id, version FROM records WHERE type = ?1 AND current = 1 AND id IN (SELECT value FROM json_each(?2))`)
      .bind(TYPE, JSON.stringify(first.slice(0, 2 * BATCH)))
      .all<{ id: string; version: number }>();
    expect(current.results.map((r) => r.version)).toEqual(first.slice(0, 2 * BATCH).map(() => 2));
    const pending = await db.prepare(`SELECT count(*) AS n FROM records WHERE type = ?1 AND pending = 1`).bind(TYPE).first<{ n: number }>();
    expect(pending?.n).toBe(0);
    const tags = await db.prepare(`SELECT count(*) AS n FROM record_index WHERE type = ?1 AND id = ?2`).bind(TYPE, first[0]).first<{ n: number }>();
    expect(tags?.n).toBe(1);
  });

  it('never replaces a newer current version with an older pending one', async () => {
    const [id] = await storeCurrent('order', 1);
    if (id === undefined) throw new Error('no id');
    const v3 = { id, version: 3, sealed: sealed(3) };
    await db.batch([
      writePendingStatement(db, TYPE, 'owner-a', 'loader', 3, [v3]),
      ...commitVersionsStatements(db, TYPE, null, [{ id, version: 3, tags: v3.sealed.tags }]),
    ]);
    const v2 = { id, version: 2, sealed: sealed(2) };
    await writePendingStatement(db, TYPE, 'owner-a', 'loader', 4, [v2]).run();
    await db.batch(commitVersionsStatements(db, TYPE, null, [{ id, version: 2, tags: v2.sealed.tags }]));
    const row = await db.prepare(`SELECT version FROM records WHERE type = ?1 AND id = ?2 AND current = 1`).bind(TYPE, id).first<{ version: number }>();
    expect(row?.version).toBe(3);
  });
});
