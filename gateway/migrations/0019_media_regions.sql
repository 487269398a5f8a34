-- Manual redaction regions (issue 15): the data owner's boxes over what a face detector does not
-- find (a plate, a tattoo, an ID document, a screen, restraints, a missed face, other) and the
-- automatic face boxes taken away, each with its reason, are kept sealed as one JSON document per
-- media item (rendition 'regions'), beside the detection they amend. The redacted rendition is
-- re-made from the sealed original whenever they change; the original is never altered.
-- See gateway/STORAGE.md.
CREATE TABLE media_chunks_0019 (
  ref        TEXT NOT NULL,
  rendition  TEXT NOT NULL CHECK (rendition IN ('original', 'blurred', 'redacted', 'detection', 'regions')),
  seq        INTEGER NOT NULL,
  envelope   TEXT NOT NULL,
  PRIMARY KEY (ref, rendition, seq)
) WITHOUT ROWID;
INSERT INTO media_chunks_0019 (ref, rendition, seq, envelope) SELECT ref, rendition, seq, envelope FROM media_chunks;
DROP TABLE media_chunks;
ALTER TABLE media_chunks_0019 RENAME TO media_chunks;

-- How many manual regions and face removals the item carries (0 when none): no box, no reason here.
ALTER TABLE media ADD COLUMN regions INTEGER NOT NULL DEFAULT 0;
