-- Reveal reasons are typed by officers and may name people: they are sealed like any sensitive
-- field (key class `narrative`, bound to the reveal). `reason` holds the envelope and `key_version`
-- its field-key version, so re-wrapping after a rotation finds them. Rows written before this hold
-- the reason in clear with key_version 0; the scheduled job seals them.
ALTER TABLE viewer_reveals ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX viewer_reveals_key_version ON viewer_reveals(key_version);
