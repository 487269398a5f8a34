import { NEW_CLIENT, newClientIssues, type ClientKind, type OfficerRole } from '@need2know/policy';
import type { JSONWebKeySet, JWK } from 'jose';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminStores, Client } from '../../store/ports/index.js';
import { openAdminRequest } from '../approvals/open-request.js';

/** A client as a privacy officer registers it: public keys only. */
export interface ClientAsked {
  readonly id: string;
  readonly kind: ClientKind;
  readonly agencyId: string;
  readonly name: string;
  readonly signingKeys: readonly Record<string, unknown>[];
  readonly encryptionKey: Record<string, unknown> | undefined;
  readonly ingestTypes: readonly string[];
  readonly roles: readonly OfficerRole[];
}

/** A registry change: the client as it is now, and the requests the change opened for a second officer. */
export interface ClientChangeOutcome {
  readonly client: Client;
  readonly pendingRequests: readonly string[];
}

/**
 * Registers a partner's or data owner's system, or a privacy officer, as `actor`: valid only as
 * `newClientIssues` decides (400 `validation_failed` otherwise). A new client of any kind gives a key
 * access, so it starts as {@link NEW_CLIENT} says (suspended) and its activation waits for a second
 * officer; 409 when the id is taken.
 */
export async function registerClient(
  stores: Pick<AdminStores, 'registry' | 'changes'>,
  asked: ClientAsked,
  actor: string,
  now: number,
): Promise<ClientChangeOutcome> {
  const agencyKnown = (await stores.registry.getAgency(asked.agencyId)) !== null;
  const issues = newClientIssues(asked.kind, asked, asked.roles, agencyKnown);
  if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The client is not valid.', { issues });
  const client: Client = {
    id: asked.id,
    kind: asked.kind,
    agencyId: asked.agencyId,
    name: asked.name,
    signingJwks: { keys: asked.signingKeys } as unknown as JSONWebKeySet,
    encryptionJwk: (asked.encryptionKey ?? null) as JWK | null,
    ingestTypes: [...new Set(asked.ingestTypes)],
    roles: [...new Set(asked.roles)],
    status: NEW_CLIENT.status,
    etag: randomToken(),
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await stores.changes.commit([{ op: 'client.insert', client }], {
    at: now,
    actor,
    action: 'client.create',
    targetType: 'client',
    targetId: client.id,
    detail: { kind: client.kind, agency: client.agencyId, ingest_types: client.ingestTypes, roles: client.roles },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'A client with this id exists.');
  const pending = [await openAdminRequest(stores, NEW_CLIENT.request, 'client', client.id, { etag: client.etag }, actor, `new ${client.kind}`, now)];
  return { client, pendingRequests: pending };
}
