/**
 * The numbers the rules decide with, each with its reason. Changing one is a security decision.
 * `gateway/src/platform/config.ts` re-exports them beside the gateway's own numbers.
 */

/** Ceiling on any access token's lifetime (seconds). Purposes may set less, never more. */
export const MAX_ACCESS_TOKEN_LIFETIME = 10 * 60;
/** Largest `authorization_details` array: a token is bound to exactly one purpose. */
export const MAX_AUTHORIZATION_DETAILS = 1;
/** A token is not issued with less than this left in the window: it would die in flight. */
export const MIN_USEFUL_TOKEN_LIFETIME = 5;

/**
 * Refused token requests one source (network address) may add to the permanent log per minute.
 * Refusals are anonymous: anyone can cause them, and log entries can never be removed. Past the
 * bound a refusal is answered exactly as before but not logged one by one (the Worker's own logs
 * still see it); a client retrying a mistake stays well inside it.
 */
export const REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE = 10;
/**
 * Refused token requests logged per minute from all sources together, so that many sources cannot
 * add more either: at about 300 bytes an entry, at most ≈ 4.7 GB a year of sustained abuse.
 */
export const REFUSALS_LOGGED_PER_MINUTE = 30;
/** Longest refusal reason the log keeps: reasons are the gateway's own texts, never the caller's. */
export const MAX_LOGGED_REASON_CHARS = 120;

/** Two-person rule: distinct officers behind any change that widens access or gives a key access (the requester plus one other); see `two-person-rule.ts`. */
export const APPROVALS_TO_WIDEN = 2;

/** Longest disclosure window a grant may have (a standing inter-ministry agreement): five years. */
export const MAX_WINDOW_SECONDS = 5 * 366 * 24 * 3600;

/**
 * A return to the viewer within this many seconds of its window leaving the front is the same view:
 * logged once, with the interval it was hidden, and no new view, key or photos fetched. Two minutes
 * covers looking something up in another window or answering a message; a longer absence is a new
 * look at the record and a new logged view. The content is hidden for the whole interval.
 */
export const SAME_VIEW_RETURN_SECONDS = 2 * 60;

/**
 * How long two leadership approvals let a privacy officer open a photo's original beside its
 * redaction, counted from the second approval: one day, enough to compare the two the day leadership
 * decides, short enough that an audit never becomes standing access to the original.
 */
export const ORIGINAL_AUDIT_SECONDS = 24 * 3600;
