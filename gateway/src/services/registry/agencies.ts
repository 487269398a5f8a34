import { Problem } from '../../platform/errors/problem.js';
import type { Agency, AdminStores } from '../../store/ports/index.js';

export type { Agency } from '../../store/ports/index.js';

/** Every registered agency. */
export function listRegisteredAgencies(stores: Pick<AdminStores, 'registry'>): Promise<Agency[]> {
  return stores.registry.listAgencies();
}

/** Registers agency `asked` as `actor` (logged); 409 when the id is taken. Returns it as stored. */
export async function registerAgency(
  stores: Pick<AdminStores, 'registry' | 'changes'>,
  asked: Omit<Agency, 'createdAt'>,
  actor: string,
  now: number,
): Promise<Agency> {
  const agency: Agency = { ...asked, createdAt: now };
  const outcome = await stores.changes.commit([{ op: 'agency.insert', agency }], {
    at: now,
    actor,
    action: 'agency.create',
    targetType: 'agency',
    targetId: agency.id,
    detail: { name: agency.name },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'An agency with this id exists.');
  const stored = await stores.registry.getAgency(agency.id);
  if (stored === null) throw new Problem(409, 'conflict');
  return stored;
}
