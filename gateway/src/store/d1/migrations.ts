/** `d1_migrations`: the schema migrations wrangler applied to the database. */

/** Whether migration `name` (its file name) was applied; throws when the table cannot be read (`no such table` before any). */
export async function migrationApplied(db: D1Database, name: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS ok FROM d1_migrations WHERE name = ?').bind(name).first()) !== null;
}

/** Whether migration `name` was applied, `missing` too before any was (no `d1_migrations` table); other read errors throw. */
export async function migrationState(db: D1Database, name: string): Promise<'applied' | 'missing'> {
  try {
    return (await migrationApplied(db, name)) ? 'applied' : 'missing';
  } catch (err) {
    if (err instanceof Error && /no such table/i.test(err.message)) return 'missing';
    throw err;
  }
}
