-- Replacing a record's blind indexes deletes its rows by (type, id); without this index that is a
-- scan of every index row of the type, so ingest would slow down as the store grows.
CREATE INDEX record_index_by_id ON record_index(type, id);
