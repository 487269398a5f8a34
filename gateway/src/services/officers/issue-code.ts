import { ENROLMENT_CODE_LIFETIME } from '../../platform/config.js';
import { issueCode } from '../../store/d1/enrolment-codes.js';
import { enrolmentCodeHash, newEnrolmentCode, normaliseEnrolmentCode } from './enrolment-code.js';

/** A code ready to commit: the statements storing its hash (voiding the officer's older codes), and the code to show once. */
export interface FreshCode {
  readonly code: string;
  readonly expiresAt: number;
  readonly statements: D1PreparedStatement[];
}

/**
 * A fresh enrolment code for `officerId`. Codes are made only when a second privacy officer approves
 * the officer's registration or new device, and shown once, to that approving officer.
 */
export async function freshEnrolmentCode(db: D1Database, officerId: string, issuedBy: string, now: number): Promise<FreshCode> {
  const code = newEnrolmentCode();
  const canonical = normaliseEnrolmentCode(code);
  if (canonical === null) throw new Error('a new enrolment code must read back');
  const expiresAt = now + ENROLMENT_CODE_LIFETIME;
  const statements = issueCode(db, { codeHash: await enrolmentCodeHash(canonical), officerId, issuedBy, issuedAt: now, expiresAt });
  return { code, expiresAt, statements };
}
