import { Problem } from '../../platform/errors/problem.js';
import type { Stores, ViewerView } from '../../store/ports/index.js';
import { keyRingOpening, type KeyRingSource } from '../keys/key-ring.js';
import { openRevealReason } from '../officers/reveal-reasons.js';

/** A view traced back: the view, who opened it, and every reveal in it with its reason opened. */
export interface ViewTrace {
  readonly view: ViewerView;
  /** The officer's registered name, or their id once they are no longer registered. */
  readonly officerName: string;
  readonly reveals: readonly { readonly at: number; readonly reason: string; readonly logIndex: number }[];
}

/**
 * Traces view `viewId` (recovered from a leaked copy's trace mark): who opened what, when, under which
 * grant; 404 when there is no such view. Reveal reasons are stored sealed; oversight tracing a view
 * reads them here, and only here (opened with the key ring of `stores`' key source).
 */
export async function traceView(stores: Pick<Stores, 'viewer' | 'registry' | 'oversight'> & KeyRingSource, viewId: string): Promise<ViewTrace> {
  const view = await stores.viewer.view(viewId);
  if (view === null) throw new Problem(404, 'not_found');
  const [officer, reveals] = await Promise.all([stores.registry.getClient(view.officerId), stores.oversight.revealsOfView(view.viewId)]);
  const ring = await keyRingOpening(
    stores,
    reveals.map((r) => r.keyVersion),
  );
  return {
    view,
    officerName: officer?.name ?? view.officerId,
    reveals: reveals.map((r) => ({ at: r.at, reason: openRevealReason(ring, r.id, r.reason, r.keyVersion), logIndex: r.logIndex })),
  };
}
