-- A stated reason on every request (issue 16).
--
-- A purpose may require each record request to carry a reference (a case or outbreak number) and a
-- free-text reason (policy's request-reason.ts). Purposes registered from now on default to 1 when
-- they disclose anything about persons (the admin API applies policy's defaultReasonRequired);
-- purposes stored before keep 0, so partner systems working inside a window are not refused without
-- notice: a privacy officer turns it on (a narrowing, applied at once).
ALTER TABLE purposes ADD COLUMN reason_required INTEGER NOT NULL DEFAULT 0;

-- The reasons stated with record requests. They are typed by officers and partner staff and may
-- name people, so they are kept sealed like any sensitive field (key class `narrative`), one row per
-- distinct reason: `reason_hash` is the keyed hash the disclosure's log entry names it by, and the
-- envelope is bound to it (moved to another row, it does not open). `key_version` is the field-key
-- version it is sealed at, so re-wrapping after a rotation finds it.
CREATE TABLE request_reasons (
  reason_hash  TEXT PRIMARY KEY,
  reason       TEXT NOT NULL,
  key_version  INTEGER NOT NULL,
  first_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX request_reasons_key_version ON request_reasons(key_version);
