-- Where each disclosure stands in the tamper-evident log, and which persons (keyed hashes) it
-- concerned, so subject access and agency reports are queries rather than scans.
ALTER TABLE disclosures ADD COLUMN log_index INTEGER;
CREATE TABLE disclosure_subjects (
  subject        TEXT NOT NULL,            -- keyed hash of a person
  disclosure_id  TEXT NOT NULL REFERENCES disclosures(id),
  PRIMARY KEY (subject, disclosure_id)
) WITHOUT ROWID;
