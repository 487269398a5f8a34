import type { DisclosureMode } from '@need2know/schema';
import type { GrantedRecordAccess } from './authorization-details.js';
import { grantIsLive } from './grant-window.js';
import { RECORD_ACTIONS, type ClientKind, type Grant, type Purpose, type RecordAction } from './types.js';

/**
 * Whether an access token can be used now, decided against the client, grant and purpose as they
 * stand now: the token only says which purpose and grant it is for, and what subset of them its
 * client asked for. Narrowing a purpose (an action or an agency removed, a field dropped or put in a
 * less revealing mode, the purpose retired), ending a grant or suspending a client therefore takes
 * effect at once, for tokens issued before as for new ones. The access middleware of every resource
 * route and token introspection (RFC 7662) both ask this one rule, so they never disagree.
 */

/** The client behind a token, as registered now. */
export interface ClientNow {
  readonly kind: ClientKind;
  readonly agencyId: string;
  readonly status: string;
}

/** Everything the rule reads about a token's standing, as stored now. */
export interface TokenStanding {
  readonly revoked: boolean;
  readonly client: ClientNow | null;
  /** The grant and purpose the token's `record_access` detail names (null when unknown or not asked). */
  readonly grant: Grant | null;
  readonly purpose: Purpose | null;
}

/** What a `record_access` token allows now: never more than it was issued for, and never more than the purpose allows now. */
export interface RecordAccessNow {
  readonly purpose: Purpose;
  readonly grant: Grant;
  /** The token's actions the purpose still lists. */
  readonly actions: readonly RecordAction[];
  /** Per record type: the token's fields the purpose still discloses, with the purpose's mode now. */
  readonly disclosure: Readonly<Record<string, Readonly<Record<string, DisclosureMode>>>>;
  /** The records the grant covers (null: all of the types). */
  readonly recordIds: readonly string[] | null;
}

/** Why a token cannot be used; `code` is the problem code resource routes answer with. */
export interface TokenRefusal {
  readonly usable: false;
  /** `invalid_token` (401): the token is dead; `insufficient_scope` (403): it allows nothing any more. */
  readonly code: 'invalid_token' | 'insufficient_scope';
  /** For the gateway's own log only; the wire says just the code. */
  readonly reason: string;
}

export type TokenUse = { readonly usable: true; readonly recordAccess?: RecordAccessNow } | TokenRefusal;

const refuse = (code: TokenRefusal['code'], reason: string): TokenRefusal => ({ usable: false, code, reason });

/**
 * The fields of `type` that `granted` names and `purpose` still discloses, with the purpose's mode
 * now; null when none. A purpose narrowed after the token was issued narrows the answer at once; an
 * older token never widens it.
 */
export function fieldsNow(granted: GrantedRecordAccess, purpose: Purpose, type: string): Record<string, DisclosureMode> | null {
  // Own keys only: `constructor` and friends are names, never rules or field lists.
  const fields = Object.hasOwn(granted.fields, type) ? granted.fields[type] : undefined;
  const rules = Object.hasOwn(purpose.rules, type) ? purpose.rules[type] : undefined;
  if (fields === undefined || rules === undefined || !granted.record_types.includes(type)) return null;
  const out: Record<string, DisclosureMode> = {};
  for (const field of fields) {
    const mode = Object.hasOwn(rules, field) ? rules[field] : undefined;
    if (mode !== undefined && mode !== 'none') out[field] = mode;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/**
 * Decides whether a token of client `clientId` whose verified claims carry `recordAccess` (if any)
 * can be used at `now`. Any token: not revoked, its client registered and active. A `record_access`
 * token besides: its grant live and still the agency's grant of that purpose, the purpose active and
 * still open to the agency, and at least one of its actions and one of its fields still allowed.
 *
 * @example
 * decideTokenUse(detail, { revoked: false, client, grant, purpose: { ...purpose, status: 'retired' } }, now)
 * // { usable: false, code: 'insufficient_scope', reason: 'purpose retired' }
 */
export function decideTokenUse(recordAccess: GrantedRecordAccess | undefined, standing: TokenStanding, now: number): TokenUse {
  const { client, grant, purpose } = standing;
  if (standing.revoked) return refuse('invalid_token', 'token revoked');
  if (client === null || client.status !== 'active') return refuse('invalid_token', 'client unknown or suspended');
  if (recordAccess === undefined) return { usable: true };

  if (client.kind !== 'partner' && client.kind !== 'officer') return refuse('insufficient_scope', `a ${client.kind} client holds no record access`);
  if (grant === null || grant.id !== recordAccess.grant || !grantIsLive(grant, now)) return refuse('invalid_token', 'grant not live');
  if (grant.agencyId !== client.agencyId || grant.purposeId !== recordAccess.purpose) return refuse('invalid_token', 'grant of another agency or purpose');
  if (purpose === null || purpose.id !== grant.purposeId) return refuse('insufficient_scope', 'purpose unknown');
  if (purpose.status !== 'active') return refuse('insufficient_scope', 'purpose retired');
  if (!purpose.agencies.includes(client.agencyId)) return refuse('insufficient_scope', 'purpose no longer open to this agency');

  const actions = RECORD_ACTIONS.filter((a) => recordAccess.actions.includes(a) && purpose.actions.includes(a));
  if (actions.length === 0) return refuse('insufficient_scope', 'no action of the token is still allowed');
  const disclosure: Record<string, Record<string, DisclosureMode>> = {};
  for (const type of recordAccess.record_types) {
    const fields = fieldsNow(recordAccess, purpose, type);
    if (fields !== null) disclosure[type] = fields;
  }
  if (Object.keys(disclosure).length === 0) return refuse('insufficient_scope', 'no field of the token is still disclosed');
  return { usable: true, recordAccess: { purpose, grant, actions, disclosure, recordIds: grant.recordIds } };
}

/**
 * The `record_access` detail as it stands now (what introspection reports): the token's detail cut
 * down to the actions, types, fields and modes still allowed, with the grant's window and records now.
 */
export function detailNow(granted: GrantedRecordAccess, now: RecordAccessNow): GrantedRecordAccess {
  const recordTypes = Object.keys(now.disclosure).sort();
  return {
    type: granted.type,
    purpose: now.purpose.id,
    grant: now.grant.id,
    record_types: recordTypes,
    fields: Object.fromEntries(recordTypes.map((t) => [t, Object.keys(now.disclosure[t] ?? {}).sort()])),
    actions: [...now.actions].sort(),
    disclosure: Object.fromEntries(recordTypes.map((t) => [t, { ...now.disclosure[t] }])),
    ...(now.recordIds === null ? {} : { record_ids: [...now.recordIds] }),
    window_ends: now.grant.notAfter,
  };
}
