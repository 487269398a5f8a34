-- The registry: who may ask for what, for which purpose, until when.
-- Times are Unix seconds (UTC). JSON columns hold documents validated by the gateway before writing.
-- See gateway/STORAGE.md for every table and Durable Object key.

CREATE TABLE agencies (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_km     TEXT,
  created_at  INTEGER NOT NULL
);

-- An agency's system (partner or data owner) or a privacy officer. Only public keys are stored.
CREATE TABLE clients (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('partner', 'data_owner', 'privacy_officer')),
  agency_id       TEXT NOT NULL REFERENCES agencies(id),
  name            TEXT NOT NULL,
  signing_jwks    TEXT NOT NULL,          -- {"keys":[public JWK…]} for private_key_jwt
  encryption_jwk  TEXT,                   -- public JWK (ECDH-ES) that deliveries are sealed to
  ingest_types    TEXT NOT NULL DEFAULT '[]', -- record types a data owner may ingest
  status          TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
  etag            TEXT NOT NULL,          -- random per change: guards concurrent edits
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX clients_agency ON clients(agency_id);

-- A registered reason to access data, with a disclosure mode per record type and field.
CREATE TABLE purposes (
  id                       TEXT PRIMARY KEY,
  title                    TEXT NOT NULL,
  legal_basis              TEXT NOT NULL,
  description              TEXT NOT NULL DEFAULT '',
  rules                    TEXT NOT NULL,   -- {"person":{"name_latin":"clear",…},…}
  actions                  TEXT NOT NULL,   -- ["fetch","search","check"]
  agencies                 TEXT NOT NULL,   -- ["moh-tracing",…]
  max_token_lifetime       INTEGER NOT NULL,
  requests_per_minute      INTEGER NOT NULL,
  persons_per_hour         INTEGER NOT NULL,
  notification_delay_days  INTEGER NOT NULL DEFAULT 0,
  status                   TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  version                  INTEGER NOT NULL,
  etag                     TEXT NOT NULL,
  created_by               TEXT NOT NULL,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL
);

-- A purpose activated for one agency for a disclosure window and a data life.
CREATE TABLE grants (
  id           TEXT PRIMARY KEY,
  purpose_id   TEXT NOT NULL REFERENCES purposes(id),
  agency_id    TEXT NOT NULL REFERENCES agencies(id),
  not_before   INTEGER NOT NULL,
  not_after    INTEGER NOT NULL,
  data_life    INTEGER NOT NULL,            -- seconds a delivery stays readable (never past not_after)
  record_ids   TEXT,                        -- JSON array restricting the grant to these records, or NULL
  status       TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'revoked', 'expired')),
  note         TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL,            -- counts changes, for people
  etag         TEXT NOT NULL,               -- random per change: guards concurrent edits
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  CHECK (not_after > not_before)
);
CREATE INDEX grants_lookup ON grants(purpose_id, agency_id, status);

-- Changes that widen access wait here for a second privacy officer.
CREATE TABLE grant_requests (
  id             TEXT PRIMARY KEY,
  grant_id       TEXT NOT NULL REFERENCES grants(id),
  action         TEXT NOT NULL CHECK (action IN ('activate', 'extend', 'resume')),
  new_not_after  INTEGER,
  requested_by   TEXT NOT NULL,
  requested_at   INTEGER NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by     TEXT,
  decided_at     INTEGER
);
CREATE INDEX grant_requests_pending ON grant_requests(grant_id, status);
-- At most one open request per grant: a second one must wait for the first to be decided.
CREATE UNIQUE INDEX grant_requests_one_open ON grant_requests(grant_id) WHERE status = 'pending';

-- The gateway's token-signing keys. Private halves are wrapped under a key derived from the root
-- secret; they are never stored in clear.
CREATE TABLE signing_keys (
  kid           TEXT PRIMARY KEY,
  alg           TEXT NOT NULL,
  public_jwk    TEXT NOT NULL,
  wrapped_private TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at    INTEGER NOT NULL,
  retired_at    INTEGER,
  publish_until INTEGER                    -- kept in the JWKS until every token it signed expired
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys(status) WHERE status = 'active';

-- Access tokens revoked before their expiry (RFC 7009). Rows are purged after `expires_at`.
CREATE TABLE revoked_tokens (
  jti         TEXT PRIMARY KEY,
  client_id   TEXT NOT NULL,
  revoked_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);

-- Every administrative change, hash-chained so the audit log can take it over unchanged.
CREATE TABLE admin_events (
  seq          INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    TEXT NOT NULL,
  detail       TEXT NOT NULL,    -- JSON; never personal data
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE
);

-- Always empty. A change batch inserts a row here whose CHECK fails when a concurrent edit won the
-- race (its etag is gone), which aborts and rolls back the whole batch; the batch then deletes it.
CREATE TABLE change_guard (
  ok INTEGER NOT NULL CHECK (ok = 1)
);
