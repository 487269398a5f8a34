-- The media store: photos behind the `photo_ref` and `evidence[].media_ref` of records. Each item
-- is sealed like a field (packages/crypto envelopes, key class `media`) and split into chunks that
-- stay well under D1's 2 MB value cap. A flagged picture is only ever released as its blurred
-- rendition unless its grant allows otherwise. See gateway/STORAGE.md.

CREATE TABLE media (
  ref              TEXT PRIMARY KEY,        -- the reference as it appears in the record
  owner            TEXT NOT NULL,           -- data-owner agency
  record_type      TEXT NOT NULL,           -- the record whose field names the ref …
  record_id        TEXT NOT NULL,
  field            TEXT NOT NULL,           -- … and which field (`photo_ref`, `evidence`)
  content_type     TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  width            INTEGER NOT NULL,
  height           INTEGER NOT NULL,
  bytes            INTEGER NOT NULL,        -- size of the original (after metadata was stripped)
  chunks           INTEGER NOT NULL,
  blurred_type     TEXT CHECK (blurred_type IN ('image/png', 'image/jpeg')),   -- NULL: no blurred rendition
  blurred_bytes    INTEGER,
  blurred_chunks   INTEGER,
  blurred_by       TEXT CHECK (blurred_by IN ('gateway', 'owner')),
  key_version      INTEGER NOT NULL,        -- field-key version of every chunk of the item
  ingested_at      INTEGER NOT NULL,
  ingested_by      TEXT NOT NULL,           -- client id
  CHECK ((blurred_type IS NULL) = (blurred_chunks IS NULL) AND (blurred_type IS NULL) = (blurred_by IS NULL))
);
CREATE INDEX media_record ON media(record_type, record_id);
CREATE INDEX media_key_version ON media(key_version);

-- Sealed chunks: envelope `n2kf1.<v>.<…>` of up to MEDIA_CHUNK_BYTES of the rendition's bytes.
CREATE TABLE media_chunks (
  ref        TEXT NOT NULL,
  rendition  TEXT NOT NULL CHECK (rendition IN ('original', 'blurred')),
  seq        INTEGER NOT NULL,              -- 0, 1, … in file order
  envelope   TEXT NOT NULL,
  PRIMARY KEY (ref, rendition, seq)
) WITHOUT ROWID;
