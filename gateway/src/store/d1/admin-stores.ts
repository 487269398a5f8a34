import type { AdminChange, AdminStores, ChangeOutcome, NewAdminEvent } from '../ports/index.js';
import { commitChange, listAdminEvents } from './admin-events.js';
import { closeAdminRequest, getAdminRequest, insertAdminRequest, listAdminRequests } from './admin-requests.js';
import { getAgency, insertAgency, insertAgencyIfMissing, listAgencies } from './agencies.js';
import { guardChanged, guardCount } from './change-guard.js';
import { getClient, insertClient, listClients, updateClient, upsertBootstrapOfficer } from './clients.js';
import { findOpenCode, issueCode, latestCode, spendCode, voidCodes } from './enrolment-codes.js';
import {
  activeGrantsFor,
  closeRequest as closeGrantRequest,
  getGrant,
  grantsDueToExpire,
  grantsToShred,
  insertGrant,
  insertRequest as insertGrantRequest,
  listGrants,
  markKeysShredded,
  openRequestFor,
  pendingRequests,
  requestsFor,
  updateGrantState,
  updateLeadershipApprovals,
  withdrawPendingRequests,
} from './grants.js';
import { originalAuditStatementsOf } from './original-audits.js';
import { getPurpose, insertPurpose, listPurposes, updatePurpose } from './purposes.js';
import { insertRevocation, isRevoked, purgeExpiredRevocations } from './revocations.js';
import { statsStatementsOf } from './stats-store.js';

/**
 * Counts the row `id` of a table carrying the etag its update wrote (a closed set of statements, the
 * table never from input): a guard after the conditional update aborts the batch unless it applied.
 */
const ETAG_STILL = {
  clients: 'SELECT count(*) FROM clients WHERE id = ? AND etag = ?',
  purposes: 'SELECT count(*) FROM purposes WHERE id = ? AND etag = ?',
  grants: 'SELECT count(*) FROM grants WHERE id = ? AND etag = ?',
} as const;

/**
 * The D1 statements of one typed change, in order. An etag-conditioned update is followed by a guard
 * on the etag it writes, a close by a guard that it changed one row: either aborts the whole batch
 * (`change_guard`'s CHECK), so a lost race or a request already closed changes nothing.
 */
function statementsOf(db: D1Database, change: AdminChange): D1PreparedStatement[] {
  switch (change.op) {
    case 'agency.insert':
      return [insertAgency(db, change.agency)];
    case 'client.insert':
      return [insertClient(db, change.client)];
    case 'client.update':
      return [updateClient(db, change.client, change.expectedEtag), ...guardCount(db, ETAG_STILL.clients, change.client.id, change.client.etag)];
    case 'purpose.insert':
      return [insertPurpose(db, change.purpose)];
    case 'purpose.update':
      return [updatePurpose(db, change.purpose, change.expectedEtag), ...guardCount(db, ETAG_STILL.purposes, change.purpose.id, change.purpose.etag)];
    case 'grant.insert':
      return [insertGrant(db, change.grant)];
    case 'grant.state':
      return [updateGrantState(db, change.grant, change.expectedEtag), ...guardCount(db, ETAG_STILL.grants, change.grant.id, change.grant.etag)];
    case 'grant.approvals':
      return [updateLeadershipApprovals(db, change.grant, change.expectedEtag), ...guardCount(db, ETAG_STILL.grants, change.grant.id, change.grant.etag)];
    case 'grant_request.insert':
      return [insertGrantRequest(db, change.request)];
    case 'grant_request.close': {
      const { id, status, by, at } = change.closing;
      return [closeGrantRequest(db, id, status, by, at), ...guardChanged(db)];
    }
    case 'admin_request.insert':
      return [insertAdminRequest(db, change.request)];
    case 'admin_request.close': {
      const { id, status, by, at } = change.closing;
      return [closeAdminRequest(db, id, status, by, at), ...guardChanged(db)];
    }
    case 'enrolment_code.issue':
      return issueCode(db, change.code);
    case 'enrolment_codes.void':
      return [voidCodes(db, change.officerId)];
    case 'enrolment_code.spend':
      return spendCode(db, change.codeHash, change.now);
    case 'grant_requests.withdraw':
      return [withdrawPendingRequests(db, change.grantId, change.at)];
    case 'grant.keys_shredded':
      return [markKeysShredded(db, change.grantId, change.at)];
    case 'original_audit.insert':
    case 'original_audit.approve':
    case 'original_audit.close':
      return originalAuditStatementsOf(db, change);
    default:
      return statsStatementsOf(db, change);
  }
}

/**
 * The administrative core's ports over one D1 database, built once per request from the binding.
 * Every SQL string stays in the table modules beside this one; this maps the ports onto them.
 */
export function d1AdminStores(db: D1Database): AdminStores {
  return {
    registry: {
      listAgencies: () => listAgencies(db),
      getAgency: (id) => getAgency(db, id),
      getClient: (id) => getClient(db, id),
      listClients: (filter = {}) => listClients(db, filter),
      findOpenEnrolmentCode: (codeHash, now) => findOpenCode(db, codeHash, now),
      latestEnrolmentCode: (officerId) => latestCode(db, officerId),
      registerBootstrapOfficers: async (officers, now) => {
        if (officers.length === 0) return [];
        const results = await db.batch(
          officers.flatMap(({ officer, agencyName }) => [insertAgencyIfMissing(db, officer.agencyId, agencyName, now), upsertBootstrapOfficer(db, officer)]),
        );
        return officers.filter((_, i) => (results[2 * i + 1]?.meta.changes ?? 0) > 0).map(({ officer }) => officer.id);
      },
    },
    purposes: {
      getPurpose: (id) => getPurpose(db, id),
      listPurposes: () => listPurposes(db),
    },
    grants: {
      getGrant: (id) => getGrant(db, id),
      listGrants: (filter = {}) => listGrants(db, filter),
      activeGrantsFor: (purposeId, agencyId, now) => activeGrantsFor(db, purposeId, agencyId, now),
      grantsDueToExpire: (now, limit) => grantsDueToExpire(db, now, limit),
      grantsToShred: (limit) => grantsToShred(db, limit),
      openRequestFor: (grantId) => openRequestFor(db, grantId),
      requestsFor: (grantId) => requestsFor(db, grantId),
      pendingGrantRequests: () => pendingRequests(db),
    },
    approvals: {
      getAdminRequest: (id) => getAdminRequest(db, id),
      listAdminRequests: (filter = {}) => listAdminRequests(db, filter),
    },
    revocations: {
      revoke: async (jti, clientId, now, expiresAt) => {
        await insertRevocation(db, jti, clientId, now, expiresAt).run();
      },
      isRevoked: (jti) => isRevoked(db, jti),
      purgeExpiredRevocations: (now) => purgeExpiredRevocations(db, now),
    },
    changes: {
      commit: (changes: readonly AdminChange[], event: NewAdminEvent): Promise<ChangeOutcome> =>
        commitChange(
          db,
          changes.flatMap((change) => statementsOf(db, change)),
          event,
        ),
      listEvents: (filter) => listAdminEvents(db, filter),
    },
  };
}
