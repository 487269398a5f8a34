import type { Purpose } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { getPurpose, listPurposes } from '../../store/d1/purposes.js';

/** Every registered purpose. */
export function listRegisteredPurposes(db: D1Database): Promise<Purpose[]> {
  return listPurposes(db);
}

/** Purpose `id`; 404 when there is none. */
export async function readPurpose(db: D1Database, id: string): Promise<Purpose> {
  const purpose = await getPurpose(db, id);
  if (purpose === null) throw new Problem(404, 'not_found');
  return purpose;
}
