import { approvalsInForce } from './leadership-approvals.js';
import { LEADERSHIP_APPROVALS_FOR_MEDIA, type Grant, type Purpose } from './types.js';

/**
 * Whether flagged media (minors, victims, witnesses, restrained people) may leave a grant unblurred:
 * only when the purpose allows it, the grant asked for it, and at least two distinct officers who
 * hold the leadership role and are active now approved that grant. Anything less, and media go out
 * blurred.
 */
export function mayReleaseUnblurredMedia(
  purpose: Pick<Purpose, 'allowUnblurredMedia'>,
  grant: Pick<Grant, 'mediaUnblurred' | 'leadershipApprovals' | 'leadershipApprovers'>,
): boolean {
  return (
    purpose.allowUnblurredMedia &&
    grant.mediaUnblurred &&
    approvalsInForce(grant.leadershipApprovals, grant.leadershipApprovers).length >= LEADERSHIP_APPROVALS_FOR_MEDIA
  );
}
