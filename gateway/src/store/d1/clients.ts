import type { JSONWebKeySet, JWK } from 'jose';
import type { ClientKind, OfficerRole } from '@need2know/policy';
import type { Client } from '../ports/registry.js';
import { parseJson } from './rows.js';

export type { Client } from '../ports/registry.js';

interface Raw {
  id: string;
  kind: ClientKind;
  agency_id: string;
  name: string;
  signing_jwks: string;
  encryption_jwk: string | null;
  ingest_types: string;
  roles: string;
  status: 'active' | 'suspended';
  etag: string;
  created_at: number;
  updated_at: number;
}

const toClient = (r: Raw): Client => ({
  id: r.id,
  kind: r.kind,
  agencyId: r.agency_id,
  name: r.name,
  signingJwks: parseJson<JSONWebKeySet>(r.signing_jwks),
  encryptionJwk: r.encryption_jwk === null ? null : parseJson<JWK>(r.encryption_jwk),
  ingestTypes: parseJson<string[]>(r.ingest_types),
  roles: parseJson<OfficerRole[]>(r.roles ?? '[]'),
  status: r.status,
  etag: r.etag,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function getClient(db: D1Database, id: string): Promise<Client | null> {
  const row = await db.prepare('SELECT * FROM clients WHERE id = ?').bind(id).first<Raw>();
  return row === null ? null : toClient(row);
}

export async function listClients(db: D1Database, filter: { agencyId?: string; kind?: ClientKind } = {}): Promise<Client[]> {
  const { results } = await db
    .prepare('SELECT * FROM clients WHERE (?1 IS NULL OR agency_id = ?1) AND (?2 IS NULL OR kind = ?2) ORDER BY id')
    .bind(filter.agencyId ?? null, filter.kind ?? null)
    .all<Raw>();
  return results.map(toClient);
}

/** Statement inserting `client`; fails on a duplicate id. */
export function insertClient(db: D1Database, c: Client): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO clients (id, kind, agency_id, name, signing_jwks, encryption_jwk, ingest_types, roles, status, etag, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      c.id,
      c.kind,
      c.agencyId,
      c.name,
      JSON.stringify(c.signingJwks),
      c.encryptionJwk === null ? null : JSON.stringify(c.encryptionJwk),
      JSON.stringify(c.ingestTypes),
      JSON.stringify(c.roles),
      c.status,
      c.etag,
      c.createdAt,
      c.updatedAt,
    );
}

/** Statement replacing the mutable parts of a client, only if its etag is still `expectedEtag`. */
export function updateClient(db: D1Database, c: Client, expectedEtag: string): D1PreparedStatement {
  return db
    .prepare(
      'UPDATE clients SET name = ?, signing_jwks = ?, encryption_jwk = ?, ingest_types = ?, status = ?, etag = ?, updated_at = ? WHERE id = ? AND etag = ?',
    )
    .bind(
      c.name,
      JSON.stringify(c.signingJwks),
      c.encryptionJwk === null ? null : JSON.stringify(c.encryptionJwk),
      JSON.stringify(c.ingestTypes),
      c.status,
      c.etag,
      c.updatedAt,
      c.id,
      expectedEtag,
    );
}

/**
 * Registers the bootstrap privacy officers from configuration (public keys only). Existing rows of
 * the same id get the configured key, so the configuration stays the source of truth for them.
 */
export function upsertBootstrapOfficer(db: D1Database, c: Client): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO clients (id, kind, agency_id, name, signing_jwks, encryption_jwk, ingest_types, status, etag, created_at, updated_at)
       VALUES (?, 'privacy_officer', ?, ?, ?, NULL, '[]', 'active', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET signing_jwks = excluded.signing_jwks, name = excluded.name
       WHERE clients.kind = 'privacy_officer' AND clients.signing_jwks <> excluded.signing_jwks`,
    )
    .bind(c.id, c.agencyId, c.name, JSON.stringify(c.signingJwks), c.etag, c.createdAt, c.updatedAt);
}

/**
 * Statement selecting what a resource request needs of its caller (`kind`, `agency_id`, `status`,
 * `encryption_jwk`), batched with the other per-request reads.
 */
export function selectClientStanding(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare('SELECT kind, agency_id, status, encryption_jwk FROM clients WHERE id = ?').bind(id);
}
