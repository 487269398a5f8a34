-- A privacy officer's request to compare one photo's redaction with its original (issue 15). The
-- original of a protected photo is what leadership guards: two leadership officers, neither of them
-- the requester, approve it; it covers that photo for that officer until the second approval plus
-- ORIGINAL_AUDIT_SECONDS (packages/policy/src/constants.ts). Whether it is in force is decided at each
-- use from the approvals, their time and who the approvers are now (packages/policy, original-audit.ts).
--
-- `approvals`: JSON array of {"by": officer id, "at": epoch seconds}, in the order given.
-- `status`: open (awaiting leadership, in force or lapsed: decided by time), or ended by an officer.
CREATE TABLE media_original_audits (
  id            TEXT PRIMARY KEY,
  owner         TEXT NOT NULL,
  ref           TEXT NOT NULL,
  requested_by  TEXT NOT NULL,
  requested_at  INTEGER NOT NULL,
  reason        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'withdrawn', 'rejected', 'revoked')),
  approvals     TEXT NOT NULL DEFAULT '[]',
  closed_by     TEXT,
  closed_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX media_original_audits_by_photo ON media_original_audits (owner, ref, requested_by);
CREATE INDEX media_original_audits_by_time ON media_original_audits (requested_at);
