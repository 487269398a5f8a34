import { placesChangeStatement } from './data-versions.js';

/** Codes of the place list (gazetteer), every level. */
export async function gazetteerCodes(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare('SELECT code FROM stats_places ORDER BY code').all<{ code: string }>();
  return results.map((r) => r.code);
}

const LEVEL_OF = { 2: 'province', 4: 'district', 6: 'commune' } as const;

/**
 * Statements replacing the place list with `codes` (each 2, 4 or 6 digits), and bumping its version so
 * that no protected table laid out on the old list is reused. Run them in one batch.
 */
export function replaceGazetteer(db: D1Database, codes: readonly string[]): D1PreparedStatement[] {
  const rows = codes.map((code) => [code, LEVEL_OF[code.length as 2 | 4 | 6]]);
  return [
    db.prepare('DELETE FROM stats_places'),
    db.prepare('INSERT INTO stats_places (code, level) SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?1) j').bind(JSON.stringify(rows)),
    placesChangeStatement(db),
  ];
}

/** Statement reading the place list's codes (for a batch); map its rows with `.map((r) => r.code)`. */
export function gazetteerStatement(db: D1Database): D1PreparedStatement {
  return db.prepare('SELECT code FROM stats_places ORDER BY code');
}
