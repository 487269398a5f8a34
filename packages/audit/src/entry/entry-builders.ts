/**
 * One builder per kind of {@link LogEntry}: producers pass what happened (camelCase, as the gateway
 * names it) and get the entry with the wire names of FORMAT.md, in one fixed key order. Builders
 * copy arrays and objects, so a caller changing its own values later does not change an entry.
 * Token entries are built by `@need2know/policy` (`issuedEntry`, `refusalEntry`), which decides what
 * of a token request may be kept; their types are `TokenIssuedLogEntry` and `TokenRefusedLogEntry`.
 */
import type {
  AdminLogEntry,
  DisclosureAction,
  DisclosureLogEntry,
  DisclosureOutcome,
  IngestLogEntry,
  LimitName,
  MediaIngestLogEntry,
  MediaRegionsLogEntry,
  MediaUploadCancelledLogEntry,
  LoggedFaceRemoval,
  LoggedRegion,
  StatsReleaseLogEntry,
  ViewerActor,
  ViewerEvent,
  ViewerLogEntry,
} from './log-entry.js';

/** What is known of one record request when its outcome is logged. */
export interface Disclosure {
  readonly id: string;
  readonly at: number;
  readonly clientId: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly action: DisclosureAction;
  readonly recordType: string;
  /** Keyed hashes of the persons concerned, never ids or names. */
  readonly subjects: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly requestHash: string;
  readonly responseHash: string;
  readonly outcome: DisclosureOutcome;
  /** For `rate_limited`: which limit refused the request. */
  readonly limit?: LimitName;
  /** The case or outbreak number the caller stated. */
  readonly reference?: string | null;
  /** Keyed hash of the reason the caller stated (the text is kept sealed, never here). */
  readonly reasonHash?: string | null;
  /** The caller's W3C `traceparent`, already validated. */
  readonly traceparent?: string | null;
}

/** The `disclosure` entry of a record request (`limit` only when one is given). */
export function disclosureEntry(d: Disclosure): DisclosureLogEntry {
  return {
    kind: 'disclosure',
    id: d.id,
    at: d.at,
    client: d.clientId,
    agency: d.agencyId,
    purpose: d.purposeId,
    grant: d.grantId,
    action: d.action,
    record_type: d.recordType,
    subjects: [...d.subjects],
    fields: { ...d.fields },
    request_hash: d.requestHash,
    response_hash: d.responseHash,
    outcome: d.outcome,
    ...(d.limit === undefined ? {} : { limit: d.limit }),
    ...(d.reference == null ? {} : { reference: d.reference }),
    ...(d.reasonHash == null ? {} : { reason_hash: d.reasonHash }),
    ...(d.traceparent == null ? {} : { traceparent: d.traceparent }),
  };
}

/** The `disclosure` entry `entry` refused by `limit` (the log object decides the limit in its atomic step). */
export function limitedEntry(entry: DisclosureLogEntry, limit: LimitName): DisclosureLogEntry {
  return { ...entry, limit };
}

/** What one ingest batch did. */
export interface Ingest {
  readonly at: number;
  readonly clientId: string;
  readonly owner: string;
  readonly recordType: string;
  readonly received: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Keyed hashes of the versions created or updated. */
  readonly records: readonly string[];
}

/** The `ingest` entry of a batch of records. */
export function ingestEntry(i: Ingest): IngestLogEntry {
  return {
    kind: 'ingest',
    at: i.at,
    client: i.clientId,
    owner: i.owner,
    record_type: i.recordType,
    received: i.received,
    created: i.created,
    updated: i.updated,
    unchanged: i.unchanged,
    records: [...i.records],
  };
}

/** What one stored media item is, as the log may say it. */
export interface MediaIngest {
  readonly at: number;
  readonly clientId: string;
  readonly owner: string;
  readonly recordType: string;
  /** Keyed hash of the record the item belongs to. */
  readonly records: readonly string[];
  readonly field: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly blurredBy: 'gateway' | 'owner' | null;
  readonly redaction: 'redacted' | 'blurred' | null;
  readonly faces: number | null;
  readonly outcome: 'created' | 'replaced';
  /** A video's redaction manifest hash (SHA-256, hex); left out for photos. */
  readonly manifestSha256?: string;
}

/** The `media_ingest` entry of a stored media item. */
export function mediaIngestEntry(m: MediaIngest): MediaIngestLogEntry {
  return {
    kind: 'media_ingest',
    at: m.at,
    client: m.clientId,
    owner: m.owner,
    record_type: m.recordType,
    records: [...m.records],
    field: m.field,
    content_type: m.contentType,
    bytes: m.bytes,
    blurred_by: m.blurredBy,
    redaction: m.redaction,
    faces: m.faces,
    outcome: m.outcome,
    ...(m.manifestSha256 === undefined ? {} : { manifest_sha256: m.manifestSha256 }),
  };
}

/** What is known of a video upload cancelled by its client when it is logged. */
export interface MediaUploadCancelled {
  readonly at: number;
  readonly clientId: string;
  readonly owner: string;
  readonly recordType: string;
  readonly records: readonly string[];
  readonly field: string;
  readonly uploadId: string;
  readonly manifestSha256: string;
  readonly chunks: number;
  readonly bytes: number;
}

/** The `media_upload_cancelled` entry of a video upload cancelled before completion (counts, never content). */
export function mediaUploadCancelledEntry(m: MediaUploadCancelled): MediaUploadCancelledLogEntry {
  return {
    kind: 'media_upload_cancelled',
    at: m.at,
    client: m.clientId,
    owner: m.owner,
    record_type: m.recordType,
    records: [...m.records],
    field: m.field,
    upload_id: m.uploadId,
    manifest_sha256: m.manifestSha256,
    chunks: m.chunks,
    bytes: m.bytes,
  };
}

/** What is known of a change to one media item's manual regions when it is logged. */
export interface MediaRegions {
  readonly at: number;
  readonly clientId: string;
  readonly owner: string;
  readonly recordType: string;
  readonly records: readonly string[];
  readonly field: string;
  readonly regions: readonly LoggedRegion[];
  readonly removedFaces: readonly LoggedFaceRemoval[];
  readonly redaction: 'redacted' | 'blurred';
}

/** The `media_regions` entry of a change to a media item's manual regions. */
export function mediaRegionsEntry(m: MediaRegions): MediaRegionsLogEntry {
  return {
    kind: 'media_regions',
    at: m.at,
    client: m.clientId,
    owner: m.owner,
    record_type: m.recordType,
    records: [...m.records],
    field: m.field,
    regions: m.regions.map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height, reason: r.reason, note_hash: r.note_hash })),
    removed_faces: m.removedFaces.map((f) => ({ face: f.face, reason: f.reason, note_hash: f.note_hash })),
    redaction: m.redaction,
  };
}

/** A release of aggregate statistics: to whom, under what, its parameters and protection, and the hash of what left. */
export interface StatsRelease {
  readonly id: string;
  readonly at: number;
  /** An agency id, or `public`. */
  readonly consumer: string;
  readonly purpose: string;
  readonly client: string | null;
  readonly grant: string | null;
  readonly table: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
  readonly protection: Readonly<Record<string, string | number>>;
  readonly cells: number;
  readonly withheld: number;
  readonly responseHash: string;
}

/** The `stats_release` entry of a release. */
export function statsReleaseEntry(e: StatsRelease): StatsReleaseLogEntry {
  return {
    kind: 'stats_release',
    id: e.id,
    at: e.at,
    consumer: e.consumer,
    purpose: e.purpose,
    client: e.client,
    grant: e.grant,
    table: e.table,
    parameters: { ...e.parameters },
    protection: { ...e.protection },
    cells: e.cells,
    withheld: e.withheld,
    response_hash: e.responseHash,
  };
}

/** The `viewer` entry of `event`, done by `actor`. */
export function viewerEntry(actor: ViewerActor, event: ViewerEvent): ViewerLogEntry {
  return { kind: 'viewer', id: actor.id, at: actor.at, officer: actor.officer, agency: actor.agency, purpose: actor.purpose, grant: actor.grant, ...event };
}

/** An administrative event as its hash chain stores it. */
export interface AdminEvent {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** The `admin` entry of an administrative event. */
export function adminEntry(e: AdminEvent): AdminLogEntry {
  return {
    kind: 'admin',
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    detail: { ...e.detail },
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}
