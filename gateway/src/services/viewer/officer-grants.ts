import type { Grant, Purpose } from '@need2know/policy';
import type { Stores } from '../../store/ports/index.js';

/** Ended grants stay listed this long (seconds), so the viewer can say they ended rather than vanish. */
export const ENDED_GRANTS_SHOWN_FOR = 7 * 24 * 3600;

/** A grant the viewer shows an officer, with its purpose. */
export interface ShownGrant {
  readonly grant: Grant;
  readonly purpose: Purpose;
}

/**
 * The grants of agency `agencyId` an officer's viewer lists at `now`: decided ones (not pending) of
 * purposes still open to the agency, in force or suspended, or ended within
 * {@link ENDED_GRANTS_SHOWN_FOR}.
 */
export async function grantsShownToOfficers(stores: Pick<Stores, 'grants' | 'purposes'>, agencyId: string, now: number): Promise<ShownGrant[]> {
  const [grants, purposes] = await Promise.all([stores.grants.listGrants({ agencyId }), stores.purposes.listPurposes()]);
  const byId = new Map(purposes.map((p) => [p.id, p]));
  return grants.flatMap((grant) => {
    const purpose = byId.get(grant.purposeId);
    const shown =
      grant.status !== 'pending' &&
      purpose?.agencies.includes(agencyId) === true &&
      (grant.status === 'active' || grant.status === 'suspended' || grant.updatedAt > now - ENDED_GRANTS_SHOWN_FOR) &&
      grant.notAfter > now - ENDED_GRANTS_SHOWN_FOR;
    return shown ? [{ grant, purpose }] : [];
  });
}
