/**
 * Numbers that matter for statistical disclosure control, in one place, with the reason for each.
 */

/** Smallest count published to the public: cells of 1–9 are suppressed (issue 8; common practice for small-area crime figures). */
export const PUBLIC_THRESHOLD = 10;

/** Lowest threshold a privacy officer may set for the public tier: below it small places identify people too easily. */
export const PUBLIC_MIN_THRESHOLD = 5;

/**
 * The thresholds suppression is computed at, lowest first. Every threshold in use (each grant's, the
 * public tier's, whatever they were last month) is raised to one of these steps, and the pattern at a
 * step is built on the pattern at the step below it (`suppressAtStep`), so patterns are nested: a
 * consumer who can read the releases at two steps learns nothing the lower one did not already show.
 * Few steps keep the chain short (each step is one more pass over the table); the values follow the
 * thresholds statistical offices publish at (3, 5, 10, 20 …).
 */
export const SUPPRESSION_STEPS = [3, 5, 10, 15, 20, 30, 50, 100, 200, 500, 1000] as const;

/** A threshold of 1 suppresses nothing: exact counts, for trusted consumers a second officer approved. */
export const NO_SUPPRESSION_THRESHOLD = 1;

/**
 * Most cells a table may have (all levels of every dimension): bounds memory and time per request.
 * Suppression always protects the finest table of its kind, so the largest must fit: health by
 * result (4 nodes) × the country's places (about 1,850) × a 53-week ISO year (54 nodes) ≈ 400,000.
 */
export const MAX_TABLE_CELLS = 450_000;

/** Siblings tried per dimension when looking for a complementary cell (more finds cheaper patterns, slower). */
export const SIBLING_CANDIDATES = 4;

/** Siblings tried in the other dimensions of a candidate pattern. */
export const CROSS_CANDIDATES = 2;

/** ε is handled in millionths so that budgets add up exactly (no floating-point drift in the ledger). */
export const MICRO = 1_000_000;

/** Smallest ε one release may spend: below it the noise swamps every count. */
export const MIN_EPSILON_MICRO = 10_000; // 0.01

/** Largest ε one release may spend: above it the noise no longer hides anyone. */
export const MAX_EPSILON_MICRO = 10 * MICRO;

/** Records one person may contribute to a differentially private table by default. */
export const DEFAULT_CONTRIBUTION_BOUND = 2;

/** Largest contribution bound: the noise grows linearly with it. */
export const MAX_CONTRIBUTION_BOUND = 10;
