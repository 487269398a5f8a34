-- Videos across field-key rotations (issue 18): every sealed part of a video records the field-key
-- version it is sealed under, so that the re-wrap job finds what is below the current version and
-- retiring old versions waits for it. NULL: stored before this migration (version not recorded; the
-- re-wrap job re-seals it and records the version). See gateway/STORAGE.md, "Videos".

-- The manifest's envelopes (all sealed under one version).
ALTER TABLE video_uploads ADD COLUMN manifest_key_version INTEGER;

-- A chunk's envelope and where it is: `object_key` names its R2 object (drawn afresh for every write,
-- so no object is ever overwritten); NULL: the key of migration 0025, `video/<upload>/<file>/<n>/<sha-256>`.
ALTER TABLE video_upload_chunks ADD COLUMN key_version INTEGER;
ALTER TABLE video_upload_chunks ADD COLUMN object_key TEXT;
CREATE INDEX video_upload_chunks_key_version ON video_upload_chunks (key_version);

-- A play's sealed key.
ALTER TABLE video_plays ADD COLUMN key_version INTEGER;
