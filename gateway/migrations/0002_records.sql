-- The encrypted record store. Sensitive fields are sealed one by one (packages/crypto envelopes)
-- inside `sealed`; only fields a record type declares unsealed, and the coarse facets it declares,
-- are in clear. See gateway/STORAGE.md.

CREATE TABLE records (
  type         TEXT NOT NULL,
  id           TEXT NOT NULL,
  version      INTEGER NOT NULL,            -- 1, 2, …: a changed record is a new version
  current      INTEGER NOT NULL CHECK (current IN (0, 1)),
  owner        TEXT NOT NULL,               -- data-owner agency
  sealed       TEXT NOT NULL,               -- {"field": "n2kf1.<v>.<…>", …}
  plain        TEXT NOT NULL,               -- {"field": value} for fields declared unsealed
  facets       TEXT NOT NULL,               -- {"facet": value} coarse values for statistics
  key_version  INTEGER NOT NULL,            -- field-key version of every envelope in the row
  ingested_at  INTEGER NOT NULL,
  ingested_by  TEXT NOT NULL,               -- client id
  PRIMARY KEY (type, id, version)
);
-- One current version per record.
CREATE UNIQUE INDEX records_current ON records(type, id) WHERE current = 1;
-- The re-wrap job walks rows below the current key version.
CREATE INDEX records_key_version ON records(key_version);

-- Blind indexes of current versions: keyed, truncated HMACs of normalised search values.
CREATE TABLE record_index (
  type    TEXT NOT NULL,
  search  TEXT NOT NULL,
  tag     TEXT NOT NULL,
  id      TEXT NOT NULL,
  PRIMARY KEY (type, search, tag, id)
) WITHOUT ROWID;

-- Versions of the field keys: `field_current` seals, anything from `field_oldest` up opens.
CREATE TABLE key_state (
  name        TEXT PRIMARY KEY,
  value       INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
INSERT INTO key_state (name, value, updated_at) VALUES ('field_current', 1, 0), ('field_oldest', 1, 0);
