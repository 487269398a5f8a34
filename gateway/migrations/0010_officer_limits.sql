-- Limits per client under a grant, besides the grant's totals: each officer's viewer (or each
-- system) using a grant has its own requests per minute and distinct persons per hour, so no one
-- client can spend the whole grant's budget or scrape up to it alone.
ALTER TABLE purposes ADD COLUMN officer_requests_per_minute INTEGER NOT NULL DEFAULT 30;
ALTER TABLE purposes ADD COLUMN officer_persons_per_hour INTEGER NOT NULL DEFAULT 100;
-- Purposes registered before keep what their privacy officers approved: each client may use up to
-- the grant's totals until an officer narrows it.
UPDATE purposes SET officer_requests_per_minute = requests_per_minute, officer_persons_per_hour = persons_per_hour;
