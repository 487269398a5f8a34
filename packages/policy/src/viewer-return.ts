import { SAME_VIEW_RETURN_SECONDS } from './constants.js';

/** A view as the gateway holds it: whose, under which grant, of which delivery, and since when hidden. */
export interface HiddenView {
  readonly officerId: string;
  readonly grantId: string;
  readonly disclosureId: string;
  /** When the viewer said its window left the front (Unix seconds, the gateway's clock); null if it did not. */
  readonly hiddenSince: number | null;
}

/** Who claims a return, under which grant, to which delivery. */
export interface ReturnClaim {
  readonly officerId: string;
  readonly grantId: string;
  readonly disclosureId: string;
}

/** Whether a return is the same view (with the hidden interval to log), or why it is a new one. */
export type ReturnDecision =
  | { readonly same: true; readonly hiddenFrom: number; readonly hiddenTo: number }
  | { readonly same: false; readonly reason: 'not_own' | 'other_record' | 'not_hidden' | 'too_late' };

/**
 * Is this return to the viewer the same view? Only the officer's own view under the same grant, of
 * the same delivery (the same record), after the gateway heard that the window left the front, and
 * within `SAME_VIEW_RETURN_SECONDS` of that moment by the gateway's clock. Anything else is a new
 * view (logged as such): a client cannot stretch a view by claiming a return late, for another
 * record, or without having said when it was hidden. Pure.
 *
 * @example viewReturn({ officerId: 'o', grantId: 'g', disclosureId: 'd', hiddenSince: 100 }, { officerId: 'o', grantId: 'g', disclosureId: 'd' }, 160)
 * // { same: true, hiddenFrom: 100, hiddenTo: 160 }
 */
export function viewReturn(view: HiddenView, claim: ReturnClaim, now: number): ReturnDecision {
  if (view.officerId !== claim.officerId || view.grantId !== claim.grantId) return { same: false, reason: 'not_own' };
  if (view.disclosureId !== claim.disclosureId) return { same: false, reason: 'other_record' };
  if (view.hiddenSince === null) return { same: false, reason: 'not_hidden' };
  // A clock that reads earlier than the hide (never on one gateway clock) is not trusted as a short absence.
  if (now < view.hiddenSince || now - view.hiddenSince > SAME_VIEW_RETURN_SECONDS) return { same: false, reason: 'too_late' };
  return { same: true, hiddenFrom: view.hiddenSince, hiddenTo: now };
}
