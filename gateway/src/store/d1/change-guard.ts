/**
 * `change_guard`: a one-column table whose CHECK holds only `ok = 1`. Two statements placed in a D1
 * batch right after a change abort the whole batch unless the change did what it should: the first
 * inserts a count (or `changes()`), the second empties the table again. A batch is atomic, so a lost
 * race changes nothing and logs nothing.
 */

/** Statements aborting the batch unless the statement just before them changed exactly one row. */
export function guardChanged(db: D1Database): D1PreparedStatement[] {
  return [db.prepare('INSERT INTO change_guard (ok) SELECT changes()'), db.prepare('DELETE FROM change_guard')];
}

/**
 * Statements aborting the batch unless `countSql` (a `SELECT count(*) …` written in a store module,
 * never from input), bound to `args`, counts exactly one row.
 */
export function guardCount(db: D1Database, countSql: string, ...args: unknown[]): D1PreparedStatement[] {
  return [db.prepare(`INSERT INTO change_guard (ok) ${countSql}`).bind(...args), db.prepare('DELETE FROM change_guard')];
}
