-- Ingest writes a record's new version as pending (never read: readers take `current = 1` only),
-- appends the log entry naming it, and only then makes it current. A crash or a failed append leaves
-- pending rows nobody can read; the data owner's retry finds them, logs them and commits them.
ALTER TABLE records ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
CREATE INDEX records_pending ON records(type, id) WHERE pending = 1;

-- The key-check value of the root secret, stored at first start: a keyed hash that only the same
-- secret reproduces (it reveals nothing of the secret). A gateway started under another secret
-- refuses to run instead of sealing data and signing checkpoints no one can later open or verify.
CREATE TABLE key_check (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  value       TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
