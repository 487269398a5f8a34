-- A purpose's title in Khmer beside the English one (issue 17).
--
-- The console and the reports name a purpose in the officer's chosen language. The Khmer title is a
-- wording of the same purpose, not a term of it: setting or changing it widens nothing, so it applies
-- at once (logged like any purpose edit). NULL: no Khmer title yet; readers fall back to `title`.
ALTER TABLE purposes ADD COLUMN title_km TEXT;
