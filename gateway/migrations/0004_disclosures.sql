-- Every disclosure (and refusal) of record access, written before the response leaves. No
-- plaintext personal data: subjects are keyed hashes, fields are names and modes.
CREATE TABLE disclosures (
  id             TEXT PRIMARY KEY,         -- the disclosure's jti (or a refusal id)
  at             INTEGER NOT NULL,
  client_id      TEXT NOT NULL,
  agency_id      TEXT NOT NULL,
  purpose_id     TEXT NOT NULL,
  grant_id       TEXT NOT NULL,
  action         TEXT NOT NULL,            -- fetch | search | check | viewer_key
  record_type    TEXT NOT NULL,
  subjects       TEXT NOT NULL,            -- JSON array of keyed hashes of the persons concerned
  fields         TEXT NOT NULL,            -- JSON {"field": "mode"}
  request_hash   TEXT NOT NULL,
  response_hash  TEXT NOT NULL,
  outcome        TEXT NOT NULL             -- disclosed | not_found | rate_limited | key_destroyed
);
CREATE INDEX disclosures_grant_at ON disclosures(grant_id, at);
CREATE INDEX disclosures_agency_at ON disclosures(agency_id, at);

-- When the grant's viewer keys were destroyed (crypto-shredding); NULL while they may exist.
ALTER TABLE grants ADD COLUMN keys_shredded_at INTEGER;
