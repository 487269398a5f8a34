import type { Agency } from '../ports/registry.js';

export type { Agency } from '../ports/registry.js';

interface Raw {
  id: string;
  name: string;
  name_km: string | null;
  created_at: number;
}

const toAgency = (r: Raw): Agency => ({ id: r.id, name: r.name, nameKm: r.name_km, createdAt: r.created_at });

export async function listAgencies(db: D1Database): Promise<Agency[]> {
  const { results } = await db.prepare('SELECT * FROM agencies ORDER BY id').all<Raw>();
  return results.map(toAgency);
}

export async function getAgency(db: D1Database, id: string): Promise<Agency | null> {
  const row = await db.prepare('SELECT * FROM agencies WHERE id = ?').bind(id).first<Raw>();
  return row === null ? null : toAgency(row);
}

/** Statement inserting `agency`; fails on a duplicate id. */
export function insertAgency(db: D1Database, agency: Agency): D1PreparedStatement {
  return db.prepare('INSERT INTO agencies (id, name, name_km, created_at) VALUES (?, ?, ?, ?)').bind(agency.id, agency.name, agency.nameKm, agency.createdAt);
}

/** Statement adding agency `id` named `name` unless it exists (bootstrap: the first officers' agencies). */
export function insertAgencyIfMissing(db: D1Database, id: string, name: string, now: number): D1PreparedStatement {
  return db.prepare('INSERT OR IGNORE INTO agencies (id, name, name_km, created_at) VALUES (?, ?, NULL, ?)').bind(id, name, now);
}
