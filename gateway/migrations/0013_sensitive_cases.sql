-- Sensitive cases: a case marked `sensitivity: sensitive` is disclosed only under a grant that asked
-- for sensitive cases and that two officers with the leadership role approved (the approvals are the
-- grant's `leadership_approvals`, as for unblurred media). Otherwise it is answered like a missing
-- record. Statistics count it either way.
ALTER TABLE grants ADD COLUMN sensitive_cases INTEGER NOT NULL DEFAULT 0;
