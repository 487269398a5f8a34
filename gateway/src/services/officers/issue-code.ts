import { ENROLMENT_CODE_LIFETIME } from '../../platform/config.js';
import type { AdminChange } from '../../store/ports/index.js';
import { enrolmentCodeHash, newEnrolmentCode, normaliseEnrolmentCode } from './enrolment-code.js';

/** A code ready to commit: the change storing its hash (voiding the officer's older codes), and the code to show once. */
export interface FreshCode {
  readonly code: string;
  readonly expiresAt: number;
  readonly change: AdminChange;
}

/**
 * A fresh enrolment code for `officerId`. Codes are made only when a second privacy officer approves
 * the officer's registration or new device, and shown once, to that approving officer.
 */
export async function freshEnrolmentCode(officerId: string, issuedBy: string, now: number): Promise<FreshCode> {
  const code = newEnrolmentCode();
  const canonical = normaliseEnrolmentCode(code);
  if (canonical === null) throw new Error('a new enrolment code must read back');
  const expiresAt = now + ENROLMENT_CODE_LIFETIME;
  const change: AdminChange = {
    op: 'enrolment_code.issue',
    code: { codeHash: await enrolmentCodeHash(canonical), officerId, issuedBy, issuedAt: now, expiresAt },
  };
  return { code, expiresAt, change };
}
