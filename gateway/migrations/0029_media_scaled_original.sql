-- Large originals (issue 15's follow-up): an original larger than a sealed answer can carry
-- (`MAX_DELIVERED_MEDIA_BYTES`) is stored with a copy of its picture at the working size (at most
-- 2048 × 2048, upright, re-encoded as JPEG), made at ingest from the picture the gateway decodes
-- anyway, sealed like every rendition and kept in the item's `objects` set in R2 (`media/<set>/scaled`).
-- Wherever the original is released, this copy is delivered in its place and logged as `scaled`.
-- NULL: no such copy (the original is small enough, or the item was stored before this migration:
-- a request for its original is then refused with `media_too_large`, and logged so).
ALTER TABLE media ADD COLUMN scaled_type TEXT CHECK (scaled_type IN ('image/png', 'image/jpeg'));
ALTER TABLE media ADD COLUMN scaled_bytes INTEGER;
ALTER TABLE media ADD COLUMN scaled_chunks INTEGER;
ALTER TABLE media ADD COLUMN scaled_width INTEGER;
ALTER TABLE media ADD COLUMN scaled_height INTEGER;
