-- Face redaction (issue 15): a flagged photo gets, at ingest, a redacted rendition (faces found by
-- the gateway's detector, widened by a margin, pixelated and blurred; the scene kept) when a face
-- is found with confidence, and the face detection behind it (detector, version, every box and its
-- score) sealed beside it. The original is never altered. See gateway/STORAGE.md.

ALTER TABLE media ADD COLUMN redacted_type TEXT CHECK (redacted_type IN ('image/png', 'image/jpeg'));  -- NULL: no redacted rendition
ALTER TABLE media ADD COLUMN redacted_bytes INTEGER;
ALTER TABLE media ADD COLUMN redacted_chunks INTEGER;
-- What a flagged photo goes out as when faces may not be shown: 'redacted' (a face was found at the
-- confidence floor) or 'blurred' (none was: the fail-safe). NULL: not flagged at ingest, no detection ran.
ALTER TABLE media ADD COLUMN protected_rendition TEXT CHECK (protected_rendition IN ('redacted', 'blurred'));

-- Chunks may now hold the redacted rendition and the sealed detection manifest (JSON) as well.
CREATE TABLE media_chunks_0017 (
  ref        TEXT NOT NULL,
  rendition  TEXT NOT NULL CHECK (rendition IN ('original', 'blurred', 'redacted', 'detection')),
  seq        INTEGER NOT NULL,
  envelope   TEXT NOT NULL,
  PRIMARY KEY (ref, rendition, seq)
) WITHOUT ROWID;
INSERT INTO media_chunks_0017 (ref, rendition, seq, envelope) SELECT ref, rendition, seq, envelope FROM media_chunks;
DROP TABLE media_chunks;
ALTER TABLE media_chunks_0017 RENAME TO media_chunks;
