import type { Purpose } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminStores } from '../../store/ports/index.js';
import { validTerms, type PurposeTermsAsked } from './purpose-terms.js';

/**
 * Registers purpose `id` with the terms asked (valid only as `validTerms` decides), as version 1, and
 * logs it; 409 when the id is taken. A new purpose discloses nothing until a grant under it is
 * approved by a second officer.
 */
export async function createPurpose(
  stores: Pick<AdminStores, 'registry' | 'changes'>,
  id: string,
  asked: PurposeTermsAsked,
  actor: string,
  now: number,
): Promise<Purpose> {
  const terms = await validTerms(stores, asked);
  const purpose: Purpose = { id, ...terms, version: 1, etag: randomToken(), createdBy: actor, createdAt: now, updatedAt: now };
  const outcome = await stores.changes.commit([{ op: 'purpose.insert', purpose }], {
    at: now,
    actor,
    action: 'purpose.create',
    targetType: 'purpose',
    targetId: purpose.id,
    detail: {
      version: 1,
      title: purpose.title,
      title_km: purpose.titleKm ?? null,
      rules: purpose.rules,
      agencies: purpose.agencies,
      actions: purpose.actions,
      reason_required: purpose.reasonRequired === true,
    },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'A purpose with this id exists.');
  return purpose;
}
