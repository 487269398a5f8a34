-- Cancelling a video upload (issue 18): the data owner's client that opened an upload may cancel it
-- before completing it (`DELETE /v1/ingest/media/videos/{id}`). A cancelled upload is `dropped` with
-- `cancelled_at` set: its chunk rows and objects are deleted by the cancel itself, its manifest is
-- erased, and its row stays until `sweep_after` (its expiry) so that a late chunk, a completion or a
-- repeated cancel gets a clear answer; the sweeper then deletes the row and any object left over.
-- See gateway/STORAGE.md, "Videos".
ALTER TABLE video_uploads ADD COLUMN cancelled_at INTEGER;     -- Unix seconds; NULL: not cancelled
ALTER TABLE video_uploads ADD COLUMN cancelled_chunks INTEGER; -- chunks it held when cancelled (deleted with it)
ALTER TABLE video_uploads ADD COLUMN cancelled_bytes INTEGER;  -- their plaintext bytes
