-- Officers of partner agencies: people who read granted records in the viewer extension. An officer
-- is a client of kind 'officer' whose keys are made in the extension at enrolment (public halves
-- only are stored here). SQLite cannot alter a CHECK constraint, so `clients` is rebuilt with the
-- new kind; nothing references it by foreign key.

CREATE TABLE clients_next (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('partner', 'data_owner', 'privacy_officer', 'officer')),
  agency_id       TEXT NOT NULL REFERENCES agencies(id),
  name            TEXT NOT NULL,
  signing_jwks    TEXT NOT NULL,
  encryption_jwk  TEXT,
  ingest_types    TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
  etag            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  roles           TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO clients_next (id, kind, agency_id, name, signing_jwks, encryption_jwk, ingest_types, status, etag, created_at, updated_at, roles)
  SELECT id, kind, agency_id, name, signing_jwks, encryption_jwk, ingest_types, status, etag, created_at, updated_at, roles FROM clients;
DROP TABLE clients;
ALTER TABLE clients_next RENAME TO clients;
CREATE INDEX clients_agency ON clients(agency_id);

-- One-time enrolment codes. Only a SHA-256 hash of the code is kept; a code works once, before it
-- expires, for the officer it was issued to. Issuing a new code voids the officer's older ones.
CREATE TABLE enrolment_codes (
  code_hash    TEXT PRIMARY KEY,
  officer_id   TEXT NOT NULL,
  issued_by    TEXT NOT NULL,
  issued_at    INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER,
  status       TEXT NOT NULL CHECK (status IN ('open', 'used', 'void'))
);
CREATE INDEX enrolment_codes_officer ON enrolment_codes(officer_id, status);

-- What an officer opened in the viewer, so a leaked copy carrying a view id can be traced to its
-- view, and through its disclosure to the (hashed) persons it showed.
CREATE TABLE viewer_views (
  view_id      TEXT PRIMARY KEY,
  at           INTEGER NOT NULL,
  officer_id   TEXT NOT NULL,
  agency_id    TEXT NOT NULL,
  purpose_id   TEXT NOT NULL,
  grant_id     TEXT NOT NULL,
  record_type  TEXT NOT NULL,
  disclosure_id TEXT NOT NULL,           -- the delivery the view opened (disclosures.id)
  log_index    INTEGER NOT NULL
);
CREATE INDEX viewer_views_officer ON viewer_views(officer_id, at);

-- Protected photos an officer revealed in the viewer, with the reason they typed. The log entry
-- carries the reason's hash, binding it without holding free text.
CREATE TABLE viewer_reveals (
  id           TEXT PRIMARY KEY,
  at           INTEGER NOT NULL,
  view_id      TEXT NOT NULL,
  officer_id   TEXT NOT NULL,
  grant_id     TEXT NOT NULL,
  media_hash   TEXT NOT NULL,
  reason       TEXT NOT NULL,
  log_index    INTEGER NOT NULL
);
CREATE INDEX viewer_reveals_view ON viewer_reveals(view_id);
