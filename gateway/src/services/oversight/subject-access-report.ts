import type { Stores } from '../../store/ports/index.js';
import { auditOrigin } from '../access/audit.js';
import { subjectDisclosures, subjectsOfNationalId, type SubjectDisclosure } from '../access/reports.js';
import { subjectHashes } from '../access/subjects.js';
import { keyRing, type KeyRingSource } from '../keys/key-ring.js';
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

/** What a subject access report reads and records: records, the disclosure index, the log, stated reasons, the change log, and the key ring's source. */
export type SubjectAccessStores = Pick<Stores, 'records' | 'oversight' | 'auditLog' | 'requestReasons' | 'changes'> & KeyRingSource;

/**
 * Every disclosure of the person with `nationalId` (of every record that names them, not only their
 * person records), each with its inclusion proof in a checkpoint signed now (for the log of the
 * gateway at `publicUrl`). Who asked for whose report is itself recorded (the person named by a
 * keyed hash only).
 */
export async function subjectAccessReport(
  stores: SubjectAccessStores,
  publicUrl: string,
  nationalId: string,
  reason: string,
  actor: string,
  now: number,
): Promise<SubjectAccessReport> {
  const ring = await keyRing(stores);
  const subjects = subjectHashes(ring, await subjectsOfNationalId(stores, nationalId));
  const { shown, withheld } = await subjectDisclosures(stores, subjects, now);
  const log = stores.auditLog;
  const checkpoint = await log.checkpoint(auditOrigin(publicUrl), now);
  const size = await log.size();
  const proven = await Promise.all(
    shown.map(async (d) => {
      const proven = (await log.inclusion(d.logIndex, size)) as { entry: Record<string, unknown>; proof: string[] } | null;
      return { ...d, logEntry: proven?.entry ?? {}, inclusionProof: proven?.proof ?? [] };
    }),
  );
  // The stated reasons, opened from their sealed copies for this report only.
  const disclosures = await withStatedReasons(stores.requestReasons, ring, proven);
  await stores.changes.commit([], {
    at: now,
    actor,
    action: 'report.subject_access',
    targetType: 'person',
    targetId: subjects[0] ?? 'unknown',
    detail: { reason, disclosures: disclosures.length, withheld },
  });
  return { checkpoint, disclosures, withheld };
}
