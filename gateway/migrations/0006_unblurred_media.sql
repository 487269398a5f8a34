-- Unblurred media: released only when the purpose allows it, the grant asked for it, and two
-- officers with the leadership role approved that grant.
ALTER TABLE purposes ADD COLUMN allow_unblurred_media INTEGER NOT NULL DEFAULT 0;
ALTER TABLE grants ADD COLUMN media_unblurred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE grants ADD COLUMN leadership_approvals TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
