import { purposeWidenings, type Purpose } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminStores } from '../../store/ports/index.js';
import { openAdminRequest } from '../approvals/open-request.js';
import { validTerms, type PurposeTermsAsked } from './purpose-terms.js';
import { readPurpose } from './read-purposes.js';

/** What replacing a purpose did: applied at once (it only narrows), or opened a request because it widens. */
export type PurposeChangeOutcome =
  | { readonly kind: 'updated'; readonly purpose: Purpose }
  | { readonly kind: 'pending'; readonly request: string; readonly widenings: readonly string[] };

/**
 * Replaces purpose `id`'s terms as `actor` asked. `ifMatch` (the quoted etag the caller read, if it
 * sent one) must still match (409 otherwise). A change that lets more out (`purposeWidenings`) waits
 * for a second officer and the purpose stays as it is until then; anything else applies at once as a
 * new version.
 */
export async function replacePurpose(
  stores: Pick<AdminStores, 'registry' | 'purposes' | 'changes'>,
  id: string,
  asked: PurposeTermsAsked,
  ifMatch: string | undefined,
  reason: string,
  actor: string,
  now: number,
): Promise<PurposeChangeOutcome> {
  const current = await readPurpose(stores, id);
  if (ifMatch !== undefined && ifMatch !== `"${current.etag}"`) throw new Problem(409, 'conflict', 'The purpose changed since you read it.');
  // A replacement that says nothing of the stated reason or the Khmer title keeps the purpose's own.
  const proposed = await validTerms(stores, {
    ...asked,
    reasonRequired: asked.reasonRequired ?? current.reasonRequired === true,
    titleKm: asked.titleKm === undefined ? (current.titleKm ?? null) : asked.titleKm,
  });
  const widenings = purposeWidenings(current, proposed);
  if (widenings.length > 0) {
    const request = await openAdminRequest(stores, 'purpose.update', 'purpose', id, { etag: current.etag, purpose: proposed, widenings }, actor, reason, now);
    return { kind: 'pending', request, widenings };
  }
  const next: Purpose = { ...current, ...proposed, version: current.version + 1, etag: randomToken(), updatedAt: now };
  const outcome = await stores.changes.commit([{ op: 'purpose.update', purpose: next, expectedEtag: current.etag }], {
    at: now,
    actor,
    action: 'purpose.update',
    targetType: 'purpose',
    targetId: id,
    detail: {
      version: next.version,
      title: next.title,
      title_km: next.titleKm ?? null,
      rules: next.rules,
      agencies: next.agencies,
      actions: next.actions,
      status: next.status,
      row_scope: next.rowScope ?? null,
      copyable: next.copyable ?? null,
      reason_required: next.reasonRequired === true,
      reason,
    },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The purpose changed meanwhile; read it again.');
  return { kind: 'updated', purpose: next };
}
