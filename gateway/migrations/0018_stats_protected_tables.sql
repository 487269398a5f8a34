-- Protected finest tables, computed once per table, year, step and version of the data, and reused by
-- every suppressed release until the data change. See gateway/STORAGE.md and packages/stats/METHOD.md.

-- Version of the data a statistics table is counted from: per record type and (calendar or ISO) year
-- of the records' time facet, and one row ('places', 0) for the place list. Bumped in the same batch
-- (transaction) that commits ingested records or replaces the place list, so a version never names
-- data it does not match. Rows are never deleted: a version is never reused.
CREATE TABLE stats_data_versions (
  source   TEXT NOT NULL,                 -- a record type ('case', 'health_case', …) or 'places'
  year     INTEGER NOT NULL,              -- 0 for the place list
  version  INTEGER NOT NULL CHECK (version >= 1),
  PRIMARY KEY (source, year)
);

-- The finest table of a kind and year protected at one threshold step, in its published form: the
-- count of each published cell and, for each withheld one, only whether it is a small count. No count
-- of a withheld cell is stored. Valid only while both versions equal the current ones; replaced, never
-- added to, when the data change (one row per table, year and step).
CREATE TABLE stats_protected_tables (
  table_name      TEXT NOT NULL,
  year            INTEGER NOT NULL,
  step            INTEGER NOT NULL,
  format          INTEGER NOT NULL,         -- layout of the row and the code that made it
  data_version    INTEGER NOT NULL,
  places_version  INTEGER NOT NULL,
  places          TEXT NOT NULL,            -- JSON: the place codes of the table's place dimension
  cells           BLOB NOT NULL,            -- gzip of the published form (encodePublished)
  cell_count      INTEGER NOT NULL,
  withheld        INTEGER NOT NULL,
  computed_at     INTEGER NOT NULL,
  runs            INTEGER NOT NULL DEFAULT 1, -- computations stored for this table, year and step
  PRIMARY KEY (table_name, year, step)
);

-- Who is computing a table and year now: the first request to miss takes the lease and computes; the
-- others wait for its row. A lease that outlived its holder (a crash) is taken over once expired.
CREATE TABLE stats_protection_leases (
  table_name  TEXT NOT NULL,
  year        INTEGER NOT NULL,
  holder      TEXT NOT NULL,
  expires_at  INTEGER NOT NULL,            -- ms since the epoch
  PRIMARY KEY (table_name, year)
);
