import { MAX_ACCESS_TOKEN_LIFETIME, MIN_USEFUL_TOKEN_LIFETIME } from './constants.js';
import type { GrantedRecordAccess, GrantedRecordIngest, RecordAccessRequest, RecordIngestRequest } from './authorization-details.js';
import { grantIsLive } from './grant-window.js';
import type { ClientKind, Grant, Purpose } from './types.js';

/** The requesting client, as far as token policy is concerned. */
export interface TokenClient {
  readonly id: string;
  readonly kind: ClientKind;
  readonly agencyId: string;
  readonly ingestTypes: readonly string[];
}

export type TokenDecision<T> =
  | { readonly ok: true; readonly granted: T; readonly lifetime: number }
  | { readonly ok: false; readonly error: 'invalid_authorization_details' | 'invalid_grant' | 'unauthorized_client'; readonly reason: string };

const refuse = (error: 'invalid_authorization_details' | 'invalid_grant' | 'unauthorized_client', reason: string) => ({ ok: false as const, error, reason });

/**
 * Decides what a partner gets for a `record_access` request: the intersection of what it asked for
 * and what the purpose and its live grant allow — never more. Asking for more is cut down; asking
 * for nothing that is allowed is refused. Pure: all inputs are passed in.
 *
 * @param grants the grants of `purpose` for the client's agency (any state; only live ones count)
 */
export function decideRecordAccess(
  request: RecordAccessRequest,
  client: TokenClient,
  purpose: Purpose | null,
  grants: readonly Grant[],
  now: number,
): TokenDecision<GrantedRecordAccess> {
  if (client.kind !== 'partner' && client.kind !== 'officer') return refuse('unauthorized_client', `a ${client.kind} client cannot request record access`);
  // An unknown purpose and a purpose this agency may not use get the same answer.
  if (purpose === null || purpose.status !== 'active' || !purpose.agencies.includes(client.agencyId)) {
    return refuse('invalid_authorization_details', 'purpose unknown, retired or not open to this agency');
  }
  const live = grants.filter((g) => g.purposeId === purpose.id && g.agencyId === client.agencyId && grantIsLive(g, now));
  const chosen = request.grant === undefined ? live.sort((a, b) => b.notAfter - a.notAfter)[0] : live.find((g) => g.id === request.grant);
  if (chosen === undefined) return refuse('invalid_grant', 'no live grant of this purpose for this agency');

  const wantedTypes = request.record_types ?? Object.keys(purpose.rules);
  const fields: Record<string, string[]> = {};
  const disclosure: Record<string, Record<string, string>> = {};
  for (const type of wantedTypes) {
    // Own keys only: `constructor` and friends are names, never rules or field lists.
    const rules = Object.hasOwn(purpose.rules, type) ? purpose.rules[type] : undefined;
    if (rules === undefined) continue;
    const allowed = Object.keys(rules).filter((f) => rules[f] !== 'none');
    const wantedFields = (request.fields !== undefined && Object.hasOwn(request.fields, type) ? request.fields[type] : undefined) ?? allowed;
    const kept = wantedFields.filter((f) => allowed.includes(f));
    if (kept.length === 0) continue;
    fields[type] = [...new Set(kept)].sort();
    disclosure[type] = Object.fromEntries(fields[type].map((f) => [f, rules[f] as string]));
  }
  const recordTypes = Object.keys(fields).sort();
  if (recordTypes.length === 0) return refuse('invalid_authorization_details', 'nothing requested is allowed by the purpose');

  const actions = (request.actions ?? purpose.actions).filter((a) => purpose.actions.includes(a));
  if (actions.length === 0) return refuse('invalid_authorization_details', 'no requested action is allowed by the purpose');

  const lifetime = Math.min(MAX_ACCESS_TOKEN_LIFETIME, purpose.maxTokenLifetime, chosen.notAfter - now);
  if (lifetime < MIN_USEFUL_TOKEN_LIFETIME) return refuse('invalid_grant', 'the window ends too soon to issue a token');

  return {
    ok: true,
    lifetime,
    granted: {
      type: 'record_access',
      purpose: purpose.id,
      grant: chosen.id,
      record_types: recordTypes,
      fields,
      actions: [...new Set(actions)].sort(),
      disclosure,
      ...(chosen.recordIds === null ? {} : { record_ids: chosen.recordIds }),
      window_ends: chosen.notAfter,
    },
  };
}

/**
 * Decides what a data owner gets for a `record_ingest` request: the requested types it is
 * registered to ingest. Asking for a type it may not ingest is refused, not cut down, so that a
 * misconfigured loader fails loudly rather than silently skipping records.
 */
export function decideRecordIngest(request: RecordIngestRequest, client: TokenClient, lifetime: number): TokenDecision<GrantedRecordIngest> {
  if (client.kind !== 'data_owner') return refuse('unauthorized_client', `a ${client.kind} client cannot ingest`);
  const refused = request.record_types.filter((t) => !client.ingestTypes.includes(t));
  if (refused.length > 0) return refuse('invalid_authorization_details', 'record type not open to this data owner for ingest');
  return { ok: true, lifetime, granted: { type: 'record_ingest', record_types: [...new Set(request.record_types)].sort() } };
}
