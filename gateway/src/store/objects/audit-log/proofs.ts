/**
 * Inclusion and consistency proofs (RFC 9162 §2.1.3–2.1.4) answered from the stored subtree hashes,
 * as base64 hashes. A question about a tree larger than the log, or an entry outside the tree asked
 * about, has no answer (null). Synchronous over the object's storage.
 */
import { consistencyProof, inclusionProof, type NodeLookup } from '@need2know/audit';
import { encodeBase64 } from '@need2know/crypto';
import { entryText } from './tree.js';

/** Entry `index` and its inclusion proof in the tree of `size` leaves, in a log of `logSize` entries. */
export function inclusionOf(
  sql: SqlStorage,
  lookup: NodeLookup,
  logSize: number,
  index: number,
  size: number,
): { entry: Record<string, unknown>; proof: string[] } | null {
  const text = entryText(sql, index);
  if (text === undefined || index >= size || size > logSize) return null;
  return { entry: JSON.parse(text) as Record<string, unknown>, proof: inclusionProof(index, size, lookup).map(encodeBase64) };
}

/** Consistency proof between the trees of `from` and `to` leaves, in a log of `logSize` entries. */
export function consistencyOf(lookup: NodeLookup, logSize: number, from: number, to: number): string[] | null {
  if (from < 1 || from > to || to > logSize) return null;
  return consistencyProof(from, to, lookup).map(encodeBase64);
}
