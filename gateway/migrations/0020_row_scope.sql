-- Row scope on grants (issue 16): a grant, and its purpose as the ceiling, may restrict which records
-- it covers by their clear facets (places, a date range on the main date) and links. JSON of
-- policy's RowScope ({ places, from, until, links }); NULL covers every record.
ALTER TABLE grants ADD COLUMN row_scope TEXT;
ALTER TABLE purposes ADD COLUMN row_scope TEXT;

-- Widening a grant's row scope waits for a second privacy officer like any other widening: the
-- request table learns the 'scope' action and carries the scope asked for. SQLite cannot alter a
-- CHECK constraint, so the table is rebuilt with its rows and indexes.
CREATE TABLE grant_requests_next (
  id             TEXT PRIMARY KEY,
  grant_id       TEXT NOT NULL REFERENCES grants(id),
  action         TEXT NOT NULL CHECK (action IN ('activate', 'extend', 'resume', 'scope')),
  new_not_after  INTEGER,
  new_row_scope  TEXT,                      -- for 'scope': the scope asked for (JSON), NULL = every record
  requested_by   TEXT NOT NULL,
  requested_at   INTEGER NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by     TEXT,
  decided_at     INTEGER
);
INSERT INTO grant_requests_next (id, grant_id, action, new_not_after, requested_by, requested_at, reason, status, decided_by, decided_at)
  SELECT id, grant_id, action, new_not_after, requested_by, requested_at, reason, status, decided_by, decided_at FROM grant_requests;
DROP TABLE grant_requests;
ALTER TABLE grant_requests_next RENAME TO grant_requests;
CREATE INDEX grant_requests_pending ON grant_requests(grant_id, status);
CREATE UNIQUE INDEX grant_requests_one_open ON grant_requests(grant_id) WHERE status = 'pending';
