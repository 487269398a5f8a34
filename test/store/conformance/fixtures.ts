/**
 * Fixtures of the storage conformance suite: values built from the port types only, with ids unique
 * per run (a backend may be shared by every test of a file, as D1 is in the workers pool).
 */
import type { Grant, GrantRequest, Purpose } from '@need2know/policy';
import { expect } from 'vitest';
import type { AdminChange, AdminRequest, AdminStores, Agency, Client, NewAdminEvent } from '../../../gateway/src/store/ports/index.js';

/** Builds the stores under test (a fresh handle on the same backend is fine). */
export type MakeStores = () => AdminStores | Promise<AdminStores>;

/** A point in time all fixtures start from (Unix seconds). */
export const T0 = 1_900_000_000;

let counter = 0;
/** An id no other test uses. */
export const uniq = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}-${(counter++).toString(36)}`;

/** An event for a commit in tests. */
export const eventFor = (targetId: string, action = 'test.change', at = T0): NewAdminEvent => ({
  at,
  actor: 'po-test',
  action,
  targetType: 'test',
  targetId,
  detail: { n: counter },
});

/** Commits `changes` and expects it to succeed. */
export async function commitOk(stores: AdminStores, changes: readonly AdminChange[], targetId = 'fixture'): Promise<void> {
  const outcome = await stores.changes.commit(changes, eventFor(targetId));
  expect(outcome.ok).toBe(true);
}

/** How many events name `targetId` (to check that a refused commit logged nothing). */
export async function eventsOf(stores: AdminStores, targetId: string): Promise<number> {
  return (await stores.changes.listEvents({ targetId, limit: 1000 })).length;
}

export const anAgency = (id = uniq('agency')): Agency => ({ id, name: `Agency ${id}`, nameKm: null, createdAt: T0 });

export function aClient(agencyId: string, over: Partial<Client> = {}): Client {
  return {
    id: uniq('client'),
    kind: 'partner',
    agencyId,
    name: 'A partner system',
    signingJwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] },
    encryptionJwk: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
    ingestTypes: [],
    roles: [],
    status: 'active',
    etag: uniq('etag'),
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function aPurpose(agencies: readonly string[], over: Partial<Purpose> = {}): Purpose {
  return {
    id: uniq('purpose'),
    title: 'Contact tracing',
    legalBasis: 'Law 1',
    description: 'A test purpose',
    rules: { person: { name_latin: 'clear' } },
    actions: ['fetch'],
    agencies,
    maxTokenLifetime: 300,
    requestsPerMinute: 60,
    personsPerHour: 100,
    officerRequestsPerMinute: 30,
    officerPersonsPerHour: 50,
    notificationDelayDays: 0,
    allowUnblurredMedia: false,
    status: 'active',
    version: 1,
    etag: uniq('etag'),
    createdBy: 'po-test',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function aGrant(purposeId: string, agencyId: string, over: Partial<Grant> = {}): Grant {
  return {
    id: uniq('grant'),
    purposeId,
    agencyId,
    notBefore: T0,
    notAfter: T0 + 86_400,
    dataLife: 3_600,
    recordIds: null,
    mediaUnblurred: false,
    sensitiveCases: false,
    leadershipApprovals: [],
    leadershipApprovers: [],
    status: 'pending',
    note: 'test grant',
    version: 1,
    etag: uniq('etag'),
    createdBy: 'po-test',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export const aGrantRequest = (grantId: string, over: Partial<GrantRequest> = {}): GrantRequest => ({
  id: uniq('req'),
  grantId,
  action: 'activate',
  newNotAfter: null,
  requestedBy: 'po-test',
  requestedAt: T0,
  reason: 'test',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  ...over,
});

export const anAdminRequest = (targetId: string, over: Partial<AdminRequest> = {}): AdminRequest => ({
  id: uniq('areq'),
  kind: 'client.activate',
  targetId,
  payload: { etag: 'e1', note: { nested: [1, 2] } },
  requestedBy: 'po-test',
  requestedAt: T0,
  reason: 'test',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  ...over,
});

/** An agency and a purpose open to it, committed: what grants need to exist. */
export async function agencyAndPurpose(stores: AdminStores): Promise<{ agency: Agency; purpose: Purpose }> {
  const agency = anAgency();
  const purpose = aPurpose([agency.id]);
  await commitOk(stores, [
    { op: 'agency.insert', agency },
    { op: 'purpose.insert', purpose },
  ]);
  return { agency, purpose };
}
