/**
 * DPoP proofs spent with the log entry. On record routes that opt in (`spendProofWithLog` of
 * `requireAccessToken`), a request's single-use proof (RFC 9449 §11.1) is spent by the log object in
 * the same atomic call that counts the request and writes its entry, instead of in a replay-guard
 * call before the route runs. The access middleware holds the proof; the route's log call takes it
 * (`proofToSpend`) and reports it settled (`proofSettled`); if the route answered without a log call,
 * the middleware spends it afterwards (`settleProof`), so no answer ever leaves for a proof that was
 * presented before.
 */
import type { Context } from 'hono';
import { auditLog } from '../../services/access/audit.js';
import type { AppEnv } from '../app-env.js';
import type { Nonce } from '../../store/objects/replay-guard/replay-guard.js';
import { proofReplayed } from './challenge.js';

/** A proof held for the route: spent once `spent` is true. */
export interface HeldProof {
  readonly proof: Nonce;
  spent: boolean;
}

const held = new WeakMap<Context<AppEnv>, HeldProof>();

/** Holds `proof` for the request of `c` (called by the access middleware). */
export function holdProof(c: Context<AppEnv>, proof: Nonce): HeldProof {
  const h = { proof, spent: false };
  held.set(c, h);
  return h;
}

/** The proof the route's log call must spend, or undefined when there is none to spend (the route did not opt in, or it is spent). */
export function proofToSpend(c: Context<AppEnv>): Nonce | undefined {
  const h = held.get(c);
  return h === undefined || h.spent ? undefined : h.proof;
}

/** Records that the route's log call spent the proof (or found it spent before). */
export function proofSettled(c: Context<AppEnv>): void {
  const h = held.get(c);
  if (h !== undefined) h.spent = true;
}

/**
 * After the route: spends the proof if the route did not, and refuses (401) when it had been
 * presented before — whatever the route answered.
 */
export async function settleProof(c: Context<AppEnv>, h: HeldProof, now: number): Promise<void> {
  if (h.spent) return;
  h.spent = true;
  if (!(await auditLog(c.env).spendProof(h.proof, now))) throw proofReplayed();
}
