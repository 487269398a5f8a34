/**
 * DPoP proofs spent with the log entry. On record routes that opt in (`spendProofWithLog` of the
 * access middleware), a request's single-use proof (RFC 9449 §11.1) is spent by the log object in
 * the same atomic call that counts the request and writes its entry, instead of in a replay-guard
 * call before the route runs. The verified access carries the proof as `proof`; the disclosure path
 * hands it to its log call (`admitAndRecord`), which spends it and marks it settled; if the route
 * answered without a log call, the middleware spends it afterwards ({@link settleHeldProof}), so no
 * answer ever leaves for a proof that was presented before.
 */
import { proofReplayed } from '../../platform/errors/access-refusals.js';
import type { Stores } from '../../store/ports/index.js';
import type { Nonce } from '../../store/ports/objects.js';

/** A request's DPoP proof, held until one log call spends it. */
export class HeldProof {
  #settled = false;

  constructor(readonly nonce: Nonce) {}

  /** The proof the next log call must spend, or undefined once it is settled. */
  get toSpend(): Nonce | undefined {
    return this.#settled ? undefined : this.nonce;
  }

  /** Whether a log call spent the proof (or found it spent before). */
  get settled(): boolean {
    return this.#settled;
  }

  /** Records that a log call spent the proof (or found it spent before): nothing is left to spend. */
  settle(): void {
    this.#settled = true;
  }
}

/** A verified DPoP proof, as far as spending it goes. */
export interface VerifiedProof {
  readonly jkt: string;
  readonly jti: string;
  /** Until when the proof could be replayed (and must be remembered). */
  readonly replayUntil: number;
}

/** Holds `proof` for the route's log call to spend (instead of spending it in the replay guard before the route). */
export const holdProof = (proof: VerifiedProof): HeldProof => new HeldProof({ key: `dpop:${proof.jkt}:${proof.jti}`, expiresAt: proof.replayUntil });

/**
 * After the route: spends the proof if the route did not, and refuses (401) when it had been
 * presented before — whatever the route answered.
 */
export async function settleHeldProof(stores: Pick<Stores, 'auditLog'>, held: HeldProof, now: number): Promise<void> {
  if (held.settled) return;
  held.settle();
  if (!(await stores.auditLog.spendProof(held.nonce, now))) throw proofReplayed();
}
