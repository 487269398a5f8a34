import { recordType } from '@need2know/schema';
import type { JWK } from 'jose';
import type { GrantCreationIssue } from './grant-creation.js';
import { isPublicEncryptionJwk, isPublicSigningJwk } from './jwk-rules.js';
import type { ClientKind } from './types.js';

/** One reason a client's registration is not valid; `path` names the request field, `code` is stable. */
export type RegistrationIssue = GrantCreationIssue;

/** The keys and ingest types a client is registered (or re-keyed) with, as JWK objects. */
export interface ClientKeys {
  readonly signingKeys: readonly Record<string, unknown>[];
  readonly encryptionKey: Record<string, unknown> | undefined;
  readonly ingestTypes: readonly string[];
}

/**
 * Every reason a client of `kind` cannot hold `keys`, in the order the API reports them; empty means
 * valid. Signing keys are public Ed25519 or P-256 keys, several need distinct `kid`s; the encryption
 * key is a public P-256 or X25519 key, and partners must have one (deliveries are sealed to it); only
 * data owners ingest, and only known record types.
 */
export function clientKeyIssues(kind: ClientKind, keys: ClientKeys): RegistrationIssue[] {
  const { signingKeys, encryptionKey, ingestTypes } = keys;
  const issues: RegistrationIssue[] = [];
  signingKeys.forEach((k, i) => {
    if (!isPublicSigningJwk(k as JWK)) issues.push({ path: `signing_jwks.keys.${i}`, code: 'invalid_key', message: 'must be a public Ed25519 or P-256 key' });
  });
  const kids = signingKeys.map((k) => k.kid);
  if (signingKeys.length > 1 && (kids.some((kid) => typeof kid !== 'string') || new Set(kids).size !== kids.length)) {
    issues.push({ path: 'signing_jwks.keys', code: 'kid_required', message: 'several keys need distinct kid values' });
  }
  if (encryptionKey !== undefined && !isPublicEncryptionJwk(encryptionKey as JWK)) {
    issues.push({ path: 'encryption_jwk', code: 'invalid_key', message: 'must be a public P-256 or X25519 key' });
  }
  if (kind === 'partner' && encryptionKey === undefined)
    issues.push({ path: 'encryption_jwk', code: 'required', message: 'partners need a key to seal deliveries to' });
  if (kind !== 'data_owner' && ingestTypes.length > 0) issues.push({ path: 'ingest_types', code: 'not_allowed', message: 'only data owners ingest' });
  ingestTypes.forEach((t, i) => {
    if (recordType(t) === undefined) issues.push({ path: `ingest_types.${i}`, code: 'unknown_record_type', message: 'no such record type' });
  });
  return issues;
}

/**
 * Every reason a new client cannot be registered through the client registry: its keys
 * ({@link clientKeyIssues}); officers are registered through the officer registry instead (their
 * viewer enrols its own keys); only privacy officers hold roles; the agency must exist.
 */
export function newClientIssues(kind: ClientKind, keys: ClientKeys, roles: readonly string[], agencyKnown: boolean): RegistrationIssue[] {
  const issues = clientKeyIssues(kind, keys);
  if (kind === 'officer') issues.push({ path: 'kind', code: 'use_officers', message: 'officers are created through /officers and enrol their own keys' });
  if (kind !== 'privacy_officer' && roles.length > 0) issues.push({ path: 'roles', code: 'not_allowed', message: 'only privacy officers hold roles' });
  if (!agencyKnown) issues.push({ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' });
  return issues;
}
