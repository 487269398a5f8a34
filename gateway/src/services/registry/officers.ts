import { mayAskForNewCode, NEW_CLIENT, officerStatusAfter, voidsOpenCodes } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminStores, Client } from '../../store/ports/index.js';
import { openAdminRequest } from '../approvals/open-request.js';

/** An officer as the admin API shows them: whether a viewer enrolled, and until when their open code works. */
export interface OfficerStanding {
  readonly officer: Client;
  readonly enrolled: boolean;
  readonly codeExpiresAt: number | null;
}

/** An officer change: the officer as they are now, and the request it opened for a second officer. */
export interface OfficerChangeOutcome extends OfficerStanding {
  readonly pendingRequests: readonly string[];
}

async function standingOf(stores: Pick<AdminStores, 'registry'>, officer: Client, now: number): Promise<OfficerStanding> {
  const code = await stores.registry.latestEnrolmentCode(officer.id);
  return {
    officer,
    enrolled: officer.signingJwks.keys.length > 0,
    codeExpiresAt: code !== null && code.status === 'open' && code.expiresAt > now ? code.expiresAt : null,
  };
}

/** Partner agencies' officers (of one agency, if given), with their enrolment standing. */
export async function listOfficers(stores: Pick<AdminStores, 'registry'>, agencyId: string | undefined, now: number): Promise<OfficerStanding[]> {
  const officers = await stores.registry.listClients({ kind: 'officer', ...(agencyId === undefined ? {} : { agencyId }) });
  return Promise.all(officers.map((o) => standingOf(stores, o, now)));
}

/**
 * Registers an officer of a known agency (400 otherwise; 409 when the id is taken), with no keys and
 * no code: they can do nothing until a second officer approves the `officer.create` request this
 * opens, and the viewer enrols with the code that approval hands out (`approve-request.ts`).
 */
export async function registerOfficer(
  stores: Pick<AdminStores, 'registry' | 'changes'>,
  asked: { readonly id: string; readonly agencyId: string; readonly name: string; readonly reason: string },
  actor: string,
  now: number,
): Promise<OfficerChangeOutcome> {
  if ((await stores.registry.getAgency(asked.agencyId)) === null) {
    throw new Problem(400, 'validation_failed', 'The officer is not valid.', {
      issues: [{ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' }],
    });
  }
  const officer: Client = {
    id: asked.id,
    kind: 'officer',
    agencyId: asked.agencyId,
    name: asked.name,
    signingJwks: { keys: [] },
    encryptionJwk: null,
    ingestTypes: [],
    roles: [],
    status: NEW_CLIENT.status,
    etag: randomToken(),
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await stores.changes.commit([{ op: 'client.insert', client: officer }], {
    at: now,
    actor,
    action: 'officer.create',
    targetType: 'client',
    targetId: officer.id,
    detail: { agency: officer.agencyId, reason: asked.reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'A client with this id exists.');
  const request = await openAdminRequest(
    stores,
    'officer.create',
    'client',
    officer.id,
    { etag: officer.etag },
    actor,
    asked.reason === '' ? 'new officer' : asked.reason,
    now,
  );
  return { ...(await standingOf(stores, officer, now)), pendingRequests: [request] };
}

/**
 * Asks for a new device's enrolment code for officer `id`: dropping the old keys and codes narrows
 * access and applies at once; the new code widens it and waits for a second officer (an
 * `officer.rekey` request). 409 while another request that hands out a code is open
 * (`mayAskForNewCode`).
 */
export async function askNewDeviceCode(
  stores: Pick<AdminStores, 'registry' | 'approvals' | 'changes'>,
  id: string,
  reason: string,
  actor: string,
  now: number,
): Promise<OfficerChangeOutcome> {
  const current = await stores.registry.getClient(id);
  if (current === null || current.kind !== 'officer') throw new Problem(404, 'not_found');
  if (!mayAskForNewCode((await stores.approvals.listAdminRequests({ targetId: id })).map((r) => r.kind))) {
    throw new Problem(409, 'conflict', 'A request that hands out a code to this officer is already waiting for approval; decide that one first.');
  }
  const next: Client = {
    ...current,
    signingJwks: { keys: [] },
    encryptionJwk: null,
    status: officerStatusAfter(current.status, 'new_device_requested'),
    etag: randomToken(),
    updatedAt: now,
  };
  const outcome = await stores.changes.commit(
    [
      { op: 'client.update', client: next, expectedEtag: current.etag },
      ...(voidsOpenCodes('new_device_requested') ? [{ op: 'enrolment_codes.void' as const, officerId: id }] : []),
    ],
    { at: now, actor, action: 'officer.reissue_code', targetType: 'client', targetId: id, detail: { reason } },
  );
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The officer changed meanwhile; try again.');
  const request = await openAdminRequest(stores, 'officer.rekey', 'client', id, { etag: next.etag }, actor, reason === '' ? 'new device' : reason, now);
  return { ...(await standingOf(stores, next, now)), pendingRequests: [request] };
}
