import type { Purpose } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { AdminStores } from '../../store/ports/index.js';

/** Every registered purpose. */
export function listRegisteredPurposes(stores: Pick<AdminStores, 'purposes'>): Promise<Purpose[]> {
  return stores.purposes.listPurposes();
}

/** Purpose `id`; 404 when there is none. */
export async function readPurpose(stores: Pick<AdminStores, 'purposes'>, id: string): Promise<Purpose> {
  const purpose = await stores.purposes.getPurpose(id);
  if (purpose === null) throw new Problem(404, 'not_found');
  return purpose;
}
