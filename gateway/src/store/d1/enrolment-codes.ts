/** `enrolment_codes`: one-time codes for officers' viewers, stored as hashes only. */
import type { EnrolmentCode } from '../ports/registry.js';
import { guardChanged } from './change-guard.js';

export type { EnrolmentCode } from '../ports/registry.js';

interface Raw {
  code_hash: string;
  officer_id: string;
  issued_by: string;
  issued_at: number;
  expires_at: number;
  status: EnrolmentCode['status'];
}

/** The open, unexpired code with this hash, if any. */
export async function findOpenCode(db: D1Database, codeHash: string, now: number): Promise<EnrolmentCode | null> {
  const r = await db.prepare("SELECT * FROM enrolment_codes WHERE code_hash = ? AND status = 'open' AND expires_at > ?").bind(codeHash, now).first<Raw>();
  return r === null
    ? null
    : { codeHash: r.code_hash, officerId: r.officer_id, issuedBy: r.issued_by, issuedAt: r.issued_at, expiresAt: r.expires_at, status: r.status };
}

/** When the officer's newest code expires, and whether one is still open. */
export async function latestCode(db: D1Database, officerId: string): Promise<{ expiresAt: number; status: EnrolmentCode['status'] } | null> {
  const r = await db
    .prepare('SELECT expires_at, status FROM enrolment_codes WHERE officer_id = ? ORDER BY issued_at DESC LIMIT 1')
    .bind(officerId)
    .first<{ expires_at: number; status: EnrolmentCode['status'] }>();
  return r === null ? null : { expiresAt: r.expires_at, status: r.status };
}

/** Statements voiding the officer's open codes and storing a new one. */
export function issueCode(db: D1Database, code: Omit<EnrolmentCode, 'status'>): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE enrolment_codes SET status = 'void' WHERE officer_id = ? AND status = 'open'").bind(code.officerId),
    db
      .prepare("INSERT INTO enrolment_codes (code_hash, officer_id, issued_by, issued_at, expires_at, status) VALUES (?, ?, ?, ?, ?, 'open')")
      .bind(code.codeHash, code.officerId, code.issuedBy, code.issuedAt, code.expiresAt),
  ];
}

/**
 * Statements spending an open code. The batch they are part of aborts (change_guard's CHECK fails)
 * unless this code was still open and unexpired, so a code enrols at most one viewer.
 */
export function spendCode(db: D1Database, codeHash: string, now: number): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE enrolment_codes SET status = 'used', used_at = ? WHERE code_hash = ? AND status = 'open' AND expires_at > ?").bind(now, codeHash, now),
    ...guardChanged(db),
  ];
}

/** Statement voiding the officer's open codes (the officer was suspended, or their device is being replaced). */
export function voidCodes(db: D1Database, officerId: string): D1PreparedStatement {
  return db.prepare("UPDATE enrolment_codes SET status = 'void' WHERE officer_id = ? AND status = 'open'").bind(officerId);
}
