-- Administrative changes that widen who can act or what can be disclosed, waiting for a second
-- privacy officer: activating a privacy-officer or data-owner client, changing a client's keys,
-- widening a purpose. Narrowing changes apply at once and never come here.
CREATE TABLE admin_requests (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('client.activate', 'client.rekey', 'purpose.update')),
  target_id     TEXT NOT NULL,
  payload       TEXT NOT NULL,           -- JSON of the proposed change, with the etag it was based on
  requested_by  TEXT NOT NULL,
  requested_at  INTEGER NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by    TEXT,
  decided_at    INTEGER
);
CREATE UNIQUE INDEX admin_requests_one_open ON admin_requests(kind, target_id) WHERE status = 'pending';
