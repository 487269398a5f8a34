/**
 * Numbers that matter for the statistics routes, each with its reason. Protection parameters of the
 * method itself live in @need2know/stats (thresholds, ε limits, bounds).
 */

/** Longest ISO-week range of one health table: a year and a bit. */
export const MAX_STATS_WEEKS = 53;

/** A public release is answered again from the register for this long (seconds), so anonymous
 * callers cannot fill the audit log or spend the public budget by repeating a request. */
export const PUBLIC_REUSE_SECONDS = 3600;

/** A differentially private release to an agency is answered again for this long (seconds): the same
 * question gets the same noisy answer, so asking again neither averages the noise away nor spends. */
export const DP_REUSE_SECONDS = 24 * 3600;

/** Largest release body kept in the register for answering again (D1 values must stay under 2 MB). */
export const MAX_STORED_RELEASE_BYTES = 1_500_000;

/** Largest place list (gazetteer) one request may load: the country has about 1,700 communes. */
export const MAX_GAZETTEER_CODES = 20_000;

/** Consumer name of the public tier in the budget ledger and the release register. */
export const PUBLIC_CONSUMER = 'public';

/**
 * Version of the stored protected tables (`stats_protected_tables.format`): the layout of a row and
 * the suppression code that made it. Bump it with any change to suppression, the opening order, the
 * finest tables' layout or the published encoding, so that every table is protected again by the new
 * code (patterns of the old and the new code must never be mixed: they would not nest).
 */
export const PROTECTED_TABLE_FORMAT = 1;

/** How long the request computing a protected table holds it (ms): well over the slowest computation
 * measured (≈ 14 s for 200,000 cases on a loaded two-core machine); a holder that dies is replaced after it. */
export const PROTECTION_LEASE_MS = 60_000;

/** How long a request waits for another's computation of the same table before giving up (ms): a lease and a
 * computation after it. */
export const PROTECTION_WAIT_MS = 90_000;

/** How often a waiting request looks for the table another request is computing (ms). */
export const PROTECTION_POLL_MS = 200;

/** Largest protected table kept, decompressed (bytes): the published form of the largest table allowed
 * (450,000 cells) takes about a byte a cell; a stored row that inflates beyond this is refused, not read. */
export const MAX_PROTECTED_TABLE_BYTES = 8 * 1024 * 1024;
