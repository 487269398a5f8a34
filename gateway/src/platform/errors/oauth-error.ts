/**
 * Error codes of the OAuth endpoints: RFC 6749 §5.2, RFC 9449 §5 (`invalid_dpop_proof`,
 * `use_dpop_nonce`) and RFC 9396 §5 (`invalid_authorization_details`).
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_dpop_proof'
  | 'invalid_authorization_details'
  | 'unsupported_token_type'
  | 'server_error';

/**
 * A refusal at an OAuth endpoint. The wire carries only the standard code and a generic
 * description (RFC 6749 §5.2); `reason` is the precise cause, kept for logs and the audit trail.
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly reason: string;

  constructor(code: OAuthErrorCode, reason: string) {
    super(`${code}: ${reason}`);
    this.name = 'OAuthError';
    this.code = code;
    this.reason = reason;
  }

  /** HTTP status for this error: 401 for client authentication failures, 500 for ours, else 400. */
  get status(): 400 | 401 | 500 {
    if (this.code === 'invalid_client') return 401;
    if (this.code === 'server_error') return 500;
    return 400;
  }

  /** The RFC 6749 §5.2 JSON response. */
  toResponse(): Response {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' };
    // RFC 6749 §5.2: a 401 for client authentication carries a WWW-Authenticate challenge.
    if (this.status === 401) headers['www-authenticate'] = 'Bearer error="invalid_client"';
    return new Response(JSON.stringify({ error: this.code, error_description: DESCRIPTIONS[this.code] }), { status: this.status, headers });
  }
}

const DESCRIPTIONS: Record<OAuthErrorCode, string> = {
  invalid_request: 'The request is missing a parameter, repeats one, or is malformed.',
  invalid_client: 'Client authentication failed.',
  invalid_grant: 'No active disclosure grant allows this request now.',
  unauthorized_client: 'This client may not use this grant type or authorization type.',
  unsupported_grant_type: 'Only client_credentials is supported.',
  invalid_scope: 'The requested scope is invalid for this client.',
  invalid_dpop_proof: 'The DPoP proof is missing or invalid.',
  invalid_authorization_details: 'The authorization_details are invalid or not allowed for this client.',
  unsupported_token_type: 'The token type is not supported.',
  server_error: 'The gateway could not complete the request.',
};
