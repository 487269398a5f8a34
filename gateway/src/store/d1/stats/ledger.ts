import type { LedgerLine, Spend, SpendOutcome } from '../../ports/stats.js';

export type { LedgerLine, Spend, SpendOutcome } from '../../ports/stats.js';

/**
 * Spends ε from the ledger of (consumer, purpose), or refuses when it would go over the limit. One D1
 * batch (a transaction): the ledger row is created if missing, raised only if the sum stays within the
 * limit, and a guard row — whose CHECK fails unless this very spend was applied — aborts the whole
 * batch otherwise, taking the spend record with it. Concurrent spends are serialised by the database,
 * so two racing requests can never both pass a limit only one of them fits in. Nothing is released
 * before this has succeeded.
 */
export async function spendBudget(db: D1Database, spend: Spend): Promise<SpendOutcome> {
  try {
    await db.batch([
      db
        .prepare("INSERT OR IGNORE INTO stats_budgets (consumer, purpose, spent_micro, last_spend, updated_at) VALUES (?, ?, 0, '', ?)")
        .bind(spend.consumer, spend.purpose, spend.at),
      db
        .prepare(
          'UPDATE stats_budgets SET spent_micro = spent_micro + ?1, last_spend = ?2, updated_at = ?3 WHERE consumer = ?4 AND purpose = ?5 AND spent_micro + ?1 <= ?6',
        )
        .bind(spend.epsilonMicro, spend.id, spend.at, spend.consumer, spend.purpose, spend.limitMicro),
      db
        .prepare('INSERT INTO change_guard (ok) SELECT count(*) FROM stats_budgets WHERE consumer = ? AND purpose = ? AND last_spend = ?')
        .bind(spend.consumer, spend.purpose, spend.id),
      db.prepare('DELETE FROM change_guard'),
      db
        .prepare(
          'INSERT INTO stats_spends (id, consumer, purpose, table_name, epsilon_micro, limit_micro, release_id, client_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .bind(spend.id, spend.consumer, spend.purpose, spend.table, spend.epsilonMicro, spend.limitMicro, spend.releaseId, spend.clientId, spend.at),
    ]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/CHECK constraint failed/i.test(message)) throw err;
    return { ok: false, spentMicro: await spentMicro(db, spend.consumer, spend.purpose) };
  }
  return { ok: true, spentMicro: await spentMicro(db, spend.consumer, spend.purpose) };
}

/** ε spent so far by (consumer, purpose), in millionths. */
export async function spentMicro(db: D1Database, consumer: string, purpose: string): Promise<number> {
  const row = await db
    .prepare('SELECT spent_micro FROM stats_budgets WHERE consumer = ? AND purpose = ?')
    .bind(consumer, purpose)
    .first<{ spent_micro: number }>();
  return row?.spent_micro ?? 0;
}

/** Every ledger with its number of spends. */
export async function listLedgers(db: D1Database): Promise<LedgerLine[]> {
  const { results } = await db
    .prepare(
      'SELECT b.consumer, b.purpose, b.spent_micro, count(s.id) AS spends, max(s.at) AS last_at FROM stats_budgets b LEFT JOIN stats_spends s ON s.consumer = b.consumer AND s.purpose = b.purpose GROUP BY b.consumer, b.purpose ORDER BY b.consumer, b.purpose',
    )
    .all<{ consumer: string; purpose: string; spent_micro: number; spends: number; last_at: number | null }>();
  return results.map((r) => ({ consumer: r.consumer, purpose: r.purpose, spentMicro: r.spent_micro, spends: r.spends, lastAt: r.last_at }));
}
