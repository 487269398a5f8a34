-- Registering an officer and handing out a new enrolment code give a key access to records, so they
-- wait for a second privacy officer like every other such change: two new request kinds. SQLite
-- cannot alter a CHECK constraint, so `admin_requests` is rebuilt with them; nothing references it
-- by foreign key.
--
-- Enrolment codes issued before this (by one officer alone) are void: every open code from now on
-- was handed out on a second officer's approval.

CREATE TABLE admin_requests_next (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('client.activate', 'client.rekey', 'purpose.update', 'officer.create', 'officer.rekey')),
  target_id     TEXT NOT NULL,
  payload       TEXT NOT NULL,           -- JSON of the proposed change, with the etag it was based on
  requested_by  TEXT NOT NULL,
  requested_at  INTEGER NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by    TEXT,
  decided_at    INTEGER
);
INSERT INTO admin_requests_next (id, kind, target_id, payload, requested_by, requested_at, reason, status, decided_by, decided_at)
  SELECT id, kind, target_id, payload, requested_by, requested_at, reason, status, decided_by, decided_at FROM admin_requests;
DROP TABLE admin_requests;
ALTER TABLE admin_requests_next RENAME TO admin_requests;
CREATE UNIQUE INDEX admin_requests_one_open ON admin_requests(kind, target_id) WHERE status = 'pending';

UPDATE enrolment_codes SET status = 'void' WHERE status = 'open';
