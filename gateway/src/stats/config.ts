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
