/**
 * The storage ports of the administrative core: what the registry, purpose, grant and approval
 * services need of storage, in types that name no database. A backend implements {@link AdminStores}
 * (the D1 one is `store/d1/admin-stores.ts`) and must pass the conformance suite in
 * `test/store/conformance/`.
 */
import type { AccessStore } from './access.js';
import type { ApprovalStore } from './approvals.js';
import type { ChangeStore } from './changes.js';
import type { GrantStore } from './grants.js';
import type { HealthStore } from './health.js';
import type { KeyStateStore, SigningKeyStore } from './keys.js';
import type { MediaStore } from './media.js';
import type { ObjectPorts } from './objects.js';
import type { OriginalAuditStore } from './original-audits.js';
import type { OversightStore } from './oversight.js';
import type { PurposeStore } from './purposes.js';
import type { RecordStore } from './records.js';
import type { RequestReasonStore } from './request-reasons.js';
import type { RegistryStore } from './registry.js';
import type { RevealReasonStore } from './reveal-reasons.js';
import type { RevocationStore } from './revocations.js';
import type { StatsStore } from './stats.js';
import type { ViewerStore } from './viewer.js';
import type { VideoStore } from './videos.js';

export type { AccessStore, CallerStanding, NamedRecordRead, Standing, StandingRead } from './access.js';
export { ADMIN_REQUEST_KINDS } from './approvals.js';
export type { AdminRequest, AdminRequestFilter, AdminRequestKind, ApprovalRequest, ApprovalStore } from './approvals.js';
export type { AdminChange, AdminEvent, AdminEventFilter, ChangeOutcome, ChangeStore, Closing, NewAdminEvent } from './changes.js';
export type { GrantFilter, GrantStore } from './grants.js';
export type { HealthStore } from './health.js';
export type { FieldKeyVersions, KeyStateStore, NewSigningKey, SigningKey, SigningKeyRewrap, SigningKeyStore, WrappedSigningKey } from './keys.js';
export { MEDIA_TYPES, STORED_RENDITIONS } from './media.js';
export type {
  MediaChunks,
  MediaHousekeeping,
  MediaItem,
  MediaLocation,
  MediaStore,
  MediaType,
  MediaWriteOutcome,
  NewMediaItem,
  NextRedaction,
  StoredBlurred,
  StoredRedacted,
  StoredRendition,
} from './media.js';
export type {
  AdmittedEntry,
  Admission,
  AdmissionRequest,
  AuditLogPort,
  GrantKeyVaultPort,
  GrantKeyVaultsPort,
  Nonce,
  ObjectPorts,
  ReplayGuardPort,
  ViewerKey,
} from './objects.js';
export type {
  DisclosureLogCursor,
  DisclosureLogFilter,
  DisclosureLogRow,
  OversightStore,
  SlotCounts,
  StoredReveal,
  SubjectDisclosureRow,
  UsageRow,
} from './oversight.js';
export type { NewOriginalAudit, OriginalAuditChange, OriginalAuditFilter, OriginalAuditRequest, OriginalAuditStore } from './original-audits.js';
export type { PurposeStore } from './purposes.js';
export type { CommitVersion, NewVersion, PendingWrite, RecordStore, RowCursor, RowRewrap, SealedRecord } from './records.js';
export type { RequestReasonRewrap, RequestReasonStore, StoredRequestReason } from './request-reasons.js';
export type { Agency, Client, ClientFilter, EnrolmentCode, RegistryStore } from './registry.js';
export type { RevealReasonRewrap, RevealReasonStore, StoredRevealReason } from './reveal-reasons.js';
export type { RevocationStore } from './revocations.js';
export { STATS_REQUEST_KINDS } from './stats.js';
export type {
  CountedTable,
  CountWindow,
  DataVersions,
  FinestCounts,
  LedgerLine,
  ProtectedTableKey,
  ProtectedTableRow,
  ProtectionLease,
  ReleaseRow,
  Spend,
  SpendOutcome,
  StatsChange,
  StatsGrant,
  StatsRequest,
  StatsRequestKind,
  StatsStore,
  StoredPublicSetting,
  UnitRow,
} from './stats.js';
export type { RecordRow } from './record-versions.js';
export type { NewReveal, ViewerStore, ViewerView } from './viewer.js';
export { VIDEO_FILES } from './videos.js';
export type { NewVideoUpload, ReceivedChunk, VideoFile, VideoPlay, VideoSealedPart, VideoStore, VideoUploadRow, VideoWriteOutcome } from './videos.js';

/** Every port of the administrative core, as one backend provides them (built once per request). */
export interface AdminStores {
  readonly registry: RegistryStore;
  readonly purposes: PurposeStore;
  readonly grants: GrantStore;
  readonly approvals: ApprovalStore;
  readonly revocations: RevocationStore;
  readonly changes: ChangeStore;
}

/**
 * Every storage port services may be handed: the administrative core's, the Durable Objects', and
 * (added one area at a time) records, media, statistics, keys, access and the viewer. Services take
 * `Pick<Stores, …>` of what they use; `store/bindings.ts` builds it from the Worker's bindings.
 */
export interface Stores extends AdminStores, ObjectPorts {
  /** The field-key versions and the root secret's key check. */
  readonly keyState: KeyStateStore;
  /** The gateway's token-signing keys. */
  readonly signingKeys: SigningKeyStore;
  /** The reasons of viewer reveals, as the jobs that seal and re-wrap them see them. */
  readonly revealReasons: RevealReasonStore;
  /** Statistics: grants, public tiers, requests (read), the budget ledger, releases, protected tables. */
  readonly stats: StatsStore;
  /** Photos: the index of every media item and the sealed chunks of its renditions. */
  readonly media: MediaStore;
  /** Videos: uploads in chunks, the video each reference names, and plays. */
  readonly videos: VideoStore;
  /** Requests to audit a photo's original, and their leadership approvals. */
  readonly originalAudits: OriginalAuditStore;
  /** Record versions (current and pending) and their blind indexes. */
  readonly records: RecordStore;
  /** Oversight's reads: the disclosure index for reports, the reveals of a traced view. */
  readonly oversight: OversightStore;
  /** Readiness's read of the schema's migrations. */
  readonly health: HealthStore;
  /** The reasons callers stated on record requests, kept sealed once per distinct text. */
  readonly requestReasons: RequestReasonStore;
  /** The per-request reads of the access middleware: the caller's standing and the named record, in one round trip. */
  readonly access: AccessStore;
  /** The officer's viewer: views, reveals, and the deliveries a viewer holds. */
  readonly viewer: ViewerStore;
}
