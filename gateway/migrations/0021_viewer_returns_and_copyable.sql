-- The officer's viewer, fit for a day's work (issue 17).
--
-- A return to the viewer soon after its window left the front is the same view (policy's
-- viewReturn, SAME_VIEW_RETURN_SECONDS): the gateway keeps when the viewer said it was hidden, by its
-- own clock, so a client cannot claim a short absence. NULL: not hidden (or the return was taken).
ALTER TABLE viewer_views ADD COLUMN hidden_since INTEGER;

-- Fields a purpose marks "may be copied" in the viewer (e.g. the phone a tracer dials): JSON
-- { record_type: [field, ...] } (policy's checkCopyableFields); NULL: nothing may be copied.
ALTER TABLE purposes ADD COLUMN copyable TEXT;
