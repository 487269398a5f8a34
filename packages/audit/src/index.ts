/**
 * @need2know/audit: the verifiable core of the tamper-evident audit log. RFC 9162 Merkle tree
 * hashing with an O(log n) frontier for appends, inclusion and consistency proofs over a
 * storage-supplied node lookup, C2SP signed checkpoints (Ed25519), the typed log entries (one
 * builder per kind) and their canonical bytes, and offline verification of exports. Pure, no I/O;
 * runs unchanged in Cloudflare Workers and Node 20. Formats: FORMAT.md.
 */
export { EXPORT_FORMAT, HASH_BYTES } from './constants.js';
export { AuditError } from './errors.js';
export type { AuditErrorCode } from './errors.js';
export { formatCheckpoint } from './checkpoint/format.js';
export { parseCheckpoint } from './checkpoint/parse.js';
export { signCheckpoint } from './checkpoint/sign.js';
export type { Checkpoint } from './checkpoint/types.js';
export { verifyCheckpoint } from './checkpoint/verify.js';
export { canonicalEntryBytes } from './entry/canonical-entry-bytes.js';
export {
  adminEntry,
  disclosureEntry,
  ingestEntry,
  limitedEntry,
  mediaIngestEntry,
  mediaRegionsEntry,
  mediaUploadCancelledEntry,
  statsReleaseEntry,
  viewerEntry,
} from './entry/entry-builders.js';
export type { AdminEvent, Disclosure, Ingest, MediaIngest, MediaRegions, MediaUploadCancelled, StatsRelease } from './entry/entry-builders.js';
export type {
  AdminLogEntry,
  DisclosureAction,
  DisclosureLogEntry,
  DisclosureOutcome,
  IngestLogEntry,
  LimitName,
  LogEntry,
  LogEntryKind,
  LoggedFaceRemoval,
  LoggedRegion,
  MediaIngestLogEntry,
  MediaRegionsLogEntry,
  MediaUploadCancelledLogEntry,
  StatsReleaseLogEntry,
  TokenIssuedLogEntry,
  TokenRefusedLogEntry,
  ViewerActor,
  ViewerEvent,
  ViewerLogEntry,
} from './entry/log-entry.js';
export { createExport } from './export/create-export.js';
export { createExportEntries } from './export/create-export-entries.js';
export { createExportFrame } from './export/create-export-frame.js';
export type { CreateExportFrameInput, ExportFrame } from './export/create-export-frame.js';
export { ExportReader } from './export/export-reader.js';
export type { ExportReaderHandlers } from './export/export-reader.js';
export { ExportVerifier, MAX_STREAM_PROBLEMS } from './export/export-verifier.js';
export type { CreateExportInput } from './export/create-export.js';
export type { AuditExport, ExportedEntry, ExportProblem, ExportProblemCode, ExportVerification } from './export/types.js';
export { verifyExport } from './export/verify-export.js';
export { appendLeaf, appendLeafWithNodes, emptyCompactRange, rootOf } from './merkle/compact-range.js';
export type { CompactRange } from './merkle/compact-range.js';
export { consistencyProof, consistencyProofNodes } from './merkle/consistency-proof.js';
export { emptyRoot, leafHash, nodeHash } from './merkle/hash.js';
export { inclusionProof, inclusionProofNodes } from './merkle/inclusion-proof.js';
export { lookupFromLeaves } from './merkle/node-lookup.js';
export type { NodeId, NodeLookup, StoredNode } from './merkle/node-lookup.js';
export { rootFromLeaves } from './merkle/root-from-leaves.js';
export { verifyConsistency } from './merkle/verify-consistency.js';
export { verifyInclusion } from './merkle/verify-inclusion.js';
export { noteKeyHash } from './note/key-hash.js';
export { ed25519NoteSigner, formatVerifierKey, generateNoteKey, parseVerifierKey } from './note/keys.js';
export type { NoteSigner, VerifierKey } from './note/keys.js';
export { signNote } from './note/sign-note.js';
export { verifyNote } from './note/verify-note.js';
