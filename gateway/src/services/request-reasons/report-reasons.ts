import type { KeyRing } from '@need2know/crypto';
import type { RequestReasonStore } from '../../store/ports/request-reasons.js';
import { openRequestReasons } from './sealed-reason.js';

/** What a disclosure's caller stated, as a subject access report shows it ("for case PP-2026-0412: bail review"). */
export interface StatedInReport {
  readonly reference: string | null;
  /** The reason in clear, opened for the report; null when none was stated (or it no longer opens). */
  readonly reason: string | null;
  readonly traceparent: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Adds to each disclosure what its log entry says the caller stated: the reference and trace as
 * logged, and the reason opened from its sealed copy by the keyed hash the entry names (only here,
 * for the person the report is about and the privacy officer who asked for it).
 */
export async function withStatedReasons<T extends { readonly logEntry: Readonly<Record<string, unknown>> }>(
  reasons: Pick<RequestReasonStore, 'reasonsByHash'>,
  ring: KeyRing,
  disclosures: readonly T[],
): Promise<Array<T & StatedInReport>> {
  const hashes = disclosures.flatMap((d) => (text(d.logEntry.reason_hash) === null ? [] : [text(d.logEntry.reason_hash) as string]));
  const opened = await openRequestReasons(reasons, ring, hashes);
  return disclosures.map((d) => {
    const hash = text(d.logEntry.reason_hash);
    return {
      ...d,
      reference: text(d.logEntry.reference),
      reason: hash === null ? null : (opened.get(hash) ?? null),
      traceparent: text(d.logEntry.traceparent),
    };
  });
}
