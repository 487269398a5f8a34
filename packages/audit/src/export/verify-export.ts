import { AuditError } from '../errors.js';
import { verifyCheckpoint } from '../checkpoint/verify.js';
import type { Checkpoint } from '../checkpoint/types.js';
import { canonicalEntryBytes } from '../entry/canonical-entry-bytes.js';
import { encodeBase64 } from '@need2know/crypto';
import { leafHash } from '../merkle/hash.js';
import { verifyConsistency } from '../merkle/verify-consistency.js';
import { verifyInclusion } from '../merkle/verify-inclusion.js';
import { resolveVerifierKey } from '../note/keys.js';
import type { VerifierKey } from '../note/keys.js';
import { readExport } from './read-export.js';
import type { ReadEntry, ReadExport } from './read-export.js';
import type { ExportProblem, ExportVerification } from './types.js';

/**
 * Verifies an audit export offline, with nothing but the log's public key, and locates what is
 * wrong. Never throws on bad input (only TypeError for a bad `key`): every defect becomes a
 * problem with a stable code and, where it has one, the entry index or checkpoint position.
 *
 * Checks: every checkpoint's signature and origin; consecutive checkpoints consistent
 * (RFC 9162 §2.1.4.2); every entry proven at its index in the last checkpoint (RFC 9162 §2.1.3.2);
 * indices covering [start, end) exactly once and in order.
 *
 * @example
 * ```ts
 * const result = await verifyExport(JSON.parse(file), 'gateway.example.gov/audit+1a2b3c4d+AX…');
 * if (!result.ok) for (const p of result.problems) console.log(p.code, p.index ?? p.checkpoint, p.message);
 * ```
 */
export async function verifyExport(value: unknown, key: VerifierKey): Promise<ExportVerification> {
  const verifier = resolveVerifierKey(key); // a bad key is caller misuse: TypeError, before anything else
  const problems: ExportProblem[] = [];
  let read: ReadExport | undefined;
  let anchor: Checkpoint | undefined;
  try {
    read = readExport(value, problems);
    if (read !== undefined) {
      anchor = await checkCheckpoints(read, verifier, problems);
      checkEntries(read, anchor, problems);
    }
  } catch {
    problems.push({ code: 'ERR_MALFORMED', message: 'export could not be read' });
  }
  if (problems.length > 0 || read === undefined || anchor === undefined) return { ok: false, problems };
  return { ok: true, size: anchor.size, root: encodeBase64(anchor.root), start: read.start, end: read.end };
}

/** Verifies signatures, origins, order and consistency; returns the anchor if it verified. Internal (also used by `ExportVerifier`). */
export async function checkCheckpoints(
  e: Pick<ReadExport, 'origin' | 'end' | 'checkpoints' | 'consistency'>,
  key: VerifierKey,
  problems: ExportProblem[],
): Promise<Checkpoint | undefined> {
  const verified: (Checkpoint | undefined)[] = [];
  for (const [k, note] of e.checkpoints.entries()) {
    try {
      const cp = await verifyCheckpoint(note, key);
      if (cp.origin !== e.origin) {
        problems.push({ code: 'ERR_MALFORMED', checkpoint: k, message: 'checkpoint is for another origin' });
        verified.push(undefined);
      } else verified.push(cp);
    } catch (err) {
      if (!(err instanceof AuditError)) throw err;
      const code = err.code === 'ERR_SIGNATURE' ? 'ERR_SIGNATURE' : 'ERR_MALFORMED';
      problems.push({ code, checkpoint: k, message: code === 'ERR_SIGNATURE' ? 'checkpoint signature does not verify' : 'checkpoint is malformed' });
      verified.push(undefined);
    }
  }
  for (let k = 1; k < verified.length; k++) {
    const older = verified[k - 1];
    const newer = verified[k];
    const proof = e.consistency[k - 1];
    if (older === undefined || newer === undefined || proof === undefined) continue;
    if (older.size > newer.size) {
      problems.push({ code: 'ERR_MALFORMED', checkpoint: k, message: 'checkpoints are not in ascending size' });
    } else if (!verifyConsistency(older.size, newer.size, older.root, newer.root, proof)) {
      problems.push({ code: 'ERR_INCONSISTENT', checkpoint: k, message: `checkpoint of size ${newer.size} does not extend the one of size ${older.size}` });
    }
  }
  const anchor = verified[verified.length - 1];
  if (anchor !== undefined && anchor.size < e.end) {
    problems.push({ code: 'ERR_MALFORMED', checkpoint: verified.length - 1, message: 'last checkpoint does not cover the exported segment' });
    return undefined;
  }
  return anchor;
}

/** Proves each entry against the anchor and checks that indices cover [start, end) once, in order. */
function checkEntries(e: ReadExport, anchor: Checkpoint | undefined, problems: ExportProblem[]): void {
  const byIndex = new Map<number, { item: ReadEntry; proven: boolean }[]>();
  for (const item of e.entries) {
    if (item.index < e.start || item.index >= e.end) {
      problems.push({ code: 'ERR_EXTRA_ENTRY', index: item.index, message: `entry outside the exported segment [${e.start}, ${e.end})` });
      continue;
    }
    const group = byIndex.get(item.index) ?? [];
    group.push({ item, proven: anchor !== undefined && proves(item, anchor, problems) });
    byIndex.set(item.index, group);
  }
  const extra = new Set<ReadEntry>();
  for (const [index, group] of byIndex) {
    // Of several entries claiming one index, the first that is proven is the real one.
    const real = group.find((g) => g.proven) ?? group[0];
    for (const g of group) {
      if (g !== real) {
        extra.add(g.item);
        problems.push({ code: 'ERR_EXTRA_ENTRY', index, message: `entries[${g.item.position}] repeats index ${index} with content not in the log` });
      } else if (!g.proven && anchor !== undefined) {
        problems.push({ code: 'ERR_ENTRY_MISMATCH', index, message: `entry ${index} is not the one the checkpoint commits to` });
      }
    }
  }
  let highest = -1;
  for (const item of e.entries) {
    if (extra.has(item) || !byIndex.has(item.index)) continue;
    if (item.index < highest) problems.push({ code: 'ERR_ORDER', index: item.index, message: `entry ${item.index} comes after entry ${highest}` });
    highest = Math.max(highest, item.index);
  }
  for (let i = e.start; i < e.end; i++) {
    if (byIndex.has(i)) continue;
    let j = i;
    while (j + 1 < e.end && !byIndex.has(j + 1)) j++;
    problems.push({ code: 'ERR_GAP', index: i, message: j === i ? `entry ${i} is missing` : `entries ${i} to ${j} are missing` });
    i = j;
  }
}

/** True when the entry is proven at its index in the anchor; a non-canonical entry is a problem. Internal. */
export function proves(item: Pick<ReadEntry, 'index' | 'entry' | 'proof'>, anchor: Checkpoint, problems: ExportProblem[]): boolean {
  let leaf: Uint8Array;
  try {
    leaf = leafHash(canonicalEntryBytes(item.entry));
  } catch {
    problems.push({ code: 'ERR_MALFORMED', index: item.index, message: `entry ${item.index} is not canonical JSON (non-integer or unsafe number)` });
    return false;
  }
  return verifyInclusion(leaf, item.index, anchor.size, item.proof, anchor.root);
}
