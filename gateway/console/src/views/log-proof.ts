/**
 * One disclosure's place in the audit log, checked in this browser with the library an outside
 * auditor uses: the latest checkpoint's signature against the verifier key pinned here (the audit
 * section pins it on first use), then the entry's RFC 9162 inclusion proof in that checkpoint, and
 * that the proven entry is the disclosure asked about.
 */
import { canonicalEntryBytes, leafHash, verifyCheckpoint, verifyInclusion } from '@need2know/audit';
import type { AdminApi } from '../api.js';

const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Where the audit section keeps the pinned verifier key (see `audit.ts`). */
export const pinnedKeyName = (): string => `n2k.console.audit.vkey:${location.origin}`;

function pinnedKey(): string | null {
  try {
    return localStorage.getItem(pinnedKeyName());
  } catch {
    return null;
  }
}

/** The outcome of a check: proven (with the entry and the checkpoint size), or why not. */
export type LogProof =
  | { readonly ok: true; readonly entry: Record<string, unknown>; readonly size: number }
  | { readonly ok: false; readonly why: 'key_changed' | 'signature' | 'not_in_log' | 'other_entry' };

/** Checks that entry `index` of the log is disclosure `id` and that the signed checkpoint includes it. */
export async function proveLogEntry(api: AdminApi, index: number, id: string): Promise<LogProof> {
  const [{ vkey }, note] = await Promise.all([api.auditKey(), api.auditCheckpoint()]);
  const pinned = pinnedKey();
  if (pinned !== null && pinned !== vkey) return { ok: false, why: 'key_changed' };
  const checkpoint = await verifyCheckpoint(note, pinned ?? vkey).catch(() => null);
  if (checkpoint === null) return { ok: false, why: 'signature' };
  if (index >= checkpoint.size) return { ok: false, why: 'not_in_log' };
  const proven = await api.auditInclusion(index, checkpoint.size);
  const included = verifyInclusion(leafHash(canonicalEntryBytes(proven.entry)), index, checkpoint.size, proven.proof.map(fromB64), checkpoint.root);
  if (!included) return { ok: false, why: 'not_in_log' };
  if (proven.entry.kind !== 'disclosure' || proven.entry.id !== id) return { ok: false, why: 'other_entry' };
  return { ok: true, entry: proven.entry, size: checkpoint.size };
}
