-- Media bytes move to the object store (issue 15, issue 19's media port): each rendition's sealed
-- chunks become one object under a random key (`media/<set>/<rendition>`), the `media` row stays the
-- index. See gateway/STORAGE.md, "Media".
--
-- `objects`: the object set holding the item's original, blurred rendition and detection;
-- `redaction_objects`: the set holding its redacted rendition and regions (re-made by region edits
-- without touching the first). NULL: those chunks are still in `media_chunks`, written before this
-- migration; the scheduled job moves them (one item per batch) and readers take them from either
-- place meanwhile.
ALTER TABLE media ADD COLUMN objects TEXT;
ALTER TABLE media ADD COLUMN redaction_objects TEXT;

-- Object sets no `media` row names: being written (`writing`: objects are put before the row that
-- names them commits; a set still here at `sweep_after` never committed) or let go (`dropped`: the
-- item was replaced, re-edited or re-wrapped, or its upload lost). The scheduled job deletes a due
-- set's objects, then its row. A commit takes its sets out of `writing` in the same batch as the row,
-- guarded: a set the sweeper claimed first aborts the commit, so no row ever names missing objects.
CREATE TABLE media_object_sets (
  id          TEXT PRIMARY KEY,
  state       TEXT NOT NULL CHECK (state IN ('writing', 'dropped')),
  sweep_after INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX media_object_sets_due ON media_object_sets (sweep_after);

-- The sweeper's last check before deleting a set's objects: that no row names it.
CREATE INDEX media_objects ON media (objects);
CREATE INDEX media_redaction_objects ON media (redaction_objects);
