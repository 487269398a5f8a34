/**
 * Numbers that matter, in one place, each with its reason. Changing one is a security decision.
 */

// The numbers the rules decide with live beside the rules, in the policy package.
export {
  APPROVALS_TO_WIDEN,
  MAX_ACCESS_TOKEN_LIFETIME,
  MAX_AUTHORIZATION_DETAILS,
  MAX_LOGGED_REASON_CHARS,
  MIN_USEFUL_TOKEN_LIFETIME,
  REFUSALS_LOGGED_PER_MINUTE,
  REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE,
} from '@need2know/policy';

/** Floor for a purpose's token lifetime: shorter tokens only add load without adding safety. */
export const MIN_ACCESS_TOKEN_LIFETIME = 30;

/** Longest a client assertion (RFC 7523) may be valid: it is a one-shot credential. */
export const MAX_CLIENT_ASSERTION_LIFETIME = 5 * 60;

/** DPoP proof freshness (RFC 9449 §11.1): accepted if `iat` is at most this old… */
export const DPOP_MAX_AGE = 60;
/** …or at most this far in the future (clock skew between the client and the gateway). */
export const DPOP_MAX_SKEW = 5;

/** Clock skew tolerated on `exp`/`nbf`/`iat` of assertions and tokens. */
export const CLOCK_TOLERANCE = 5;

/** Largest request body the OAuth endpoints read; a client assertion plus details fit easily. */
export const MAX_OAUTH_BODY_BYTES = 16 * 1024;
/** Largest admin request body. */
export const MAX_ADMIN_BODY_BYTES = 64 * 1024;
/**
 * Largest request body of every route without a limit of its own (record fetch and search, checks,
 * enrolment, views, reveals, viewer events, statistics…): the largest of them, an enrolment with a
 * public JWK or a search with its terms, fits in a few kilobytes. Enforced before the body is read,
 * whether or not it declares a Content-Length.
 */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024;
/** Largest JWT (assertion, proof or token) the gateway will parse. */
export const MAX_JWT_BYTES = 8 * 1024;

/**
 * The data owner's time zone unless `N2K_TIME_ZONE` names another: listing windows, "today" and
 * "is a minor" are judged on its calendar, never on the UTC date.
 */
export const DEFAULT_DATA_OWNER_TIME_ZONE = 'Asia/Phnom_Penh';

/** Signing keys rotate after this age (seconds) when the scheduled job runs. */
export const SIGNING_KEY_ROTATION_AGE = 30 * 24 * 3600;
/** Algorithm of the gateway's token signatures (RFC 8037 Ed25519). */
export const GATEWAY_SIGNING_ALG = 'EdDSA';

/** Algorithms accepted from clients for assertions and DPoP proofs (`Ed25519` is RFC 9864's name for EdDSA over Ed25519). Never `none` or HMAC. */
export const CLIENT_SIGNING_ALGS = ['EdDSA', 'Ed25519', 'ES256'] as const;

/** Cache lifetime of the signing-key set inside one isolate (ms); rotation is seen within this. */
export const KEYSET_CACHE_MS = 30_000;

/** Largest ingest request body: a batch of records (sealed, it must stay well under D1's 2 MB value cap). */
export const MAX_INGEST_BODY_BYTES = 1024 * 1024;
/** Most records one ingest request may carry; larger files go through the bulk loader in batches. */
export const MAX_INGEST_BATCH = 500;
/** Attempts of an ingest batch that lost a race with a concurrent ingest of the same records. */
export const INGEST_RETRIES = 3;
/** Records the re-wrap job moves to the newest field-key version per batch. */
export const REWRAP_BATCH = 200;

/** An officer's enrolment code works this long after it is issued (seconds): long enough to hand over, short enough to expire unused. */
export const ENROLMENT_CODE_LIFETIME = 72 * 3600;
/** Longest reason an officer may type to reveal a protected photo. */
export const MAX_REVEAL_REASON_CHARS = 500;
/** Shortest reason: a word or two is not a reason. */
export const MIN_REVEAL_REASON_CHARS = 10;

/**
 * How long a media object set being written may stay uncommitted before the scheduled job deletes
 * it (Unix seconds): far beyond any upload (a request's wall time is bounded by the runtime), so only
 * the objects of a write that died between the object store and D1 are ever swept.
 */
export const MEDIA_WRITE_GRACE = 15 * 60;
/**
 * How long the objects of a replaced (or re-wrapped) media item stay after the row stopped naming
 * them: a request that read the old row a moment before still finds its objects.
 */
export const MEDIA_DROP_GRACE = 5 * 60;
/** Object sets the scheduled job deletes per run (each up to five objects). */
export const MEDIA_SWEEP_BATCH = 50;
/** Items still in D1 chunks the scheduled job moves to the object store per run: each up to ≈ 8 MB of envelopes read and written. */
export const MEDIA_MOVE_BATCH = 4;
