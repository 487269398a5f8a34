-- Videos (issue 18): uploaded in chunks, each sealed with the field envelope (key class `media`) and
-- stored as one R2 object (`video/<upload id>/<file>/<n>/<sha-256>`) as it arrives; the manifest is checked
-- first and kept sealed beside them. See gateway/STORAGE.md, "Videos".

-- One upload: opened by its manifest, filled chunk by chunk, completed once (then its row is the
-- index of the stored video). `open` past `expires_at` and `dropped` past `sweep_after` are swept
-- by the scheduled job, objects first, then the rows.
CREATE TABLE video_uploads (
  id              TEXT PRIMARY KEY,          -- 128 random bits, hex: also the R2 key prefix
  owner           TEXT NOT NULL,             -- data-owner agency
  client_id       TEXT NOT NULL,
  record_type     TEXT NOT NULL,             -- the record whose field names the ref …
  record_id       TEXT NOT NULL,
  field           TEXT NOT NULL,             -- … and which field (`evidence`)
  ref             TEXT NOT NULL,
  manifest        TEXT NOT NULL,             -- field envelope of the manifest's bytes (videoManifestBytes)
  manifest_sha256 TEXT NOT NULL,             -- hex; logged at completion
  chunk_bytes     INTEGER NOT NULL,
  original_bytes  INTEGER NOT NULL,          -- sizes the manifest states (each chunk's size is checked against them)
  redacted_bytes  INTEGER,
  blurred_bytes   INTEGER NOT NULL,
  original_chunks INTEGER NOT NULL,
  redacted_chunks INTEGER,                   -- NULL: no redacted rendition (fail-safe), as redacted_bytes
  blurred_chunks  INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,          -- an `open` upload is swept after this
  state           TEXT NOT NULL CHECK (state IN ('open', 'complete', 'dropped')),
  completed_at    INTEGER,
  log_index       INTEGER,                   -- the `media_ingest` entry of the completion
  sweep_after     INTEGER                    -- `dropped`: when its objects may go
) WITHOUT ROWID;
CREATE INDEX video_uploads_open ON video_uploads (state, expires_at);
CREATE INDEX video_uploads_dropped ON video_uploads (state, sweep_after);

-- Chunks received: their plaintext size and SHA-256 (hex, also in the object's key), never their
-- bytes (those are in R2). Kept after completion: reads find each chunk's object through its row.
CREATE TABLE video_upload_chunks (
  upload_id TEXT NOT NULL,
  file      TEXT NOT NULL CHECK (file IN ('original', 'redacted', 'blurred')),
  seq       INTEGER NOT NULL,
  bytes     INTEGER NOT NULL,
  sha256    TEXT NOT NULL,
  PRIMARY KEY (upload_id, file, seq)
) WITHOUT ROWID;

-- The video a reference names: its completed upload. Written in the completion's batch, after the
-- ingest is on the log; a new completion for the same ref replaces it and drops the old upload.
CREATE TABLE videos (
  ref        TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  upload_id  TEXT NOT NULL
) WITHOUT ROWID;

-- One play of a video (a partner's delivery or an officer's view), logged once when it starts: the
-- rendition the purpose's mode chose and the key its chunks are re-sealed under for the caller (kept
-- as a field envelope), until `expires_at` (never past the grant's window).
CREATE TABLE video_plays (
  id         TEXT PRIMARY KEY,
  ref        TEXT NOT NULL,
  upload_id  TEXT NOT NULL,
  rendition  TEXT NOT NULL CHECK (rendition IN ('original', 'redacted', 'blurred')),
  client_id  TEXT NOT NULL,
  grant_id   TEXT NOT NULL,
  play_key   TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX video_plays_expiry ON video_plays (expires_at);
