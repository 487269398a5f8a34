/** Stable machine-readable codes of RFC 9457 problem documents. Clients switch on these. */
export type ProblemCode =
  | 'bad_request'
  | 'validation_failed'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'invalid_token'
  | 'invalid_dpop_proof'
  | 'insufficient_scope'
  | 'search_not_permitted'
  | 'forbidden'
  | 'two_person_rule'
  | 'row_scope_beyond_purpose'
  | 'invalid_transition'
  | 'rate_limited'
  | 'key_destroyed'
  | 'invalid_enrolment_code'
  | 'reveal_not_permitted'
  | 'view_not_resumable'
  | 'copy_not_permitted'
  | 'reason_required'
  | 'reason_invalid'
  | 'media_not_examined'
  | 'original_not_released'
  | 'leadership_approval_required'
  | 'rendition_not_stored'
  | 'media_too_large'
  | 'privacy_budget_exhausted'
  | 'stats_busy'
  | 'invalid_manifest'
  | 'video_too_large'
  | 'not_mp4'
  | 'not_fragmented_mp4'
  | 'chunk_out_of_range'
  | 'chunk_size_mismatch'
  | 'digest_required'
  | 'digest_mismatch'
  | 'upload_expired'
  | 'upload_complete'
  | 'upload_cancelled'
  | 'upload_incomplete'
  | 'hash_mismatch'
  | 'play_expired'
  | 'not_ready'
  | 'internal_error';

const TITLES: Record<ProblemCode, string> = {
  bad_request: 'The request is malformed',
  validation_failed: 'The request does not match the schema',
  body_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported content type',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'The resource changed or already exists',
  invalid_token: 'The access token is missing, invalid, expired or revoked',
  invalid_dpop_proof: 'The DPoP proof is missing or invalid',
  insufficient_scope: 'The access token does not allow this request',
  search_not_permitted: 'A search may use only fields the purpose discloses in clear',
  forbidden: 'Not allowed',
  two_person_rule: 'A second privacy officer must approve this change',
  row_scope_beyond_purpose: "A grant's row scope must lie within its purpose's",
  invalid_transition: 'The change is not possible in the current state',
  rate_limited: 'Too many requests',
  key_destroyed: 'The key for this disclosure has been destroyed',
  invalid_enrolment_code: 'The enrolment code is unknown, used or expired',
  reveal_not_permitted: 'This grant does not allow revealing protected media',
  view_not_resumable: 'This return to the viewer is not the same view',
  copy_not_permitted: 'The purpose does not allow copying this field',
  reason_required: 'This purpose requires a reference and a reason on every record request',
  reason_invalid: 'The reference or reason is malformed',
  media_not_examined: 'This photo was not examined for faces at upload, so it has no redaction to amend',
  original_not_released: 'The original of a protected photo is not released here',
  leadership_approval_required: 'This needs an approval of two leadership officers in force',
  rendition_not_stored: 'This photo has no such rendition',
  media_too_large: 'This original is larger than an answer carries, and no copy at the working size is stored',
  privacy_budget_exhausted: 'This release would exceed the privacy budget',
  stats_busy: 'The table is being protected for new data; try again shortly',
  invalid_manifest: "The video's redaction manifest is malformed or inconsistent",
  video_too_large: 'The video is larger or longer than the gateway takes',
  not_mp4: 'The file is not an MP4 video',
  not_fragmented_mp4: 'A rendition must be a fragmented MP4, so that a viewer can stream it',
  chunk_out_of_range: 'The upload has no such file or chunk',
  chunk_size_mismatch: "A chunk must be exactly the upload's chunk size, the last one of a file the rest",
  digest_required: "Send the chunk's SHA-256 in a Content-Digest header",
  digest_mismatch: 'The chunk does not match its Content-Digest',
  upload_expired: 'The upload expired before it was completed; start again',
  upload_complete: 'The upload is complete; its chunks can no longer change',
  upload_cancelled: 'The upload was cancelled and its chunks deleted; start a new upload',
  upload_incomplete: 'Chunks of the upload are missing',
  hash_mismatch: 'A file does not match the size or SHA-256 its manifest states',
  play_expired: 'This play has ended; start a new one',
  not_ready: 'The gateway is not ready to serve',
  internal_error: 'Internal error',
};

/** One entry of a validation report: where, and a stable code. Never the offending value. */
export interface ProblemIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An RFC 9457 problem. `detail` is safe for the wire; the precise internal reason, when there is
 * one, goes to logs and the audit trail, not here.
 */
/** HTTP statuses a problem is sent with: client errors and the server's own (never 1xx–3xx, 204 or 205). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

export class Problem extends Error {
  readonly status: ProblemStatus;
  readonly code: ProblemCode;
  readonly detail: string | undefined;
  readonly issues: readonly ProblemIssue[] | undefined;
  readonly headers: Record<string, string>;
  /** Extension members (RFC 9457 §3.2), e.g. which limit refused a request. Never personal data. */
  readonly extensions: Readonly<Record<string, string | number>>;

  constructor(
    status: ProblemStatus,
    code: ProblemCode,
    detail?: string,
    extra: { issues?: readonly ProblemIssue[]; headers?: Record<string, string>; extensions?: Record<string, string | number> } = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.issues = extra.issues;
    this.headers = extra.headers ?? {};
    this.extensions = extra.extensions ?? {};
  }

  /** The problem document (RFC 9457 §3) for this error at `instance`. */
  toJSON(instance?: string): Record<string, unknown> {
    return {
      ...this.extensions,
      type: `urn:need2know:problem:${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(this.issues === undefined ? {} : { issues: this.issues }),
    };
  }

  /** The HTTP response carrying this problem. */
  toResponse(instance?: string): Response {
    return new Response(JSON.stringify(this.toJSON(instance)), {
      status: this.status,
      headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...this.headers },
    });
  }
}
