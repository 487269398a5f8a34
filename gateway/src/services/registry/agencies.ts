import { Problem } from '../../platform/errors/problem.js';
import { commitChange } from '../../store/d1/admin-events.js';
import { getAgency, insertAgency, listAgencies, type Agency } from '../../store/d1/agencies.js';

export type { Agency } from '../../store/d1/agencies.js';

/** Every registered agency. */
export function listRegisteredAgencies(db: D1Database): Promise<Agency[]> {
  return listAgencies(db);
}

/** Registers agency `asked` as `actor` (logged); 409 when the id is taken. Returns it as stored. */
export async function registerAgency(db: D1Database, asked: Omit<Agency, 'createdAt'>, actor: string, now: number): Promise<Agency> {
  const agency: Agency = { ...asked, createdAt: now };
  const outcome = await commitChange(db, [insertAgency(db, agency)], {
    at: now,
    actor,
    action: 'agency.create',
    targetType: 'agency',
    targetId: agency.id,
    detail: { name: agency.name },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'An agency with this id exists.');
  const stored = await getAgency(db, agency.id);
  if (stored === null) throw new Problem(409, 'conflict');
  return stored;
}
