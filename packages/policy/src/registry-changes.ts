/**
 * Which changes to the client registry apply at once and which wait for a second privacy officer.
 * Anything that lets a key act waits: a new client of any kind (partner, data owner, privacy
 * officer), new keys, re-activation. Renaming and suspending narrow or change nothing of who can act,
 * and apply at once on one officer's word. Officers' devices and enrolment codes follow the same rule
 * (`officer-lifecycle.ts`).
 */

/** Requests a registry change can open; each waits for a second privacy officer. */
export type ClientRequestKind = 'client.activate' | 'client.rekey';

/** A newly registered client, whatever its kind: suspended, with its activation waiting for a second officer. */
export const NEW_CLIENT = { status: 'suspended', request: 'client.activate' } as const satisfies { status: 'suspended'; request: ClientRequestKind };

/** What a privacy officer asked to change on a client. */
export interface ClientChange {
  readonly name?: string;
  readonly status?: 'active' | 'suspended';
  /** New signing or encryption keys were given. */
  readonly newKeys: boolean;
}

/** How a change is carried out: what applies now, and which requests it opens. */
export type ClientChangePlan =
  | { readonly kind: 'plan'; readonly immediate: { readonly name?: string; readonly status?: 'suspended' }; readonly requests: readonly ClientRequestKind[] }
  | { readonly kind: 'refuse'; readonly code: 'invalid_transition'; readonly reason: string };

/**
 * Plans `change` to client `target` by privacy officer `actor`. An officer cannot suspend
 * themself (the registry would lose the only one who could); re-activating an active client is a
 * no-op.
 *
 * @example planClientChange({ id: 'p', status: 'suspended' }, { status: 'active', newKeys: false }, 'po-a')
 * // { kind: 'plan', immediate: {}, requests: ['client.activate'] }
 */
export function planClientChange(
  target: { readonly id: string; readonly status: 'active' | 'suspended' },
  change: ClientChange,
  actor: string,
): ClientChangePlan {
  if (target.id === actor && change.status === 'suspended')
    return { kind: 'refuse', code: 'invalid_transition', reason: 'A privacy officer cannot suspend themself.' };
  const immediate = { ...(change.name === undefined ? {} : { name: change.name }), ...(change.status === 'suspended' ? { status: 'suspended' as const } : {}) };
  const requests: ClientRequestKind[] = [];
  if (change.newKeys) requests.push('client.rekey');
  if (change.status === 'active' && target.status === 'suspended') requests.push('client.activate');
  return { kind: 'plan', immediate, requests };
}
