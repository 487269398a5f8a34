import { clientKeyIssues, planClientChange, voidsOpenCodes } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminStores, Client } from '../../store/ports/index.js';
import { openAdminRequest } from '../approvals/open-request.js';
import { readClient } from './read-clients.js';
import type { ClientChangeOutcome } from './register-client.js';

/** What a privacy officer asked to change on a client (absent: unchanged). */
export interface ClientChangeAsked {
  readonly name?: string;
  readonly status?: 'active' | 'suspended';
  readonly signingKeys?: readonly Record<string, unknown>[];
  readonly encryptionKey?: Record<string, unknown>;
  readonly reason: string;
}

/**
 * Changes client `id` as `actor` asked, as `planClientChange` decides: renaming and suspending apply
 * at once (suspending an officer also voids their enrolment codes); new keys and re-activation widen
 * who can act, so they open requests for a second officer. The keys the client would hold must pass
 * `clientKeyIssues` (400 `validation_failed`).
 */
export async function changeClient(
  stores: Pick<AdminStores, 'registry' | 'changes'>,
  id: string,
  asked: ClientChangeAsked,
  actor: string,
  now: number,
): Promise<ClientChangeOutcome> {
  const current = await readClient(stores, id);
  const plan = planClientChange(
    current,
    {
      ...(asked.name === undefined ? {} : { name: asked.name }),
      ...(asked.status === undefined ? {} : { status: asked.status }),
      newKeys: asked.signingKeys !== undefined || asked.encryptionKey !== undefined,
    },
    actor,
  );
  if (plan.kind === 'refuse') throw new Problem(409, plan.code, plan.reason);
  const jwks = asked.signingKeys ?? (current.signingJwks.keys as unknown as Record<string, unknown>[]);
  const encryption = asked.encryptionKey ?? (current.encryptionJwk as Record<string, unknown> | null) ?? undefined;
  const issues = clientKeyIssues(current.kind, { signingKeys: jwks, encryptionKey: encryption, ingestTypes: current.ingestTypes });
  if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The client is not valid.', { issues });
  let next: Client = current;
  const { immediate } = plan;
  if (Object.keys(immediate).length > 0) {
    next = { ...current, ...immediate, etag: randomToken(), updatedAt: now };
    const voids = immediate.status === 'suspended' && current.kind === 'officer' && voidsOpenCodes('suspended');
    const outcome = await stores.changes.commit(
      [{ op: 'client.update', client: next, expectedEtag: current.etag }, ...(voids ? [{ op: 'enrolment_codes.void' as const, officerId: id }] : [])],
      {
        at: now,
        actor,
        action: immediate.status === 'suspended' ? 'client.suspend' : 'client.update',
        targetType: 'client',
        targetId: id,
        detail: { changed: Object.keys(immediate), reason: asked.reason },
      },
    );
    if (!outcome.ok) throw new Problem(409, 'conflict', 'The client changed meanwhile; read it again.');
  }
  const pending: string[] = [];
  for (const kind of plan.requests) {
    const payload = kind === 'client.rekey' ? { etag: next.etag, signing_jwks: { keys: jwks }, encryption_jwk: encryption ?? null } : { etag: next.etag };
    pending.push(await openAdminRequest(stores, kind, 'client', id, payload, actor, asked.reason, now));
  }
  return { client: next, pendingRequests: pending };
}
