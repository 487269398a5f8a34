import { grantCreationIssues, NEW_GRANT, type Grant, type GrantProposal, type GrantRequest } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { newId, randomToken } from '../../platform/lib/random.js';
import type { AdminStores } from '../../store/ports/index.js';
import type { GrantWithRequests } from './read-grants.js';

/** A grant as a privacy officer asks for it (times in Unix seconds). */
export interface GrantAsked extends GrantProposal {
  readonly purposeId: string;
  /** The only records the grant covers, or undefined for every record the purpose reaches. */
  readonly recordIds?: readonly string[];
  readonly note: string;
}

/**
 * Creates a grant as `actor` asked for it: valid only as `grantCreationIssues` decides (400
 * `validation_failed` with the issues otherwise). It starts as the state machine says
 * ({@link NEW_GRANT}: pending, with its activation waiting for a second privacy officer); the grant,
 * its request and the admin event are written together.
 */
export async function createGrant(
  stores: Pick<AdminStores, 'registry' | 'purposes' | 'changes'>,
  asked: GrantAsked,
  actor: string,
  now: number,
): Promise<GrantWithRequests> {
  const [purpose, agency] = await Promise.all([stores.purposes.getPurpose(asked.purposeId), stores.registry.getAgency(asked.agencyId)]);
  const issues = grantCreationIssues(asked, purpose, agency !== null, now);
  if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The grant is not valid.', { issues });

  // A grant without its own row scope takes the purpose's: the ceiling holds from the first day.
  const rowScope = asked.rowScope ?? purpose?.rowScope ?? null;
  const grant: Grant = {
    id: newId('grt'),
    purposeId: asked.purposeId,
    agencyId: asked.agencyId,
    notBefore: asked.notBefore,
    notAfter: asked.notAfter,
    dataLife: asked.dataLifeSeconds,
    recordIds: asked.recordIds === undefined ? null : [...new Set(asked.recordIds)],
    rowScope,
    mediaUnblurred: asked.unblurredMedia,
    sensitiveCases: asked.sensitiveCases,
    leadershipApprovals: [],
    leadershipApprovers: [],
    status: NEW_GRANT.status,
    note: asked.note,
    version: 1,
    etag: randomToken(),
    createdBy: actor,
    createdAt: now,
    updatedAt: now,
  };
  const request: GrantRequest = {
    id: newId('req'),
    grantId: grant.id,
    action: NEW_GRANT.request,
    newNotAfter: null,
    requestedBy: actor,
    requestedAt: now,
    reason: asked.note,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
  };
  const outcome = await stores.changes.commit(
    [
      { op: 'grant.insert', grant },
      { op: 'grant_request.insert', request },
    ],
    {
      at: now,
      actor,
      action: 'grant.create',
      targetType: 'grant',
      targetId: grant.id,
      detail: {
        purpose: grant.purposeId,
        agency: grant.agencyId,
        not_before: grant.notBefore,
        not_after: grant.notAfter,
        data_life: grant.dataLife,
        record_ids: grant.recordIds?.length ?? null,
        row_scope: rowScope,
        unblurred_media: grant.mediaUnblurred,
        sensitive_cases: grant.sensitiveCases,
        request: request.id,
      },
    },
  );
  if (!outcome.ok) throw new Problem(409, 'conflict');
  return { grant, requests: [request] };
}
