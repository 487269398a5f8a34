import { CLIENT_SIGNING_ALGS } from '../../platform/config.js';
import { RECORD_ACCESS, RECORD_INGEST, STATS_ACCESS } from '@need2know/policy';
import { ADMIN_SCOPE, OFFICER_SCOPE } from './token-service.js';

/** Authorization server metadata (RFC 8414 §2) for the gateway at `issuer`. */
export function authorizationServerMetadata(issuer: string): Record<string, unknown> {
  const algs = [...CLIENT_SIGNING_ALGS];
  return {
    issuer,
    token_endpoint: `${issuer}/oauth/token`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    // No authorization endpoint: machine clients only (client credentials).
    response_types_supported: [],
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: algs,
    introspection_endpoint_auth_methods_supported: ['private_key_jwt'],
    introspection_endpoint_auth_signing_alg_values_supported: algs,
    revocation_endpoint_auth_methods_supported: ['private_key_jwt'],
    revocation_endpoint_auth_signing_alg_values_supported: algs,
    dpop_signing_alg_values_supported: algs,
    authorization_details_types_supported: [RECORD_ACCESS, RECORD_INGEST, STATS_ACCESS],
    scopes_supported: [ADMIN_SCOPE, OFFICER_SCOPE],
    service_documentation: `${issuer}/docs`,
  };
}
