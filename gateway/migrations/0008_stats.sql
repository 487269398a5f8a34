-- Publishable statistics (/v1/stats/): who may receive which aggregate tables and how protected,
-- the public tier per table, the privacy-budget ledger, and the register of releases. Counts are
-- computed from the records' clear facets; nothing here holds personal data. ε is kept in millionths
-- (integers) so that budgets add up exactly. See gateway/STORAGE.md and packages/stats/METHOD.md.

-- A statistics grant: one agency may receive some tables under one purpose, inside a window, with a
-- smallest published count per table, the protections it may use, and a total ε budget for that
-- agency and purpose. Created only when a second privacy officer approves (stats_requests).
CREATE TABLE stats_grants (
  id                    TEXT PRIMARY KEY,
  agency_id             TEXT NOT NULL REFERENCES agencies(id),
  purpose               TEXT NOT NULL,
  legal_basis           TEXT NOT NULL,
  tables                TEXT NOT NULL,          -- {"crime": {"threshold": 5, "methods": ["suppression", "dp"], "max_epsilon_micro": 1000000}, …}
  epsilon_budget_micro  INTEGER NOT NULL CHECK (epsilon_budget_micro >= 0),
  not_before            INTEGER NOT NULL,
  not_after             INTEGER NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
  etag                  TEXT NOT NULL,
  requested_by          TEXT NOT NULL,
  approved_by           TEXT NOT NULL,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  CHECK (not_after > not_before)
);
CREATE INDEX stats_grants_agency ON stats_grants(agency_id, purpose);

-- The public, unauthenticated tier of each table. Off until a privacy officer turns it on and a
-- second one approves; raising the threshold, dropping a method or turning it off applies at once.
CREATE TABLE stats_public (
  table_name         TEXT PRIMARY KEY,
  enabled            INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  threshold          INTEGER NOT NULL CHECK (threshold >= 5),
  methods            TEXT NOT NULL,             -- ["suppression"] or ["suppression", "dp"]
  max_epsilon_micro  INTEGER NOT NULL CHECK (max_epsilon_micro >= 0),
  budget_micro       INTEGER NOT NULL CHECK (budget_micro >= 0),
  etag               TEXT NOT NULL,
  updated_by         TEXT NOT NULL,
  updated_at         INTEGER NOT NULL
);
INSERT INTO stats_public (table_name, enabled, threshold, methods, max_epsilon_micro, budget_micro, etag, updated_by, updated_at) VALUES
  ('crime', 0, 10, '["suppression"]', 0, 0, 'initial', 'migration', 0),
  ('discipline', 0, 10, '["suppression"]', 0, 0, 'initial', 'migration', 0),
  ('health', 0, 10, '["suppression"]', 0, 0, 'initial', 'migration', 0);

-- Changes that widen statistical access, waiting for a second privacy officer: a new grant, or a
-- public tier opened or loosened. At most one open per kind and target.
CREATE TABLE stats_requests (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('grant.create', 'public.update')),
  target_id     TEXT NOT NULL,
  payload       TEXT NOT NULL,                  -- the proposed grant or setting (with the etag it was based on)
  requested_by  TEXT NOT NULL,
  requested_at  INTEGER NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by    TEXT,
  decided_at    INTEGER
);
CREATE UNIQUE INDEX stats_requests_one_open ON stats_requests(kind, target_id) WHERE status = 'pending';

-- The privacy-budget ledger: ε spent per consumer (an agency, or "public") and purpose. A spend is
-- one guarded batch: the conditional update below the limit, a guard row that aborts the batch when
-- the update did not apply, and the spend row. Concurrent spends are serialised by the database.
CREATE TABLE stats_budgets (
  consumer     TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  spent_micro  INTEGER NOT NULL CHECK (spent_micro >= 0),
  last_spend   TEXT NOT NULL DEFAULT '',
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (consumer, purpose)
);
CREATE TABLE stats_spends (
  id             TEXT PRIMARY KEY,
  consumer       TEXT NOT NULL,
  purpose        TEXT NOT NULL,
  table_name     TEXT NOT NULL,
  epsilon_micro  INTEGER NOT NULL CHECK (epsilon_micro > 0),
  limit_micro    INTEGER NOT NULL,
  release_id     TEXT NOT NULL,
  client_id      TEXT,
  at             INTEGER NOT NULL
);
CREATE INDEX stats_spends_consumer ON stats_spends(consumer, purpose, at);

-- Every release: to whom, what was asked, how it was protected, the hash of what left and its
-- position in the audit log. Differentially private and public releases keep their body so that
-- the same request is answered with the same figures (no new noise to average, no new spend).
CREATE TABLE stats_releases (
  id              TEXT PRIMARY KEY,
  consumer        TEXT NOT NULL,
  purpose         TEXT NOT NULL,
  grant_id        TEXT,
  client_id       TEXT,
  table_name      TEXT NOT NULL,
  params_hash     TEXT NOT NULL,
  params          TEXT NOT NULL,
  protection      TEXT NOT NULL,
  cells           INTEGER NOT NULL,
  withheld        INTEGER NOT NULL,
  response_hash   TEXT NOT NULL,
  body            TEXT,
  log_index       INTEGER NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE INDEX stats_releases_reuse ON stats_releases(consumer, purpose, params_hash, created_at);

-- The place list (gazetteer) statistics are laid out on: codes of provinces, districts and communes.
-- A differentially private table may only use categories that do not depend on the data, so its
-- places come from here, never from the records.
CREATE TABLE stats_places (
  code   TEXT PRIMARY KEY CHECK (length(code) IN (2, 4, 6)),
  level  TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune'))
);
