import type { GatewayEnv } from '../../platform/env.js';
import { auditLog, auditOrigin } from '../access/audit.js';
import { subjectDisclosures, subjectsOfNationalId, type SubjectDisclosure } from '../access/reports.js';
import { subjectHashes } from '../access/subjects.js';
import { keyRing } from '../keys/key-ring.js';
import { keyRingSourceOf, recordReaderOf, storesOf } from '../stores.js';
import { d1RequestReasonStore } from '../../store/d1/request-reasons.js';
import { withStatedReasons, type StatedInReport } from '../request-reasons/report-reasons.js';

/** One disclosure of the person's data, with its log entry, the proof that the signed checkpoint includes it, and what its caller stated (reference, reason, trace). */
export interface ProvenDisclosure extends SubjectDisclosure, StatedInReport {
  readonly logEntry: Record<string, unknown>;
  readonly inclusionProof: readonly string[];
}

/** A subject access report: a fresh signed checkpoint, the disclosures it proves, and how many are withheld for now (delayed notification). */
export interface SubjectAccessReport {
  readonly checkpoint: string;
  readonly disclosures: readonly ProvenDisclosure[];
  readonly withheld: number;
}

/**
 * Every disclosure of the person with `nationalId` (of every record that names them, not only their
 * person records), each with its inclusion proof in a checkpoint signed now. Who asked for whose report
 * is itself recorded (the person named by a keyed hash only).
 */
export async function subjectAccessReport(env: GatewayEnv, nationalId: string, reason: string, actor: string, now: number): Promise<SubjectAccessReport> {
  const ring = await keyRing(keyRingSourceOf(env));
  const subjects = subjectHashes(ring, await subjectsOfNationalId(recordReaderOf(env), nationalId));
  const { shown, withheld } = await subjectDisclosures(storesOf(env), subjects, now);
  const log = auditLog(env);
  const checkpoint = await log.checkpoint(auditOrigin(env.N2K_PUBLIC_URL), now);
  const size = await log.size();
  const proven = await Promise.all(
    shown.map(async (d) => {
      const proven = (await log.inclusion(d.logIndex, size)) as { entry: Record<string, unknown>; proof: string[] } | null;
      return { ...d, logEntry: proven?.entry ?? {}, inclusionProof: proven?.proof ?? [] };
    }),
  );
  // The stated reasons, opened from their sealed copies for this report only.
  const disclosures = await withStatedReasons(d1RequestReasonStore(env.DB), ring, proven);
  await storesOf(env).changes.commit([], {
    at: now,
    actor,
    action: 'report.subject_access',
    targetType: 'person',
    targetId: subjects[0] ?? 'unknown',
    detail: { reason, disclosures: disclosures.length, withheld },
  });
  return { checkpoint, disclosures, withheld };
}
